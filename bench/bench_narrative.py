"""Benchmark of the narrative checks (issue #2): prints its figures, asserts nothing.

Target: the whole check() on one report well under 2 ms median; the narrative rules must stay
linear on long texts (a 20,000-character part, with and without last year's report for COPY), also
on text without punctuation (issue 13: one 120,000-character unpunctuated part took 19 s) and on a
10 MB part (target ≤ 5 s).
Run: .venv/bin/python bench/bench_narrative.py [--quick]   (--quick leaves out the 10 MB part)
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reportdesk.checks import check
from reportdesk.checks.narrative import narrative_findings
from reportdesk.form import load_form
from reportdesk.report import Report, read_report

DATA = Path(__file__).parent.parent / "tests" / "data"


def timed(name: str, run: Callable[[], object], rounds: int) -> None:
    """Print the median and p95 of ``rounds`` calls of ``run`` after a warm-up."""
    for _ in range(min(rounds, 20)):
        run()
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    times.sort()
    print(
        f"{name}: median {statistics.median(times) * 1000:.3f} ms, p95 {times[int(len(times) * 0.95)] * 1000:.3f} ms"
    )


def long_text(size: int) -> str:
    """A realistic long part: varied sentences with figures, years and application phrases."""
    sentences = [
        "2023年，我局坚持以公开为常态、不公开为例外，主动公开各类政府信息{n}条。",
        "全年共收到政府信息公开申请42件，予以公开12件，部分公开{n}件，均在法定期限内答复。",
        "较2022年增长{n}%，新闻发布会{n}场，政务新媒体合格率均为100%。",
        "依据国办公开办函〔2021〕30号和《政府信息公开信息处理费管理办法》，未收取信息处理费。",
        "政府信息公开行政复议2件，其中结果维持1件，结果纠正1件；行政诉讼{n}件。",
    ]
    out: list[str] = []
    n = 0
    while sum(map(len, out)) < size:
        out.append(sentences[n % len(sentences)].format(n=n % 97 + 1))
        n += 1
    return "".join(out)[:size]


def main() -> None:
    form = load_form()
    seed = read_report(DATA / "seed-donghu-zwfw-2023.json", form).report
    huaian = read_report(DATA / "huaian-city-gov-2024.json", form).report
    hongze23 = read_report(DATA / "hongze-district-gov-2023.json", form).report
    hongze24 = read_report(DATA / "hongze-district-gov-2024.json", form).report

    timed("narrative_findings [seed]", lambda: narrative_findings(form, seed, None), 2000)
    timed("narrative_findings [huaian]", lambda: narrative_findings(form, huaian, None), 2000)
    timed(
        "narrative_findings [hongze 2024 + 2023]", lambda: narrative_findings(form, hongze24, hongze23), 2000
    )
    timed("check() [seed]", lambda: check(form, seed), 2000)
    timed("check() [hongze 2024 + 2023]", lambda: check(form, hongze24, hongze23), 2000)

    text = long_text(20_000)
    big: Report = seed.with_text("s1.request", text)
    last: Report = seed.with_year(2022).with_text("s1.request", long_text(20_000).replace("2023", "2022"))
    print(f"long part: {len(text)} characters, {len(narrative_findings(form, big, None))} findings")
    timed("narrative_findings [20,000-char s1.request]", lambda: narrative_findings(form, big, None), 200)
    timed(
        "narrative_findings [20,000-char s1.request + previous]",
        lambda: narrative_findings(form, big, last),
        200,
    )
    everywhere = seed
    for key in form.text_keys:
        everywhere = everywhere.with_text(key, text)
    timed(
        "narrative_findings [20,000 chars in all 8 parts]",
        lambda: narrative_findings(form, everywhere, None),
        50,
    )


def once(name: str, run: Callable[[], object]) -> None:
    """One run: wall time, and the CPU time it used (what it costs on a machine not shared)."""
    t, cpu = time.perf_counter(), time.process_time()
    run()
    print(f"{name}: {time.perf_counter() - t:.2f} s ({time.process_time() - cpu:.2f} s CPU)")


def unpunctuated(form_seed: tuple[object, Report]) -> None:
    """Texts with no clause or sentence break: every look around a figure used to read to the end."""
    form, seed = form_seed
    for word in ("结转", "予以公开", "复议", "收到政府信息公开申请"):
        for size in (20_000, 120_000):
            text = (word * (size // len(word) + 1))[:size]
            report = seed.with_text("s1.request", text)
            once(f"check() [{size:,} chars of “{word}” repeated]", lambda r=report: check(form, r))  # type: ignore[arg-type]


def ten_megabytes(form_seed: tuple[object, Report]) -> None:
    form, seed = form_seed
    base = long_text(200_000)
    text = (base * 50)[:10_000_000]
    bare = re.sub(r"[，。；、,;\n！？]", "", text)
    for name, part in (("10 MB part", text), (f"{len(bare) / 1e6:.1f} MB part without punctuation", bare)):
        report = seed.with_text("s1.request", part)
        once(f"check() [{name}]", lambda r=report: check(form, r))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
    FORM = load_form()
    SEED = read_report(DATA / "seed-donghu-zwfw-2023.json", FORM).report
    unpunctuated((FORM, SEED))
    if "--quick" not in sys.argv:
        ten_megabytes((FORM, SEED))

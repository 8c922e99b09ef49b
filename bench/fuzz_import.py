"""Fuzzing the import of flattened web pages with misprinted tables (issue #16): prints its figures.

Each case derives a report from a sample (random figures that keep every sum rule, the sample's
narrative), misprints 0–3 figures of tables 三 and 四 (a figure printed k higher or lower, as a
typesetter's slip does: the printed table then breaks its sums), flattens it as a CMS page that lost
its line breaks and table cells (every row's figures run together), imports it and compares each
imported figure with the one *printed*. A wrong figure is one imported different from the printed
one — the one outcome the importer must never produce. Declined figures (printed, not imported,
with the reason said) and questions (cuts offered as a choice) are counted too.

Run: .venv/bin/python bench/fuzz_import.py [CASES] [--seed S] [--jobs N]
(3,000 cases take some minutes on two processors.)
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the report generator and the page writers of the tests

from tests.conftest import load_data  # noqa: E402
from tests.published_copies import derived, flattened, flattened_html, misprinted  # noqa: E402

from reportdesk.form import load_form  # noqa: E402
from reportdesk.importers import import_report  # noqa: E402

SAMPLES = ("seed-donghu-zwfw-2023", "huaian-city-gov-2024")
SHAPES = ("run-together", "html")


@dataclass(frozen=True)
class Case:
    seed: int
    sample: str
    shape: str
    misprints: int


@dataclass(frozen=True)
class Outcome:
    case: Case
    printed: int  # figures printed in tables 三 and 四
    imported: int  # of those, imported
    wrong: tuple[tuple[str, object, object], ...]  # key, imported, printed
    questions: int
    broken: bool  # the printed tables break a sum rule (a misprint that shows)


TABLES = ("t3.", "t4.")


def run(case: Case) -> Outcome:
    form = load_form()
    rng = random.Random(case.seed * 7 + case.misprints)
    report = derived(form, random.Random(case.seed), load_data(case.sample))
    printed = misprinted(form, report, case.misprints, rng, TABLES)
    from reportdesk.checks import check

    broken = any(f.code in ("T3-ROW", "T3-RESULTS", "T3-BALANCE", "T4-TOTAL") for f in check(form, printed))
    with tempfile.TemporaryDirectory() as tmp:
        if case.shape == "html":
            path = Path(tmp) / "page.html"
            path.write_text(flattened_html(form, printed), encoding="utf-8")
        else:
            path = Path(tmp) / "page.txt"
            path.write_text(flattened(form, printed), encoding="utf-8")
        result = import_report(path, form)
    keys = [k for k in form.cells if k.startswith(("t3.", "t4."))]
    got = result.report.cells
    wrong = tuple(
        (k, got[k], printed.cells[k]) for k in form.cells if got[k] is not None and got[k] != printed.cells[k]
    )
    return Outcome(
        case,
        len(keys),
        sum(1 for k in keys if got[k] is not None and got[k] == printed.cells[k]),
        wrong,
        len(result.questions),
        broken,
    )


def cases(count: int, seed: int) -> Iterable[Case]:
    rng = random.Random(seed)
    for i in range(count):
        yield Case(rng.randint(0, 10**9), rng.choice(SAMPLES), rng.choice(SHAPES), i % 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("cases", nargs="?", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", choices=("t3", "t4"), help="misprint only this table")
    args = parser.parse_args()
    if args.only:
        global TABLES
        TABLES = (f"{args.only}.",)
    start = time.monotonic()
    outcomes: list[Outcome] = []
    with multiprocessing.Pool(args.jobs) as pool:
        for n, outcome in enumerate(pool.imap_unordered(run, cases(args.cases, args.seed), chunksize=8), 1):
            outcomes.append(outcome)
            for key, got, want in outcome.wrong:
                print(f"WRONG {outcome.case}: {key} imported {got}, printed {want}", flush=True)
            if n % 250 == 0:
                print(f"  {n} cases, {time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)
    print(f"{len(outcomes)} flattened imports (seed {args.seed}), {time.monotonic() - start:.0f} s wall")
    print(
        "misprints  cases  broken  wrong figures  cases wrong  t3/t4 figures imported  declined  with questions"
    )
    for m in range(4):
        group = [o for o in outcomes if o.case.misprints == m]
        if not group:
            continue
        printed = sum(o.printed for o in group)
        imported = sum(o.imported for o in group)
        wrong = sum(len(o.wrong) for o in group)
        print(
            f"{m:>9}  {len(group):>5}  {sum(o.broken for o in group):>6}  {wrong:>13}  "
            f"{sum(1 for o in group if o.wrong):>11}  {imported:>9} / {printed:<9}  "
            f"{printed - imported - wrong:>8}  {sum(1 for o in group if o.questions):>14}"
        )
    shapes = Counter(o.case.shape for o in outcomes)
    print("shapes:", ", ".join(f"{s} {n}" for s, n in shapes.items()))


if __name__ == "__main__":
    main()

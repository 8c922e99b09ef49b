"""Benchmark of importing published reports (issues #13 item 7 and #16): prints its figures, asserts nothing.

Targets: a 50-page PDF and a 5 MB web page ≤ 2 s each; a 10 MB text, a 16 MB web page, a 2,000-page
PDF and a 50,000-paragraph .docx each ≤ 5 s or refused at once as too large for a report. The
time of .txt imports of 0.25 / 0.5 / 1 MB shows that it grows linearly (it was quadratic).
Every input is made here from the project's sample report (resources/sample-report.json); the
PDFs need LibreOffice (skipped without it). Run: .venv/bin/python bench/bench_import.py
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the published-report writers of the tests

from tests.importer_fixtures import write_docx, write_flat_text, write_html  # noqa: E402

from reportdesk.form import Form, load_form  # noqa: E402
from reportdesk.importers import import_report  # noqa: E402
from reportdesk.report import Report, ReportFileError, read_report  # noqa: E402

SAMPLE = ROOT / "resources" / "sample-report.json"


def padded(form: Form, report: Report, chars: int) -> Report:
    """The report with its narrative parts repeated until the whole text holds about ``chars`` characters."""
    pool = [p for k in form.text_keys for p in report.text(k).split("\n") if p]
    paragraphs, size, i = [], 0, 0
    while size < chars:
        paragraphs.append(pool[i % len(pool)])
        size += len(paragraphs[-1])
        i += 1
    return report.with_text("s1.oversight", "\n".join(paragraphs))


def timed(label: str, path: Path, form: Form) -> None:
    """Import ``path`` once and print the time, and what happened."""
    size = path.stat().st_size / 1e6
    t, cpu = time.perf_counter(), time.process_time()
    try:
        result = import_report(path, form)
        outcome = f"imported, {result.cells_read()} figures"
    except ReportFileError as e:
        outcome = f"refused: {e.reason[:60]}"
    wall, used = time.perf_counter() - t, time.process_time() - cpu
    print(f"{label:<42} {size:7.2f} MB {wall:7.2f} s {used:7.2f} s   {outcome}")


def _pdf(form: Form, report: Report, folder: Path, name: str) -> Path | None:
    """The report rendered by reportdesk and printed to PDF by LibreOffice."""
    from reportdesk.render.docx import render_docx

    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    docx = folder / f"{name}.docx"
    docx.write_bytes(render_docx(form, report))
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo", "--convert-to", "pdf",
         "--outdir", str(folder), str(docx)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return folder / f"{name}.pdf"


def _repeat_pages(source: Path, pages: int, target: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(source)
    writer = PdfWriter()
    for i in range(pages):
        writer.add_page(reader.pages[i % len(reader.pages)])
    with target.open("wb") as f:
        writer.write(f)
    return target


def _bloated_html(form: Form, report: Report, path: Path, megabytes: float) -> Path:
    """A saved web page of the report carrying ``megabytes`` of inline image, script and style."""
    write_html(form, report, path, encoding="utf-8")
    page = path.read_text(encoding="utf-8")
    picture = base64.b64encode(bytes(range(256)) * int(megabytes * 1e6 / 2 / 256 * 3 / 4)).decode("ascii")
    script = "var x = 1;\n" * int(megabytes * 1e6 / 4 / 11)
    style = ".mso { font-family: 仿宋_GB2312; }\n" * int(megabytes * 1e6 / 4 / 40)
    page = page.replace("</head>", f"<style>{style}</style><script>{script}</script></head>", 1).replace(
        "</body>", f'<img src="data:image/png;base64,{picture}"></body>', 1
    )
    path.write_text(page, encoding="utf-8")
    return path


def main() -> None:
    form = load_form()
    sample = read_report(SAMPLE, form).report
    cases: list[tuple[str, Callable[[Path], Path | None]]] = []

    def text_of(chars: int) -> Callable[[Path], Path]:
        def make(folder: Path) -> Path:
            path = folder / f"t{chars}.txt"
            write_flat_text(form, padded(form, sample, chars), path)
            return path

        return make

    for chars in (83_000, 166_000, 333_000):  # 0.25 / 0.5 / 1 MB of UTF-8
        cases.append((f".txt, {chars:,} characters", text_of(chars)))
    cases.append((".txt, 10 MB", text_of(3_400_000)))

    def one_line(folder: Path) -> Path:
        flat = folder / "flat.txt"
        write_flat_text(form, padded(form, sample, 3_400_000), flat)
        path = folder / "oneline.txt"
        path.write_text(flat.read_text(encoding="utf-8").replace("\n", ""), encoding="utf-8")
        return path

    cases.append((".txt, 10 MB on one line", one_line))
    cases.append(
        (".html, 5 MB (images, script, style)", lambda f: _bloated_html(form, sample, f / "b5.html", 5))
    )
    cases.append(
        (".html, 16 MB (images, script, style)", lambda f: _bloated_html(form, sample, f / "b16.html", 16))
    )

    def long_html(folder: Path) -> Path:
        path = folder / "long.html"
        write_html(form, padded(form, sample, 5_300_000), path, encoding="utf-8")
        return path

    cases.append((".html, 16 MB of text", long_html))

    def docx_of(paragraphs: int) -> Callable[[Path], Path]:
        def make(folder: Path) -> Path:
            path = folder / f"p{paragraphs}.docx"
            report = padded(form, sample, 1)
            pool = [p for k in form.text_keys for p in sample.text(k).split("\n") if p]
            body = "\n".join(pool[i % len(pool)][:40] for i in range(paragraphs))
            write_docx(form, report.with_text("s1.oversight", body), path)
            return path

        return make

    cases.append((".docx, 50,000 paragraphs", docx_of(50_000)))

    def pdf_pages(folder: Path) -> Path | None:
        return _pdf(form, padded(form, sample, 33_000), folder, "p50")

    def pdf_2000(folder: Path) -> Path | None:
        source = folder / "p50.pdf"
        return _repeat_pages(source, 2000, folder / "p2000.pdf") if source.exists() else None

    cases.append((".pdf, ~50 pages (LibreOffice)", pdf_pages))
    cases.append((".pdf, 2,000 pages", pdf_2000))

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'input':<42} {'size':>10} {'wall':>9} {'cpu':>9}   outcome")  # cpu: this process alone
        for label, make in cases:
            path = make(folder)
            if path is None:
                print(f"{label:<42} skipped: LibreOffice (soffice) is not installed")
                continue
            if path.suffix == ".pdf":
                from pypdf import PdfReader

                label = f"{label} [{len(PdfReader(path).pages)} pages]"
            timed(label, path, form)


if __name__ == "__main__":
    main()

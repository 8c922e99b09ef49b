"""How large a file may be to be taken for a report, checked before the slow work.

A published annual report has a few thousand to a few tens of thousands of characters and a few
to a few dozen pages; a file a hundred times larger is something else (a collection, a log, a
wrong choice of file). Such a file is refused at once with a message saying so, rather than read
for minutes: every step after the reader is linear, but a 2,000-page PDF still takes a minute to
extract, and a report with a million characters of "narrative" is of no use to anyone.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportdesk.report import ReportFileError

MAX_CHARS = 500_000  # characters of text in the whole document (the longest real reports: ~60,000)
MAX_PAGES = 150  # pages of a PDF (real reports: 4 … 40)
MAX_TAGS = 250_000  # markup tags of a web page (a report page: a few thousand; Word's HTML export: ~50,000)
MAX_BYTES = 64 * 1024 * 1024  # a text or web page file, images and scripts included


def _wan(n: int) -> str:
    return f"{n / 10000:.0f} 万" if n >= 10000 else str(n)


def check_bytes(size: int, source: str) -> None:
    """Refuse a text or web page file larger than :data:`MAX_BYTES` before reading it."""
    if size > MAX_BYTES:
        raise ReportFileError(
            source,
            f"文件有 {size / 1024 / 1024:.0f} MB，远远超出一份年度报告的大小，不像是年度报告，未导入。"
            "请确认选择的文件是否正确",
        )


def check_pages(pages: int, source: str) -> None:
    """Refuse a PDF with more than :data:`MAX_PAGES` pages before extracting its text."""
    if pages > MAX_PAGES:
        raise ReportFileError(
            source,
            f"PDF 有 {pages} 页，年度报告通常只有几页到几十页（最多按 {MAX_PAGES} 页读取），"
            "这不像是一份年度报告，未导入。如果报告只是其中的一部分，请把报告的几页另存为一个 PDF 后再导入",
        )


def check_tags(text: str, source: str) -> None:
    """Refuse a web page with more than :data:`MAX_TAGS` tags before parsing it."""
    tags = text.count("<")
    if tags > MAX_TAGS:
        raise ReportFileError(
            source,
            f"网页中有约 {_wan(tags)}个标记，远远超出一份年度报告的网页，不像是年度报告，未导入。"
            "请在浏览器中只复制报告正文，用“粘贴导入”导入",
        )


def check_chars(texts: Iterable[str], source: str) -> None:
    """Refuse a document whose text is longer than :data:`MAX_CHARS` characters."""
    total = 0
    for text in texts:
        total += len(text)
        if total > MAX_CHARS:
            break
    if total > MAX_CHARS:
        raise ReportFileError(
            source,
            f"文件中的文字超过 {_wan(MAX_CHARS)}字，一份年度报告通常不到 5 万字，这不像是一份年度报告，未导入。"
            "请确认选择的文件是否正确，或只把报告本身另存为一个文件后再导入",
        )

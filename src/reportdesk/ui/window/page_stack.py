"""The section pages of the window, each made the first time it is shown or asked for: making all
six (and the 汇总 page) at start-up took most of the window's cold start, and an officer opening
the window mostly looks at one page first. A page made later is loaded with the open report and
its findings at once, so it never shows anything stale."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget

from reportdesk.form import Form, Section
from reportdesk.ui.control.session import Session, Update

if TYPE_CHECKING:
    from reportdesk.checks import Finding
    from reportdesk.ui.pages.narrative import NarrativePage
    from reportdesk.ui.pages.table import TablePage

    Page = NarrativePage | TablePage
else:
    Page = object


def is_table(widget: object) -> bool:
    """A page of table 二, 三 or 四 (the page modules are imported only when a page is made)."""
    section = getattr(widget, "section", None)
    return section is not None and section.table is not None


def is_narrative(widget: object) -> bool:
    """A page of texts (一, 五, 六)."""
    section = getattr(widget, "section", None)
    return section is not None and section.table is None


class Pages(Mapping[str, Page]):
    """Section key → page; ``pages[key]`` makes the page if it is not made yet."""

    def __init__(self, form: Form, stack: QStackedWidget, made: Callable[[str, Page], None]) -> None:
        self._form = form
        self._stack = stack
        self._made = made
        self._pages: dict[str, Page] = {}

    def __getitem__(self, key: str) -> Page:
        page = self._pages.get(key)
        if page is None:
            section = next((s for s in self._form.sections if s.key == key), None)
            if section is None:
                raise KeyError(key)
            page = _make(self._form, section)
            self._pages[key] = page
            self._stack.addWidget(page)
            self._made(key, page)
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(s.key for s in self._form.sections)

    def __len__(self) -> int:
        return len(self._form.sections)

    def built(self) -> list[Page]:
        """The pages made so far (the others are made with what is current when first shown)."""
        return list(self._pages.values())

    def table_page(self, table: str) -> TablePage:
        """The page of table ``t2``, ``t3`` or ``t4``."""
        key = next(s.key for s in self._form.sections if s.table == table)
        page = self[key]
        assert is_table(page)
        return page  # type: ignore[return-value]


def _make(form: Form, section: Section) -> Page:
    if section.table:
        from reportdesk.ui.pages.table import TablePage

        return TablePage(form, section)
    from reportdesk.ui.pages.narrative import NarrativePage

    return NarrativePage(form, section)


def load_page(page: Page, session: Session) -> None:
    """Show the session's report on a page (its figures or texts, and last year's)."""
    report, previous = session.report, session.previous
    if is_table(page):
        page.model.load(report.cells, previous.cells if previous else None, session.findings)
        page.set_has_previous(previous.year if previous else None)
    else:
        page.load(
            dict(report.texts),
            previous.year if previous else None,
            dict(previous.texts) if previous else None,
        )


def refresh_pages(pages: list[Page], session: Session, update: Update, everything: bool) -> None:
    """Bring pages up to date after an edit: figures and their findings, texts and theirs."""
    report = session.report
    findings = session.findings if (update.findings_changed or everything) else None
    if update.cells or findings is not None or everything:
        for page in pages:
            if is_table(page):
                page.model.refresh(report.cells, findings)
    narrative = [p for p in pages if is_narrative(p)]
    if not narrative:
        return
    by_text: dict[str, list[Finding]] = {}
    for f in session.open_findings():
        for key in f.texts:
            by_text.setdefault(key, []).append(f)
    untouched = {k for k in report.texts if session.untouched(k)}
    for page in narrative:
        for key in update.texts:
            if key in page.parts:
                page.parts[key].set_text(report.text(key))
        if findings is not None or update.texts or everything:
            page.set_findings(by_text, untouched)

"""What the store does for imported reports beyond storing them: the marks of figures still to be
checked (:mod:`reportdesk.unsure`), and an import that replaces the content of a report the body
already has for that year (one revision of its history, which is kept).

Mixed into :class:`~reportdesk.store.Store`, whose ``_edit``, ``form`` and ``_now`` it uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from reportdesk.report import Report
from reportdesk.store import drafts
from reportdesk.store import reasons as reason_keys
from reportdesk.store.errors import StoreError
from reportdesk.store.models import UNSURE, Change
from reportdesk.store.rows import check_form_version, diff, live_meta, read_flat, read_values, report_to_flat

if TYPE_CHECKING:
    from reportdesk.form import Form
    from reportdesk.store.engine import Connection

REPLACED_NOTE = "替换了原有内容，原内容可在修改历史中恢复"


class ImportedReports:
    """The store's methods for imported reports (see the module's description)."""

    form: Form
    _edit: Callable[..., int]

    def set_unsure(self, report_id: int, marks: Mapping[str, str | None]) -> int:
        """Set marks of imported figures still to be checked (stored texts) or remove them (``None``),
        as one revision; returns the report's revision."""
        return self._edit(report_id, lambda conn: drafts.unsure_changes(conn, self.form, report_id, marks))

    def confirm_imported(self, report_id: int, keys: Iterable[str] | None = None) -> int:
        """The officer has checked these imported figures (all, when ``keys`` is None): their marks
        go, as one revision; returns the report's revision."""

        def changes(conn: Connection) -> list[Change]:
            stored = read_values(conn, report_id, UNSURE, self.form.cells)
            wanted = stored if keys is None else {k: v for k, v in stored.items() if k in set(keys)}
            return drafts.unsure_changes(conn, self.form, report_id, dict.fromkeys(wanted))

        return self._edit(report_id, changes)

    def replace_with_import(self, report_id: int, report: Report) -> int:
        """Make the report read as ``report`` (an import of the same body's report for the same year):
        one revision recorded as 导入, so the content it had is kept in its history and can be
        restored. Its 定稿 names stay on the revisions they named."""
        check_form_version(self.form, report)

        def changes(conn: Connection) -> list[Change]:
            meta = live_meta(conn, report_id)
            if meta.year != report.year:
                raise StoreError(
                    f"导入的是 {report.year} 年的报告，不能替换 {meta.year} 年的报告（编号 {report_id}）"
                )
            converted = reason_keys.converted(conn, self.form, meta.body_id, report)
            return diff(read_flat(conn, report_id), report_to_flat(converted))

        return self._edit(report_id, changes, "import", REPLACED_NOTE)

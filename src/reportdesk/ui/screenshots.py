"""``reportdesk --screenshots DIR``: visit every page and write one PNG per page, then exit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from reportdesk.ui.aggregate.actions import AGGREGATE
from reportdesk.ui.control.controller import START, Controller
from reportdesk.ui.control.database import backup_name
from reportdesk.ui.dialogs.questions import question_box
from reportdesk.ui.window.main_window import MainWindow

SIZE = (1360, 860)


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _save(widget: QWidget, path: Path, written: list[Path]) -> None:
    _settle()
    widget.grab().save(str(path))
    written.append(path)


def latest_report(controller: Controller) -> int | None:
    """The report changed most recently, if the database has any."""
    infos = [r for b in controller.store.list_bodies() for r in b.reports]
    return max(infos, key=lambda r: (r.updated, r.id)).id if infos else None


def take_screenshots(
    window: MainWindow, controller: Controller, folder: Path, report_id: int | None
) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    window.resize(*SIZE)
    window.show()
    report_id = report_id if report_id is not None else latest_report(controller)
    if report_id is not None:
        controller.open_report(report_id)
    controller.go(START)
    _save(window, folder / "01-start.png", written)
    n = len(controller.form.sections) + 2
    if report_id is not None:
        _report_pages(window, controller, folder, n, written)
    _database_pages(window, controller, folder, n + 2, written)
    window.close()
    return written


def _report_pages(
    window: MainWindow, controller: Controller, folder: Path, n: int, written: list[Path]
) -> None:
    """Each section, the findings panel and the 生成 Word dialog of the open report."""
    for i, section in enumerate(controller.form.sections, start=2):
        controller.go(section.key)
        _save(window, folder / f"{i:02d}-{section.key}.png", written)
    window.show_findings_panel()
    session = controller.session
    shown = next(
        (f for f in (session.open_findings() if session else []) if f.level == "warning"),
        session.open_findings()[0] if session and session.open_findings() else None,
    )
    if shown is not None:
        controller.go_to_finding(shown)
        window.select_finding(shown)
    _save(window, folder / f"{n:02d}-findings.png", written)
    from reportdesk.ui.dialogs.generate import GenerateDialog

    dialog = GenerateDialog(controller, controller.form, window)
    dialog.show()
    _save(dialog, folder / f"{n + 1:02d}-generate.png", written)
    dialog.close()


def _database_pages(
    window: MainWindow, controller: Controller, folder: Path, n: int, written: list[Path]
) -> None:
    """The 汇总 page (once its survey is done), the bin, and what restoring a backup asks."""
    from reportdesk.ui.control.database import restore_question
    from reportdesk.ui.dialogs.bin import BinDialog

    controller.go(AGGREGATE)
    _settle()
    window.aggregate_page.wait()
    _save(window, folder / f"{n:02d}-aggregate.png", written)
    bin_dialog = BinDialog(controller, window)
    bin_dialog.show()
    _save(bin_dialog, folder / f"{n + 1:02d}-bin.png", written)
    bin_dialog.close()
    db = Path(controller.store.path)
    question, details = restore_question(controller.backups_folder() / backup_name(), db)
    box = question_box(window, question, details, "恢复(&R)")
    box.show()
    _save(box, folder / f"{n + 2:02d}-restore.png", written)
    box.close()

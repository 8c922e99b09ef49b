"""``reportdesk --screenshots DIR``: visit every page and write one PNG per page, then exit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from reportdesk.ui.controller import START, Controller
from reportdesk.ui.main_window import MainWindow

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
    if report_id is None:
        return written
    for i, section in enumerate(controller.form.sections, start=2):
        controller.go(section.key)
        _save(window, folder / f"{i:02d}-{section.key}.png", written)
    n = len(controller.form.sections) + 2
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
    from reportdesk.ui.generate_dialog import GenerateDialog

    dialog = GenerateDialog(controller, controller.form, window)
    dialog.show()
    _save(dialog, folder / f"{n + 1:02d}-generate.png", written)
    dialog.close()
    window.close()
    return written

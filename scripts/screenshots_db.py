"""The drafts database of the README pictures (scripts/readme-screenshots.sh), on a fixed clock.

洪泽区 2024 rolled over from 2023 (last year's text beside this year's), and the 东湖 2023 report with
one figure mistyped. Every revision is stamped by a clock that starts at a fixed time and ticks one
minute per edit, so the start page's 最后修改 column is the same on every run and a picture changes
only when the window does. Prints the ids of the rolled-over report and of the 东湖 report.
Run: .venv/bin/python scripts/screenshots_db.py DB
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from reportdesk.form import load_form
from reportdesk.report import read_report
from reportdesk.store import Store

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
BEIJING = timezone(timedelta(hours=8))


def fixed_clock(start: datetime) -> Callable[[], datetime]:
    """A clock that says ``start``, then one minute later on every call."""
    ticks = iter(range(10**6))
    return lambda: start + timedelta(minutes=next(ticks))


def main() -> None:
    form = load_form()
    clock = fixed_clock(datetime(2025, 1, 6, 9, 0, tzinfo=BEIJING))
    with Store.open(Path(sys.argv[1]), form=form, clock=clock) as store:
        last = store.import_report(read_report(DATA / "hongze-district-gov-2023.json", form).report)
        rolled = store.rollover(last, 2024)
        seed = store.import_report(read_report(DATA / "seed-donghu-zwfw-2023.json", form).report)
        store.set_cell(seed, "t3.disclosed.natural", 13)  # the report says 12
    print(rolled, seed)


if __name__ == "__main__":
    main()

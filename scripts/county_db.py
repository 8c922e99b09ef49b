"""A county's drafts database for the README picture of the 汇总 page (scripts/readme-screenshots.sh).

淮安市洪泽区人民政府 and its bodies' 2024 reports, generated so that every sum rule holds: two
finalised, one mistyped, one not begun, one body whose 2024 report is in the bin, one with a
warning left (a 规章 figure a county's body cannot have). Prints the id of
the government's 2023 report (the report the screenshots open).
Run: .venv/bin/python scripts/county_db.py DB
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the report generator of the tests

from scripts.screenshots_db import BEIJING, fixed_clock
from tests.aggregate_support import generated

from reportdesk.form import load_form
from reportdesk.report import Agency, read_report
from reportdesk.store import Store

REGION = "淮安市洪泽区"
BODIES = (
    "发展和改革委员会",
    "教育体育局",
    "公安分局",
    "财政局",
    "交通运输局",
    "住房和城乡建设局",
    "高良涧街道办事处",
)
RULES = ("t2.regulations.issued", "t2.regulations.repealed", "t2.regulations.in_force")
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def main() -> None:
    form, rng = load_form(), random.Random(2024)
    # A fixed clock: the pictures must not change by the day.
    clock = fixed_clock(datetime(2025, 1, 20, 9, 0, tzinfo=BEIJING))
    with Store.open(Path(sys.argv[1]), form=form, clock=clock) as store:
        opened = store.import_report(read_report(DATA / "hongze-district-gov-2023.json", form).report)
        ids = []
        for name in BODIES:
            kind = "township" if name.endswith("办事处") else "department"
            # Only governments of a 设区的市 and above make 规章: a county's bodies report none.
            report = generated(form, rng, 2024, name, kind).with_cells(dict.fromkeys(RULES, 0))
            ids.append(
                store.import_report(replace(report, agency=Agency(name=name, region=REGION, kind=kind)))
            )
        store.finalize(ids[0], "报送稿")
        store.finalize(ids[3], "报送稿")
        store.set_cell(ids[2], "t3.disclosed.natural", 9999)
        store.delete(ids[5])
        store.set_cell(ids[4], "t2.regulations.in_force", 2)
        store.create_report(store.add_body("卫生健康委员会", REGION, "department"), 2024)
    print(opened)


if __name__ == "__main__":
    main()

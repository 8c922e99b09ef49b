"""A child process for the store's kill and two-writer tests (run as a script, not collected).

Usage: store_writer.py DB REPORT_ID FIRST COUNT MODE
Makes COUNT edits numbered FIRST, FIRST+1, …: in MODE "mixed" odd numbers go to a cell and even ones
to a text; in MODE "natural"/"commercial" every number goes to that column of row 一. Prints each
number only after the edit is committed, so the parent knows exactly what was promised. The
single-column modes wait for a line on stdin after "ready", so two writers start together.
"""

from __future__ import annotations

import sys
import time

from reportdesk.store import Store


def main() -> int:
    db, report_id, first, count, mode = (
        sys.argv[1],
        int(sys.argv[2]),
        int(sys.argv[3]),
        int(sys.argv[4]),
        sys.argv[5],
    )
    with Store.open(db, busy_timeout=30.0) as store:
        print("ready", flush=True)
        if mode != "mixed":
            sys.stdin.readline()  # the two writers start together on the parent's word
        for n in range(first, first + count):
            if mode == "mixed" and n % 2 == 0:
                store.set_text(report_id, "s1.active", f"第 {n} 次修改")
            elif mode == "mixed":
                store.set_cell(report_id, "t3.new.natural", n)
            else:
                store.set_cell(report_id, f"t3.new.{mode}", n)
            print(n, flush=True)
            if mode != "mixed":
                time.sleep(0.001)  # paced like a person (or a script) editing, not a tight loop
    return 0


if __name__ == "__main__":
    sys.exit(main())

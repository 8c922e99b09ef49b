"""An edit on a shared database in one statement (store/quick.py) has exactly the outcome of the
careful way: the same revisions, the same changes in the same order, the same conflicts, the same
report — checked against a file, where every edit takes the careful way, over random sequences of
two windows typing on one report while a third writer changes it behind their backs."""

from __future__ import annotations

import random
from contextlib import suppress
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reportdesk.store import Edit, EditConflict, NotFound, Store, StoreError
from reportdesk.store.models import CELL, EXPLANATION, TEXT

from .conftest import load_data, new_pg_database
from .pg_server import PgServer

CELLS = ["t3.new.natural", "t3.new.commercial", "t3.disclosed.natural", "t4.review.upheld", "t2.fees.amount"]
TEXTS = ["s6", "intro", "s5.problems"]
REASONS = ["YOY-JUMP@t3.new.total", "X-CARRY@t3.carried_in.natural", "X-STOCK@t2.normative.in_force"]
WORDS = ["", "本年度未收取费用。", "无。", "一是加强培训；二是完善制度。"]


class Window:
    """One officer's window: what it shows of the report, and the revision it was shown at."""

    def __init__(self, store: Store, report_id: int) -> None:
        self.store, self.id = store, report_id
        self.reload()

    def reload(self) -> None:
        report = self.store.load(self.id)
        self.shown: dict[tuple[str, str], Any] = {(CELL, k): v for k, v in report.cells.items()}
        self.shown |= {(TEXT, k): report.texts.get(k, "") for k in TEXTS}
        self.shown |= {(EXPLANATION, k): report.explanations.get(k) for k in REASONS}
        self.base = self.store.info(self.id).rev


def _value(rng: random.Random, key: str) -> Any:
    if key == "t2.fees.amount":
        return rng.choice([None, Decimal(rng.randint(0, 9999)).scaleb(-rng.randint(0, 3))])
    return rng.choice([None, 0, rng.randint(0, 50), rng.randint(0, 50)])


def _edit(rng: random.Random) -> tuple[str, dict[str, Any]]:
    kind = rng.choice([CELL, CELL, CELL, TEXT, EXPLANATION])
    if kind == CELL:
        return kind, {k: _value(rng, k) for k in rng.sample(CELLS, rng.choice([1, 1, 2]))}
    if kind == TEXT:
        return kind, {rng.choice(TEXTS): rng.choice(WORDS)}
    return kind, {
        k: rng.choice([None, "机构调整", "统计口径变化"]) for k in rng.sample(REASONS, rng.choice([1, 2]))
    }


def _outcome(call: Any) -> Any:
    try:
        return ("rev", call())
    except EditConflict as e:
        return ("conflict", [(c.key, c.theirs, c.mine) for c in e.conflicts])
    except StoreError as e:
        return ("refused", str(e).replace("\\", "/"))


class Engine:
    """One database with its writers: two windows and someone else writing the careful way."""

    def __init__(self, location: Path | str) -> None:
        with Store.open(location) as first:
            self.id = first.import_report(load_data("hongze-district-gov-2023"))
        self.stores = [Store.open(location) for _ in range(3)]
        self.windows = [Window(s, self.id) for s in self.stores[:2]]
        self.other = self.stores[2]
        self.executed = 0  # statements the windows' connections ran (on the server)
        self.statements: list[int] = []  # of each window's edit
        if self.other.engine == "postgresql":
            for window in self.windows:
                self._count(window.store)

    def _count(self, store: Store) -> None:
        conn: Any = store.connection
        real = conn.execute

        def counted(sql: str, params: Any = ()) -> Any:
            self.executed += 1
            return real(sql, params)

        conn.execute = counted

    def step(self, rng: random.Random, what: str, window: int) -> Any:
        if what == "other":
            key = rng.choice(CELLS)
            return _outcome(lambda: self.other.set_cells(self.id, {key: _value(rng, key)}))
        if what == "bin":
            self.other.delete(self.id)
            refused = self.step(rng, "edit", window)
            self.other.undelete(self.id)
            return refused
        if what == "reload":
            self.windows[window].reload()
            return ("reloaded", self.windows[window].base)
        w = self.windows[window]
        kind, values = _edit(rng)
        seen = {k: w.shown[(kind, k)] for k in values}
        result = self.edit(w, Edit(kind, values, seen, w.base))
        if result[0] == "rev":
            w.base = result[1]
            w.shown |= {(kind, k): v for k, v in values.items()}
        elif result[0] == "conflict":
            w.reload()  # the window shows the report as it is now, as the conflict question does
        return result

    def edit(self, window: Window, edit: Edit) -> Any:
        before = self.executed
        result = _outcome(lambda: window.store.edit(self.id, edit))
        self.statements.append(self.executed - before)
        return result

    def history(self) -> list[Any]:
        return [
            (r.rev, r.action, r.note, [(c.kind, c.key, c.old, c.new) for c in r.changes])
            for r in self.other.history(self.id)
        ]

    def positions(self) -> list[Any]:
        """Where each key sits in its table (a key new to a report goes after the others)."""
        return [
            self.other.connection.execute(
                f"SELECT {key}, pos FROM {table} WHERE report_id = ? ORDER BY {key}", (self.id,)
            ).fetchall()
            for table, key in (("cells", "key"), ("texts", "key"), ("explanations", "code"))
        ]

    def close(self) -> None:
        for store in self.stores:
            store.close()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_one_statement_edits_give_what_the_careful_way_gives(
    pg_server: PgServer, tmp_path: Path, seed: int
) -> None:
    file, server = Engine(tmp_path / "drafts.db"), Engine(new_pg_database(pg_server))
    rng = random.Random(seed)
    try:
        outcomes = []
        for _ in range(90):
            what = rng.choices(["edit", "other", "reload", "bin"], [16, 3, 1, 1])[0]
            window = rng.randrange(2)
            state = rng.getstate()
            expected = file.step(rng, what, window)
            rng.setstate(state)
            assert server.step(rng, what, window) == expected
            outcomes.append(expected[0])
        # One officer typing alone, as is usual: one statement an edit once the report is known.
        server.statements.clear()
        for engine in (file, server):
            w = engine.windows[0]
            w.reload()
            for n in range(8):
                key = CELLS[n % 3]
                _, w.base = engine.edit(w, Edit(CELL, {key: n}, {key: w.shown[(CELL, key)]}, w.base))
                w.shown[(CELL, key)] = n
        assert server.statements[1:] == [1] * 7
        assert server.history() == file.history()
        there, here = server.other.load(server.id), file.other.load(file.id)
        assert there == here
        for part in ("cells", "texts", "explanations"):  # the same order of keys, too
            assert list(getattr(there, part)) == list(getattr(here, part))
        assert server.positions() == file.positions()
        assert {"rev", "conflict", "refused"} <= set(outcomes)  # the sequence met every case
    finally:
        file.close()
        server.close()


def test_an_officer_cannot_edit_another_bodys_report_this_way_either(
    pg_server: PgServer,
) -> None:
    from reportdesk.server.admin import Listed, set_up_accounts
    from reportdesk.store.server import open_server

    url = new_pg_database(pg_server)
    database = url.rsplit("/", 1)[1]
    with Store.open(url) as admin:
        mine = admin.import_report(load_data("hongze-district-gov-2023"))
        name = admin.body(admin.info(mine).body_id).name
        theirs = admin.create_report(admin.add_body("某某县财政局", "某某县"), 2023)
        before = admin.history(theirs)
    with open_server(url, 5.0) as conn:
        _office, officer = set_up_accounts(
            conn, "某某县人民政府", [Listed(name)], "2025-01-01T00:00:00+08:00"
        )
    with Store.open(pg_server.url(database, officer.role, officer.password)) as store:
        store.edit(mine, Edit(CELL, {"t3.new.natural": 99}, {"t3.new.natural": 21}, 1))
        with pytest.raises(NotFound):
            store.edit(theirs, Edit(CELL, {"t3.new.natural": 99}, {"t3.new.natural": None}, 1))
    with Store.open(url) as admin:
        assert admin.history(theirs) == before
        assert admin.history(mine)[-1].author == f"{name}（{officer.role}）"


class Undone(Exception):
    """Leaves a transaction, rolling it back."""


def test_the_access_rules_look_the_login_up_by_index(pg_server: PgServer) -> None:
    """Compared in the "C" collation of ``name``, the login could not use the grants' index: every rule
    of every statement would read all the grants (a dozen times an edit, with a thousand bodies)."""
    from reportdesk.server.admin import Listed, set_up_accounts
    from reportdesk.store.quick import _APPLIES
    from reportdesk.store.server import open_server

    url = new_pg_database(pg_server)
    with Store.open(url) as admin:
        report_id = admin.import_report(load_data("hongze-district-gov-2023"))
        name = admin.body(admin.info(report_id).body_id).name
    with open_server(url, 5.0) as conn:
        _office, officer = set_up_accounts(
            conn, "某某县人民政府", [Listed(name)], "2025-01-01T00:00:00+08:00"
        )
    with Store.open(pg_server.url(url.rsplit("/", 1)[1], officer.role, officer.password)) as store:
        conn = store.connection
        with suppress(Undone), conn.write():  # rolled back: EXPLAIN ANALYZE runs the edit
            conn.execute("SET LOCAL enable_seqscan = off")
            plan = "\n".join(
                row[0]
                for row in conn.execute(
                    "EXPLAIN (ANALYZE, COSTS OFF) " + _APPLIES[CELL],
                    (
                        "2025-01-01T00:00:00",
                        report_id,
                        1,
                        '[{"seq": 1, "key": "t3.new.natural", "old": "21", "new": "22"}]',
                        "2025-01-01T00:00:00",
                        officer.role,
                        CELL,
                    ),
                ).fetchall()
            )
            raise Undone
    looked_up = [line.strip() for line in plan.splitlines() if "CURRENT_USER" in line]
    assert looked_up and all(line.startswith("Index Cond:") for line in looked_up), looked_up

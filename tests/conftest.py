"""Shared fixtures. Qt must run offscreen, set before any QApplication exists.

The reference corpus: tests marked ``reference`` read the real published reports that lie beside the
checkout (``../shared/reference``, or ``$REPORTDESK_REFERENCE``) through the ``reference`` fixture. A
clone with nothing beside it does not run them and says so in one line at the end of the run; with
``CI`` set, a missing corpus fails them instead. Everything else reads only files in the repository.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from reportdesk.form import Form, load_form
from reportdesk.report import Report, read_report

from .pg_server import PgServer

# No per-example deadline anywhere: CI builds the bundles beside the tests on two processors, and a
# property that checks the right thing must not fail because an example waited for the processor.
settings.register_profile("reportdesk", deadline=None)
settings.load_profile("reportdesk")

DATA = Path(__file__).parent / "data"
REFERENCE_ENV = "REPORTDESK_REFERENCE"


def reference_dir() -> Path:
    """Where the reference corpus is: ``$REPORTDESK_REFERENCE``, else ``../shared/reference``."""
    given = os.environ.get(REFERENCE_ENV)
    if given:
        return Path(given).expanduser().resolve()
    return Path(__file__).resolve().parents[2] / "shared" / "reference"


def reference_present() -> bool:
    return reference_dir().is_dir()


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def reference() -> Path:
    """The reference corpus directory (tests using it are marked ``reference`` automatically)."""
    path = reference_dir()
    if not path.is_dir():
        pytest.fail(
            f"reference corpus missing: {path} (set {REFERENCE_ENV} or put shared/ beside the checkout)"
        )
    return path


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "reference" in getattr(item, "fixturenames", ()) and item.get_closest_marker("reference") is None:
            item.add_marker(pytest.mark.reference)
    marked = [i for i in items if i.get_closest_marker("reference") is not None]
    config.stash[_MARKED] = len(marked)
    if marked and not reference_present() and not _in_ci():
        config.hook.pytest_deselected(items=marked)
        items[:] = [i for i in items if i.get_closest_marker("reference") is None]


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Only reached without the corpus when CI is set (otherwise the tests were deselected).
    if item.get_closest_marker("reference") is not None and not reference_present():
        pytest.fail(
            f"CI is set and the reference corpus is missing: {reference_dir()} "
            f"(CI must run the tests marked `reference`; put shared/ beside the checkout or set {REFERENCE_ENV})",
            pytrace=False,
        )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    count = config.stash.get(_MARKED, 0)
    if not count:
        return
    where = reference_dir()
    if reference_present():
        terminalreporter.write_sep("-", f"reference: {count} tests marked `reference` ran on {where}")
    elif _in_ci():
        terminalreporter.write_sep(
            "=",
            f"FAILED: corpus absent and CI is set: {count} reference tests need {where}",
            red=True,
            bold=True,
        )
    else:
        terminalreporter.write_sep(
            "=",
            f"not run: corpus absent: {count} tests marked `reference` need {where} "
            f"(put shared/ beside the checkout or set {REFERENCE_ENV})",
            yellow=True,
            bold=True,
        )


_MARKED = pytest.StashKey[int]()


@pytest.fixture(scope="session")
def form() -> Form:
    return load_form()


def load_data(name: str) -> Report:
    """One of the real reports in tests/data, by file stem."""
    return read_report(DATA / f"{name}.json", load_form()).report


@pytest.fixture(scope="session")
def seed() -> Report:
    return load_data("seed-donghu-zwfw-2023")


@pytest.fixture(scope="session")
def huaian() -> Report:
    return load_data("huaian-city-gov-2024")


@pytest.fixture(scope="session")
def hongze2023() -> Report:
    return load_data("hongze-district-gov-2023")


@pytest.fixture(scope="session")
def hongze2024() -> Report:
    return load_data("hongze-district-gov-2024")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One real PostgreSQL server for the whole run (started in a temporary folder, removed after)."""
    server = PgServer()
    server.start()
    try:
        yield server
    finally:
        server.remove()


_databases = itertools.count(1)


def new_pg_database(server: PgServer) -> str:
    """A fresh, empty database on the test server; its address, logged in as the superuser."""
    return server.create_database(f"rd_test_{os.getpid()}_{next(_databases)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """Where a test's drafts database lives: a new SQLite file, then a new database on a real server."""
    if request.param == "sqlite":
        return tmp_path / "drafts.db"
    return new_pg_database(request.getfixturevalue("pg_server"))

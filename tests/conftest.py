"""Shared fixtures. Qt must run offscreen, set before any QApplication exists."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from reportdesk.form import Form, load_form
from reportdesk.report import Report, read_report

DATA = Path(__file__).parent / "data"


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

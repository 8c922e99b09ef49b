"""The core stays free of Qt, and packaging lists every subpackage."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

SRC = Path(__file__).parent.parent / "src" / "reportdesk"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_outside_ui_imports_pyside6() -> None:
    offenders = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if "ui" not in p.relative_to(SRC).parts[:1]
        and any(m == "PySide6" or m.startswith("PySide6.") for m in imported_modules(p))
    ]
    assert offenders == []


def test_the_check_itself_sees_an_import(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("def f():\n    from PySide6.QtCore import Qt\n", encoding="utf-8")
    assert "PySide6.QtCore" in imported_modules(bad)


def test_every_subpackage_is_packaged() -> None:
    config = tomllib.loads((SRC.parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(("reportdesk", *p.parent.relative_to(SRC).parts)) for p in SRC.rglob("__init__.py")}
    assert found - listed == set()
    assert "reportdesk.resources" in listed

"""The window's package keeps its rooms: no import circle inside ui/, no module over the size limit,
and the modules that say "no Qt" import none (directly or through another module of ui/)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).parent.parent / "src" / "reportdesk" / "ui"
MAX_LINES = 400
# Modules of ui/ that must work without Qt (the controller is tested without a screen).
NO_QT = (
    "reportdesk.ui.control",
    "reportdesk.ui.table.grid",
    "reportdesk.ui.table.paste",
    "reportdesk.ui.table.moves",
    "reportdesk.ui.aggregate.survey",
    "reportdesk.ui.aggregate.actions",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(UI.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def ui_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(UI.rglob("*.py"))}


def imports_of(path: Path, known: set[str], package: str) -> set[str]:
    """Every module of ``known`` that ``path`` imports anywhere: at the top, inside a function, or
    under ``if TYPE_CHECKING`` (a circle of type-only imports is still a circle to a reader)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # "from pkg import module" names a module; "from module import name" names the module.
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        out.update(n for n in names if n in known)
    return out


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    known = set(modules)
    return {name: imports_of(path, known, package_of(name, path)) - {name} for name, path in modules.items()}


def package_of(name: str, path: Path) -> str:
    """The package a relative import starts from."""
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circle_inside_ui() -> None:
    assert circles(import_graph(ui_modules())) == []


def test_the_circle_finder_sees_a_type_only_circle(tmp_path: Path) -> None:
    a = tmp_path / "a.py"
    a.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import B\n", encoding="utf-8"
    )
    b = tmp_path / "b.py"
    b.write_text("def f():\n    from pkg import a\n", encoding="utf-8")
    known = {"pkg.a", "pkg.b"}
    assert imports_of(a, known, "pkg") == {"pkg.b"}
    assert imports_of(b, known, "pkg") == {"pkg.a"}
    c = tmp_path / "c.py"
    c.write_text("from . import a\nfrom .b import f\n", encoding="utf-8")
    assert imports_of(c, known, "pkg") == {"pkg.a", "pkg.b"}
    assert circles({"pkg.a": {"pkg.b"}, "pkg.b": {"pkg.a"}, "pkg.c": {"pkg.a"}}) == [["pkg.a", "pkg.b"]]


def test_relative_imports_are_followed() -> None:
    modules = ui_modules()
    graph = import_graph(modules)
    # A known edge: the main window shows the start page (from "reportdesk.ui.pages.start").
    assert "reportdesk.ui.pages.start" in graph["reportdesk.ui.window.main_window"]


@pytest.mark.parametrize("name", sorted(ui_modules()))
def test_module_is_small(name: str) -> None:
    lines = len(ui_modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it along a seam"


def test_no_qt_modules_stay_without_qt() -> None:
    modules = ui_modules()
    graph = import_graph(modules)
    marked = [m for m in modules if any(m == n or m.startswith(n + ".") for n in NO_QT)]
    assert len(marked) >= len(NO_QT)

    def reaches_qt(name: str, seen: set[str]) -> list[str]:
        tree = ast.parse(modules[name].read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            mods = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(m == "PySide6" or m.startswith("PySide6.") for m in mods):
                return [name]
        for dep in sorted(graph[name] - seen):
            seen.add(dep)
            path = reaches_qt(dep, seen)
            if path:
                return [name, *path]
        return []

    offenders = {m: reaches_qt(m, {m}) for m in marked}
    assert {m: p for m, p in offenders.items() if p} == {}


def test_every_room_is_described_in_the_map() -> None:
    doc = (UI / "__init__.py").read_text(encoding="utf-8")
    rooms = sorted(p.name for p in UI.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    assert rooms, "ui/ has no rooms"
    for room in rooms:
        assert f"    {room}/" in doc, f"ui/__init__.py does not describe {room}/"
        for module in sorted((UI / room).glob("*.py")):
            if module.name != "__init__.py":
                assert module.name in doc, f"ui/__init__.py does not list {room}/{module.name}"

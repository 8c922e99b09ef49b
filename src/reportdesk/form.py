"""The 2021 national format as data.

Everything that knows about rows, columns, labels, computed cells and sum rules reads the
frozen objects built here from ``resources/form-2021.json``. No other module lists labels.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

ValueKind = Literal["count", "amount"]
Level = Literal["error", "warning"]

FORM_RESOURCE = "form-2021.json"


class FormError(Exception):
    """The form description file is malformed; ``problems`` lists every defect found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"表格格式描述文件 {source} 有误：\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: str | None = None
    computed: bool = False
    value: ValueKind = "count"


@dataclass(frozen=True)
class RowNode:
    """A row of a printed table; label-only rows (no key) carry children (merged label cells)."""

    label: str
    key: str | None = None
    computed: bool = False
    children: tuple[RowNode, ...] = ()


@dataclass(frozen=True)
class Row:
    """A row that holds numbers. ``path`` is the chain of label-only ancestors, outermost first."""

    key: str
    label: str
    path: tuple[str, ...] = ()
    computed: bool = False


@dataclass(frozen=True)
class Block:
    """One block of table 2, under its full-width header."""

    header: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    parent: str | None = None


@dataclass(frozen=True)
class Table2:
    key: str
    title: str
    label_header: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Table3:
    key: str
    title: str
    corner: str
    column_header: str
    columns: tuple[Column, ...]
    tree: tuple[RowNode, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table4:
    key: str
    title: str
    groups: tuple[Group, ...]
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Cell:
    """One numeric cell of the form, with everything needed to name it to a person."""

    key: str
    table: str
    row: str
    column: str
    label: str
    kind: ValueKind
    computed: bool
    position: int


@dataclass(frozen=True)
class Part:
    """One narrative part: a text key of the exchange format."""

    key: str
    heading: str
    hint: str
    printed: bool
    section: str
    position: int


@dataclass(frozen=True)
class Section:
    key: str
    number: str
    title: str
    parts: tuple[Part, ...] = ()
    table: str | None = None

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass(frozen=True)
class Term:
    """``weight`` × cell ``key``; ``previous`` means the cell of last year's report."""

    key: str
    weight: int = 1
    previous: bool = False


@dataclass(frozen=True)
class Relation:
    """Σ lhs = Σ rhs. When ``derives`` is set, that cell (the only lhs term) is computed from rhs."""

    code: str
    lhs: tuple[Term, ...]
    rhs: tuple[Term, ...]
    derives: str | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in (*self.lhs, *self.rhs) if not t.previous)


@dataclass(frozen=True)
class CodeInfo:
    code: str
    level: Level
    title: str


@dataclass(frozen=True)
class AgencyKind:
    key: str
    label: str
    deadline: str  # MM-DD of the year after the report year


@dataclass(frozen=True, eq=False)
class Form:
    """The whole format. Build it with :func:`load_form`."""

    format: str
    name: str
    basis: str
    sections: tuple[Section, ...]
    t2: Table2
    t3: Table3
    t4: Table4
    cells: Mapping[str, Cell]
    parts: Mapping[str, Part]
    relations: tuple[Relation, ...]
    cross_year: tuple[Relation, ...]
    jump_code: str
    jump_factor: int
    jump_cells: tuple[str, ...]
    regulation_cells: tuple[str, ...]
    regulation_makers: Mapping[str, tuple[str, ...]]
    old_format_markers: tuple[str, ...]
    agency_kinds: tuple[AgencyKind, ...]
    codes: Mapping[str, CodeInfo]
    text_extras: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def text_keys(self) -> tuple[str, ...]:
        """Every narrative part key, in report order."""
        return tuple(self.parts)

    @property
    def input_cells(self) -> tuple[str, ...]:
        return tuple(k for k, c in self.cells.items() if not c.computed)

    @property
    def computed_cells(self) -> tuple[str, ...]:
        return tuple(k for k, c in self.cells.items() if c.computed)

    def level(self, code: str) -> Level:
        return self.codes[code].level

    def section_of(self, key: str) -> Section:
        """The section that holds a cell key or a text key."""
        if key in self.parts:
            return next(s for s in self.sections if s.key == self.parts[key].section)
        table = key.split(".", 1)[0]
        return next(s for s in self.sections if s.table == table)

    def position(self, key: str) -> int:
        """Order of a cell or text key in the printed report (for sorting findings)."""
        if key in self.parts:
            return self.parts[key].position
        if key in self.cells:
            return self.cells[key].position
        if key in self.text_extras:
            return 0  # the opening paragraph comes before section 一
        return 1_000_000

    def kind_label(self, kind: str) -> str:
        for k in self.agency_kinds:
            if k.key == kind:
                return k.label
        return kind


# ---------------------------------------------------------------------------------------------
# Loading


def _require(d: Mapping[str, Any], key: str, where: str, problems: list[str], kind: type = str) -> Any:
    value = d.get(key)
    if not isinstance(value, kind) or (kind is str and not value):
        problems.append(f"{where}: 缺少或无效的“{key}”")
        return kind()
    return value


def _columns(raw: Iterable[Mapping[str, Any]], where: str, problems: list[str]) -> tuple[Column, ...]:
    cols = []
    for i, c in enumerate(raw):
        w = f"{where} 第{i + 1}列"
        value = c.get("value", "count")
        if value not in ("count", "amount"):
            problems.append(f"{w}: value 只能是 count 或 amount")
            value = "count"
        cols.append(
            Column(
                key=_require(c, "key", w, problems),
                label=_require(c, "label", w, problems),
                group=c.get("group"),
                computed=bool(c.get("computed", False)),
                value=value,
            )
        )
    return tuple(cols)


def _tree(raw: Iterable[Mapping[str, Any]], where: str, problems: list[str]) -> tuple[RowNode, ...]:
    nodes = []
    for r in raw:
        label = _require(r, "label", where, problems)
        children = _tree(r.get("children", ()), f"{where}/{label}", problems)
        key = r.get("key")
        if key is None and not children:
            problems.append(f"{where}/{label}: 既没有 key 也没有下级行")
        if key is not None and children:
            problems.append(f"{where}/{label}: 有数字的行不能再有下级行")
        nodes.append(
            RowNode(label=label, key=key, computed=bool(r.get("computed", False)), children=children)
        )
    return tuple(nodes)


def _flatten(nodes: Iterable[RowNode], path: tuple[str, ...] = ()) -> Iterator[Row]:
    for n in nodes:
        if n.key is not None:
            yield Row(key=n.key, label=n.label, path=path, computed=n.computed)
        yield from _flatten(n.children, (*path, n.label))


def _expand(rule: Mapping[str, Any], where: str, problems: list[str]) -> list[dict[str, str]]:
    """The substitutions of a rule's ``for``: one dict per instance."""
    spec = rule.get("for", {})
    if not isinstance(spec, dict) or len(spec) > 1:
        problems.append(f"{where}: “for” 必须是只含一个变量的对象")
        return []
    if not spec:
        return [{}]
    ((var, values),) = spec.items()
    if not isinstance(values, list) or not values:
        problems.append(f"{where}: “for.{var}” 必须是非空列表")
        return []
    return [{var: str(v)} for v in values]


_TERM = re.compile(r"^(?P<neg>-)?(?P<prev>prev:)?(?P<key>[a-z0-9_.{}]+)$")


def _term(text: str, subst: Mapping[str, str], where: str, problems: list[str]) -> Term | None:
    m = _TERM.match(text)
    if not m:
        problems.append(f"{where}: 无法识别的项“{text}”")
        return None
    try:
        key = m["key"].format(**subst)
    except KeyError as e:
        problems.append(f"{where}: 项“{text}”用到了未定义的变量 {e}")
        return None
    return Term(key=key, weight=-1 if m["neg"] else 1, previous=bool(m["prev"]))


def _relations(
    raw: Iterable[Mapping[str, Any]],
    cells: Mapping[str, Cell],
    codes: Mapping[str, CodeInfo],
    problems: list[str],
) -> tuple[Relation, ...]:
    out = []
    for i, rule in enumerate(raw):
        code = rule.get("code", "")
        where = f"规则 {i + 1}（{code}）"
        if code not in codes:
            problems.append(f"{where}: 代码 {code!r} 未在 codes 中声明")
        for subst in _expand(rule, where, problems):
            lhs = tuple(t for x in rule.get("lhs", ()) if (t := _term(x, subst, where, problems)))
            rhs = tuple(t for x in rule.get("rhs", ()) if (t := _term(x, subst, where, problems)))
            if not lhs or not rhs:
                problems.append(f"{where}: lhs 和 rhs 都不能为空")
                continue
            for t in (*lhs, *rhs):
                if t.key not in cells:
                    problems.append(f"{where}: 引用了不存在的单元格 {t.key}")
            derives = None
            if rule.get("derives"):
                if len(lhs) != 1 or lhs[0].previous or lhs[0].weight != 1:
                    problems.append(f"{where}: derives 规则的左边只能是一个本年单元格")
                else:
                    derives = lhs[0].key
            out.append(Relation(code=code, lhs=lhs, rhs=rhs, derives=derives))
    return tuple(out)


def _cell_label(table_number: str, row: str, column: str) -> str:
    return f"表{table_number}「{row}」{column}"


def build_form(data: Mapping[str, Any], source: str = "<form>") -> Form:
    """Build and validate a :class:`Form` from the parsed description; raise :class:`FormError`."""
    problems: list[str] = []
    codes: dict[str, CodeInfo] = {}
    for c in data.get("codes", ()):
        level = c.get("level")
        if level not in ("error", "warning"):
            problems.append(f"代码 {c.get('code')}: level 只能是 error 或 warning")
            continue
        if c.get("code") in codes:
            problems.append(f"代码 {c.get('code')} 重复")
        codes[c["code"]] = CodeInfo(code=c["code"], level=level, title=c.get("title", c["code"]))

    tables = data.get("tables", {})
    cells: dict[str, Cell] = {}
    position = 1000  # narrative parts of section 一 come first

    def add(table: str, row: str, col: Column, label: str, computed: bool) -> None:
        nonlocal position
        key = f"{table}.{row}.{col.key}"
        if key in cells:
            problems.append(f"单元格 {key} 重复")
        position += 1
        cells[key] = Cell(key, table, row, col.key, label, col.value, computed, position)

    raw2 = tables.get("t2", {})
    blocks = []
    for b in raw2.get("blocks", ()):
        header = _require(b, "header", "表二", problems)
        cols = _columns(b.get("columns", ()), f"表二 {header}", problems)
        rows = tuple(_flatten(_tree(b.get("rows", ()), f"表二 {header}", problems)))
        blocks.append(Block(header=header, columns=cols, rows=rows))
        for r in rows:
            for c in cols:
                add("t2", r.key, c, _cell_label("二", r.label, c.label), c.computed)
    t2 = Table2("t2", raw2.get("title", ""), raw2.get("label_header", ""), tuple(blocks))

    raw3 = tables.get("t3", {})
    cols3 = _columns(raw3.get("columns", ()), "表三", problems)
    tree3 = _tree(raw3.get("rows", ()), "表三", problems)
    rows3 = tuple(_flatten(tree3))
    for r in rows3:
        for c in cols3:
            # Leaves repeat short labels ("3.其他"), so name them with their group.
            row_label = " ".join((*r.path[1:], r.label))
            add("t3", r.key, c, _cell_label("三", row_label, c.label), r.computed or c.computed)
    t3 = Table3(
        "t3",
        raw3.get("title", ""),
        _require(raw3, "corner", "表三", problems),
        _require(raw3, "column_header", "表三", problems),
        cols3,
        tree3,
        rows3,
    )

    raw4 = tables.get("t4", {})
    groups = tuple(Group(g["key"], g["label"], g.get("parent")) for g in raw4.get("groups", ()))
    cols4 = _columns(raw4.get("columns", ()), "表四", problems)
    for g in groups:
        for c in cols4:
            label = (g.parent + "·" if g.parent else "") + g.label
            add("t4", g.key, c, _cell_label("四", label, c.label), c.computed)
    t4 = Table4("t4", raw4.get("title", ""), groups, cols4)

    sections = []
    parts: dict[str, Part] = {}
    text_pos = 0
    for s in data.get("sections", ()):
        skey = _require(s, "key", "章节", problems)
        sparts = []
        for p in s.get("parts", ()):
            pkey = _require(p, "key", f"章节 {skey}", problems)
            if pkey in parts:
                problems.append(f"文字部分 {pkey} 重复")
            text_pos += 1
            # Sections after the tables sort after every cell.
            pos = text_pos if skey == "s1" else 100_000 + text_pos
            part = Part(
                pkey, p.get("heading", ""), p.get("hint", ""), bool(p.get("printed", True)), skey, pos
            )
            parts[pkey] = part
            sparts.append(part)
        table = s.get("table")
        if table is not None and table not in ("t2", "t3", "t4"):
            problems.append(f"章节 {skey}: 未知的表格 {table}")
        if not sparts and table is None:
            problems.append(f"章节 {skey}: 既无文字部分也无表格")
        sections.append(
            Section(
                skey,
                _require(s, "number", skey, problems),
                _require(s, "title", skey, problems),
                tuple(sparts),
                table,
            )
        )
    if len({s.key for s in sections}) != len(sections):
        problems.append("章节 key 重复")
    if set(cells) & set(parts):
        problems.append("单元格与文字部分的 key 重复")

    relations = _relations(data.get("rules", ()), cells, codes, problems)
    cross = _relations(data.get("cross_year_rules", ()), cells, codes, problems)
    derived = {r.derives for r in relations if r.derives}
    for key, cell in cells.items():
        if cell.computed and key not in derived:
            problems.append(f"计算单元格 {key} 没有推导规则")
        if not cell.computed and key in derived:
            problems.append(f"单元格 {key} 由规则推导，但未标为计算单元格")

    jump = data.get("jump_watch", {})
    jump_cells = tuple(jump.get("cells", ()))
    reg_cells = tuple(data.get("regulation_cells", ()))
    for k in (*jump_cells, *reg_cells):
        if k not in cells:
            problems.append(f"引用了不存在的单元格 {k}")
    makers = data.get("regulation_makers", {})
    reg_makers: dict[str, tuple[str, ...]] = {}
    for kind in ("government", "department"):
        pats = tuple(makers.get(kind, ()))
        for p in pats:
            try:
                re.compile(p)
            except re.error as e:
                problems.append(f"regulation_makers.{kind}: 正则 {p!r} 无效（{e}）")
        reg_makers[kind] = pats
    if jump.get("code") not in codes:
        problems.append("jump_watch: 代码未声明")

    kinds = tuple(
        AgencyKind(k["key"], k["label"], k.get("deadline", "01-31")) for k in data.get("agency_kinds", ())
    )
    if not data.get("format"):
        problems.append("缺少 format")
    if problems:
        raise FormError(source, problems)
    return Form(
        format=data["format"],
        name=data.get("name", ""),
        basis=data.get("basis", ""),
        sections=tuple(sections),
        t2=t2,
        t3=t3,
        t4=t4,
        cells=MappingProxyType(cells),
        parts=MappingProxyType(parts),
        relations=relations,
        cross_year=cross,
        jump_code=jump.get("code", "YOY-JUMP"),
        jump_factor=int(jump.get("factor", 10)),
        jump_cells=jump_cells,
        regulation_cells=reg_cells,
        regulation_makers=MappingProxyType(reg_makers),
        old_format_markers=tuple(data.get("old_format_markers", ())),
        agency_kinds=kinds,
        codes=MappingProxyType(codes),
        text_extras=MappingProxyType(dict(data.get("text_keys", {}))),
    )


def load_form_file(path: Path) -> Form:
    """Load a form description from a file (for tests and alternative formats)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise FormError(str(path), [f"无法读取：{e}"]) from e
    return build_form(data, str(path))


def resource_path(name: str) -> Any:
    """A file shipped in ``resources/`` (a Traversable usable with ``as_file``)."""
    return resources.files("reportdesk.resources").joinpath(name)


@lru_cache(maxsize=1)
def load_form() -> Form:
    """The 2021 national format, loaded once."""
    res = resource_path(FORM_RESOURCE)
    data = json.loads(res.read_text(encoding="utf-8"))
    return build_form(data, FORM_RESOURCE)

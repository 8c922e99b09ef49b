"""Tables 二, 三 and 四 from rows of label text and values, by their labels.

Rows are matched to the form's rows by label (see :mod:`reportdesk.importers.labels`); values
are taken in the form's column order, except in table 二 where each block's printed column
headers are matched to the form's (a 2019-format block, "本年新制作数量…", does not match and
is named instead of imported). A table-三 group printed as one row without its sub-items (the
2019 format's "（六）其他处理") has its figures put under its last sub-item, the others left
blank, and is reported as OLD-FORMAT.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportdesk.form import Block, Form, RowNode
from reportdesk.importers.labels import map_columns, match_label
from reportdesk.importers.normalize import label_key
from reportdesk.importers.rows import RawRow
from reportdesk.importers.splitting import TooAmbiguous, row_relations, split_runs
from reportdesk.values import CellValue, Invalid, ValueKind, parse_input


@dataclass(frozen=True)
class Split:
    """Digit runs with more than one cut that keeps the row's sums; resolved with the whole report."""

    keys: tuple[str, ...]
    candidates: tuple[tuple[int, ...], ...]
    what: str
    where: str
    printed: str


@dataclass
class TableRead:
    """What was read from the tables, and what the import report should say about it."""

    cells: dict[str, CellValue] = field(default_factory=dict)
    found: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    old_format: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    splits: list[Split] = field(default_factory=list)

    def put(self, key: str, text: str, kind: ValueKind, what: str, where: str) -> None:
        """Store one printed cell (blank stays blank; what is not a number is kept as invalid)."""
        if key in self.cells:
            self.problems.append(f"{what}（{where}）：该格已在前面读到，重复的一行未导入")
            return
        parsed = parse_input(text, kind)
        if parsed.ok:
            self.cells[key] = parsed.value
        else:
            self.cells[key] = Invalid(text, parsed.error or "")
            self.problems.append(f"{what}（{where}）：{parsed.error}")


def _note_similar(out: TableRead, how: str, parts: Sequence[str], label: str, where: str) -> None:
    if how == "similar":
        printed = parts[-1] if parts else ""
        out.notes.append(f"{where}：行名印作「{printed}」，按最接近的「{label}」读取")


def _printed(row: RawRow) -> str:
    label = "".join(row.parts)
    return (label[-30:] + " " if label else "") + " ".join(v or "（空）" for v in row.values)


def _store_row(out: TableRead, form: Form, keys: Sequence[str], row: RawRow, what: str) -> None:
    """Put a row's values into ``keys``; digit runs that hide several cells are cut apart."""
    if len(row.values) == len(keys):
        for key, text in zip(keys, row.values, strict=True):
            out.put(key, text, form.cells[key].kind, form.cells[key].label, row.where)
        out.found.append((what, row.where))
        return
    if not (row.runs and len(row.values) < len(keys)):
        out.problems.append(
            f"{what}（{row.where}）：应有 {len(keys)} 个数字，印的是 {len(row.values)} 个（{_printed(row)}），未导入"
        )
        return
    try:
        cuts = split_runs(row.values, keys, row_relations(form.relations, keys))
    except TooAmbiguous:
        cuts = []
    if len(cuts) == 1:
        for key, value in zip(keys, cuts[0], strict=True):
            out.cells[key] = value
        out.found.append((what, row.where))
        out.notes.append(
            f"{what}（{row.where}）：数字连在一起（{' '.join(row.values)}），按合计关系拆分为 "
            + " ".join(map(str, cuts[0]))
        )
    elif cuts:
        out.splits.append(Split(tuple(keys), tuple(cuts), what, row.where, " ".join(row.values)))
    else:
        out.problems.append(
            f"{what}（{row.where}）：数字连在一起（{' '.join(row.values)}），没有一种拆法能满足合计关系，未导入"
        )


# ---------------------------------------------------------------------------------------------
# Table 二


def _header(parts: Sequence[str], label_header: str, row_label: str) -> list[str] | None:
    """The printed column headers among ``parts``: what follows "信息内容", less the row label."""
    marker = label_key(label_header)
    at = max((i for i, p in enumerate(parts) if marker in label_key(p)), default=None)
    if at is None:
        return None
    header = list(parts[at + 1 :])
    own = label_key(row_label)
    while header and label_key(header[-1]) and label_key(header[-1]) in own:
        header.pop()
    tail = label_key(parts[at]).split(marker, 1)[1]
    return ([tail] if tail else []) + header


def read_t2(form: Form, rows: Sequence[RawRow], out: TableRead) -> None:
    """Table 二: each row by its label; each block's columns by their printed headers."""
    candidates = [((block, r.key, r.label), r.label) for block in form.t2.blocks for r in block.rows]
    columns: dict[str, list[int | None] | None] = {}
    pending: list[str] = []
    for row in rows:
        pending.extend(row.parts)
        if not row.values:
            continue
        parts, pending = pending, []
        hit = match_label(parts, candidates)
        if hit is None:
            if any(row.values):
                out.problems.append(f"表二（{row.where}）：「{_printed(row)}」不是2021年格式的项目，未导入")
            continue
        block, rkey, rlabel = hit.item
        _note_similar(out, hit.how, parts, rlabel, row.where)
        header = _header(parts, form.t2.label_header, rlabel)
        if header:
            columns[block.header] = map_columns(header, len(row.values), [c.label for c in block.columns])
            if columns[block.header] is None or not any(i is not None for i in columns[block.header] or ()):
                out.problems.append(
                    f"表二「{block.header}」（{row.where}）：列为「{'、'.join(header)}」，"
                    f"不是2021年格式的「{'、'.join(c.label for c in block.columns)}」，该栏未导入"
                )
                columns[block.header] = []
        _store_t2(form, out, block, rkey, rlabel, row, columns.get(block.header))


def _store_t2(
    form: Form,
    out: TableRead,
    block: Block,
    rkey: str,
    rlabel: str,
    row: RawRow,
    cols: list[int | None] | None,
) -> None:
    keys = [f"t2.{rkey}.{c.key}" for c in block.columns]
    what = f"表二「{rlabel}」"
    if cols is None:  # no printed header: the form's order
        _store_row(out, form, keys, row, what)
        return
    if len(cols) != len(row.values):
        if cols:
            out.problems.append(f"{what}（{row.where}）：数字个数与表头不符（{_printed(row)}），未导入")
        return
    for i, text in zip(cols, row.values, strict=True):
        if i is not None:
            out.put(keys[i], text, form.cells[keys[i]].kind, form.cells[keys[i]].label, row.where)
    if any(i is not None for i in cols):
        out.found.append((what, row.where))


# ---------------------------------------------------------------------------------------------
# Tables 三 and 四


def _groups(nodes: Sequence[RowNode]) -> list[RowNode]:
    """Label-only rows whose sub-items all hold numbers (a row that can stand for its items)."""
    out = []
    for n in nodes:
        if n.children and all(c.key for c in n.children):
            out.append(n)
        out.extend(_groups(n.children))
    return out


def read_t3(form: Form, rows: Sequence[RawRow], out: TableRead) -> None:
    """Table 三: each row by its label (or its group's, printed without sub-items), 7 columns."""
    t3 = form.t3
    candidates: list[tuple[RowNode | str, str]] = [(r.key, r.label) for r in t3.rows]
    candidates += [(g, g.label) for g in _groups(t3.tree)]
    pending: list[str] = []
    for row in rows:
        pending.extend(row.parts)
        if not row.values:
            continue
        parts, pending = pending, []
        hit = match_label(parts, candidates)
        if hit is None:
            if any(row.values):
                out.problems.append(f"表三（{row.where}）：「{_printed(row)}」找不到对应的行，未导入")
            continue
        _note_similar(out, hit.how, parts, hit.label, row.where)
        if isinstance(hit.item, str):
            keys = [f"t3.{hit.item}.{c.key}" for c in t3.columns]
            _store_row(out, form, keys, row, f"表三「{hit.label}」")
            continue
        group = hit.item
        last = group.children[-1]
        keys = [f"t3.{last.key}.{c.key}" for c in t3.columns]
        _store_row(out, form, keys, row, f"表三「{group.label}」")
        others = [c.label for c in group.children[:-1]]
        cells = tuple(f"t3.{c.key}.{col.key}" for c in group.children for col in t3.columns)
        out.old_format.append(
            (
                f"表三「{group.label}」只印了一行，没有分列子项（2019年格式，{row.where}）：这一行的数字记入"
                f"「{last.label}」，「{'」「'.join(others)}」留空，请按2021年格式补填",
                cells,
            )
        )


def read_t4(form: Form, rows: Sequence[RawRow], out: TableRead) -> None:
    """Table 四: the fifteen numbers of its one data row, in the form's order."""
    keys = [f"t4.{g.key}.{c.key}" for g in form.t4.groups for c in form.t4.columns]
    data = [r for r in rows if r.values and (any(r.values) or len(r.values) >= len(keys))]
    if not data:
        return
    merged = RawRow((), tuple(v for r in data for v in r.values), data[0].where, all(r.runs for r in data))
    _store_row(out, form, keys, merged, "表四")

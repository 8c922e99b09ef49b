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

from reportdesk.form import Block, Form, RowNode
from reportdesk.importers.labels import map_columns, match_label
from reportdesk.importers.normalize import label_key, similarity
from reportdesk.importers.rows import RawRow
from reportdesk.importers.splitting import row_relations
from reportdesk.importers.table_read import Origin, TableRead, printed_row, store_row


def _note_similar(out: TableRead, how: str, parts: Sequence[str], label: str, where: str) -> None:
    if how == "similar":
        printed = parts[-1] if parts else ""
        out.notes.append(f"{where}：行名印作「{printed}」，按最接近的「{label}」读取")


def _mark_similar(out: TableRead, how: str, keys: Sequence[str]) -> None:
    """A row found by a near match of its label: its figures are unsure until confirmed."""
    if how == "similar":
        for key in keys:
            if key in out.origins:
                out.origins[key] = Origin(out.origins[key].where, "similar")


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
                out.problems.append(
                    f"表二（{row.where}）：「{printed_row(row)}」不是2021年格式的项目，未导入"
                )
            continue
        block, rkey, rlabel = hit.item
        _note_similar(out, hit.how, parts, rlabel, row.where)
        header = _header(parts, form.t2.label_header, rlabel)
        labels = [c.label for c in block.columns]
        if header:
            found = map_columns(header, len(row.values), labels)
            if row.runs and (
                found is None or all(i is None for i in found)
            ):  # the header run together, the figures too: the form's order?
                found = map_columns(header, len(labels), labels)
            if found == list(range(len(labels))):
                columns[block.header] = None  # the form's order, as printed
            elif found is not None and any(i is not None for i in found):
                columns[block.header] = found
            elif _unreadable(form, header, labels) and len(row.values) == len(labels):
                columns[block.header] = ORDER
                out.notes.append(
                    f"表二「{block.header}」（{row.where}）：表头「{' '.join(header)}」无法识别，"
                    f"按2021年格式的列序（{'、'.join(labels)}）读取，请核对"
                )
            else:
                out.problems.append(
                    f"表二「{block.header}」（{row.where}）：列为「{'、'.join(header)}」，"
                    f"不是2021年格式的「{'、'.join(labels)}」，该栏未导入"
                )
                columns[block.header] = []
        _store_t2(form, out, block, rkey, rlabel, row, columns.get(block.header))
        _mark_similar(out, hit.how, [f"t2.{rkey}.{c.key}" for c in block.columns])


ORDER: list[int | None] = []  # marker: the header is unreadable, the columns are the form's order
_READABLE = 0.5


def _unreadable(form: Form, header: Sequence[str], labels: Sequence[str]) -> bool:
    """Whether printed column headers resemble no known column (2021 or 2019): garbled, not another format."""
    known = [label_key(x) for x in (*labels, *form.old_format_markers)]
    for printed in header:
        key = label_key(printed)
        if any(k and (k in key or key in k or similarity(k, key) >= _READABLE) for k in known if key):
            return False
    return True


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
    if not row.runs and len(row.values) > len(keys) and not any(row.values[len(keys) :]):
        # a cell merged across the block's columns, printed as one cell and empty ones (a pipe table)
        row = RawRow(row.parts, row.values[: len(keys)], row.where, row.runs, row.suspect)
        cols = None if cols is not None and cols[: len(keys)] == list(range(len(keys))) else cols
    if cols is None or cols is ORDER:  # no printed header, or an unreadable one: the form's order
        store_row(out, form, keys, row, what)
        if cols is ORDER:
            for key in keys:
                if key in out.origins:
                    out.origins[key] = Origin(out.origins[key].where, "order")
        return
    if len(cols) != len(row.values):
        reason = (
            f"数字个数与表头不符（{printed_row(row)}），未导入" if cols else "该栏的列不是2021年格式，未导入"
        )
        out.problems.append(f"{what}（{row.where}）：{reason}")
        out.decline(keys, f"{reason}（{row.where}）")
        return
    for i, text in zip(cols, row.values, strict=True):
        if i is not None:
            out.put(keys[i], text, form.cells[keys[i]].kind, form.cells[keys[i]].label, row.where)
    out.decline(keys, f"该栏的表头与2021年格式对不上（{row.where}），未导入")
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
            if any(row.values) and not _column_numbers(row.values):
                out.problems.append(f"表三（{row.where}）：「{printed_row(row)}」找不到对应的行，未导入")
            continue
        _note_similar(out, hit.how, parts, hit.label, row.where)
        if isinstance(hit.item, str):
            keys = [f"t3.{hit.item}.{c.key}" for c in t3.columns]
            store_row(out, form, keys, row, f"表三「{hit.label}」")
            _mark_similar(out, hit.how, keys)
            continue
        group = hit.item
        last = group.children[-1]
        keys = [f"t3.{last.key}.{c.key}" for c in t3.columns]
        store_row(out, form, keys, row, f"表三「{group.label}」")
        others = [c.label for c in group.children[:-1]]
        cells = tuple(f"t3.{c.key}.{col.key}" for c in group.children for col in t3.columns)
        out.decline(cells, f"原文按2019年格式只印了「{group.label}」一行，没有这一子项（{row.where}）")
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
    data = [
        r
        for r in rows
        if r.values and (any(r.values) or len(r.values) >= len(keys)) and not _column_numbers(r.values)
    ]
    if not data:
        return
    values: list[str] = []
    suspect: list[int] = []
    for r in data:
        suspect += [len(values) + i for i in r.suspect]
        values += r.values
    merged = RawRow((), tuple(values), data[0].where, all(r.runs for r in data), tuple(suspect))
    if len(data) > 1 and not _pieced_sums_hold(form, keys, values):
        where = f"{data[0].where} 至 {data[-1].where}"
        reason = (
            f"表四的数字分散在几行中，与表头文字交错（{' '.join(values)}），合计关系不成立，"
            f"无法确定哪个数字属于哪一格（多半是转换时顺序被打乱），未导入，请对照原件（{where}）"
        )
        out.decline(keys, reason)
        out.problems.append(reason)
        return
    store_row(out, form, keys, merged, "表四")


def _pieced_sums_hold(form: Form, keys: Sequence[str], values: Sequence[str]) -> bool:
    """Whether figures gathered from several lines keep every sum of table 四 in the form's order.

    Text converters (``pdftotext`` without ``-layout``) read a table's cells column by column or
    header by header, so figures found on several lines may be out of order; only the sums can
    vouch for that order. Digit runs (more or fewer numbers than cells) are left to the cutting,
    which checks the sums itself.
    """
    if len(values) != len(keys) or not all(v.isdigit() for v in values):
        return True
    at = {k: int(v) for k, v in zip(keys, values, strict=True)}
    for rel in row_relations(form.relations, keys):
        if sum(t.weight * at[t.key] for t in rel.lhs) != sum(t.weight * at[t.key] for t in rel.rhs):
            return False
    return True


def _column_numbers(values: Sequence[str]) -> bool:
    """A row of column numbers ("1 2 3 … n", printed under a header): never a row of figures here."""
    return len(values) >= 3 and list(values) == [str(i) for i in range(1, len(values) + 1)]

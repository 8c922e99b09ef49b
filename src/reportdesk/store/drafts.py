"""Edits: what one change by the officer does to a report, as a list of changes to record.

Editing a figure re-derives the totals that depend on it (in the same revision, as the GUI shows
them); a total set directly is kept as given, like a figure imported as printed. Setting a value
the report already has changes nothing and records nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import lru_cache

from reportdesk.form import Form, Relation
from reportdesk.hidden import remove_hidden
from reportdesk.report import AGENCY_KINDS, Agency, derivation_order
from reportdesk.store.codec import decode_cell, encode_cell, json_text
from reportdesk.store.engine import Connection
from reportdesk.store.errors import StoreError
from reportdesk.store.models import AGENCY, CELL, EXPLANATION, TEXT, UNSURE, Change
from reportdesk.store.rows import AGENCY_FIELDS, read_agency, read_values
from reportdesk.unsure import parse_mark
from reportdesk.values import CellValue, Invalid, is_number


@lru_cache(maxsize=4)
def _dependents(form: Form) -> Mapping[str, tuple[Relation, ...]]:
    deps: dict[str, list[Relation]] = {}
    for rel in derivation_order(form):
        for term in rel.rhs:
            deps.setdefault(term.key, []).append(rel)
    return {k: tuple(v) for k, v in deps.items()}


def affected_totals(form: Form, changed: set[str], kept: frozenset[str] = frozenset()) -> list[Relation]:
    """The derivations to redo after the cells ``changed`` took new values, in an order that works.

    Totals in ``changed`` or ``kept`` were set directly and are not re-derived (totals above them are).
    """
    deps = _dependents(form)
    seen: set[str] = set()
    stack = list(changed)
    while stack:
        for rel in deps.get(stack.pop(), ()):
            target = rel.derives or ""
            if target not in seen and target not in changed and target not in kept:
                seen.add(target)
                stack.append(target)
    return [rel for rel in derivation_order(form) if rel.derives in seen]


def _derived(rel: Relation, values: Mapping[str, CellValue]) -> CellValue:
    """The total of one relation as :func:`reportdesk.report.derive` computes it: blank when all its
    terms are blank, unchanged when one of them is invalid."""
    terms = [(t.weight, values.get(t.key)) for t in rel.rhs]
    if any(isinstance(v, Invalid) for _, v in terms):
        return values.get(rel.derives or "")
    numbers = [(w, v) for w, v in terms if is_number(v)]
    if not numbers:
        return None
    total: int | Decimal = 0
    for weight, v in numbers:
        total += weight * v  # type: ignore[operator]
    return total


# The stored text of some keys of one kind of a report (absent keys left out): from the database,
# or from what a connection already knows of the report (:mod:`reportdesk.store.quick`).
Lookup = Callable[[Iterable[str]], dict[str, str]]


def reading(conn: Connection, report_id: int, kind: str) -> Lookup:
    """A :data:`Lookup` that reads the report's rows in the current transaction."""
    return lambda keys: read_values(conn, report_id, kind, keys)


def cell_changes(
    conn: Connection, form: Form, report_id: int, values: Mapping[str, CellValue]
) -> list[Change]:
    """Set cells (one revision): the cells themselves, then every total that follows from them."""
    return cells_changed(form, values, reading(conn, report_id, CELL))


def cells_changed(form: Form, values: Mapping[str, CellValue], lookup: Lookup) -> list[Change]:
    """:func:`cell_changes` computed from what ``lookup`` says is stored."""
    before = lookup(values)
    unknown = [k for k in values if k not in form.cells and k not in before]
    if unknown:
        raise StoreError(f"报告中没有单元格 {unknown[0]}（单元格名如 t3.new.natural，见格式说明）")
    given = {k: encode_cell(v) for k, v in values.items()}
    moved = {k for k, v in given.items() if before.get(k) != v}
    relations = affected_totals(form, moved, frozenset(values))
    needed = {t.key for rel in relations for t in rel.rhs} | {rel.derives or "" for rel in relations}
    stored = before | lookup(needed - set(before))
    current = {k: decode_cell(v) for k, v in stored.items()}
    current.update(values)
    for rel in relations:
        current[rel.derives or ""] = _derived(rel, current)
    changes = []
    for key in (*values, *(rel.derives or "" for rel in relations)):
        new = encode_cell(current.get(key))
        if stored.get(key) != new:
            changes.append(Change(CELL, key, stored.get(key), new))
    return changes


def text_changes(conn: Connection, form: Form, report_id: int, key: str, text: str) -> list[Change]:
    """Set one narrative part. An optional part (``intro``) left blank is removed."""
    return text_changed(form, key, text, reading(conn, report_id, TEXT))


def text_changed(form: Form, key: str, text: str, lookup: Lookup) -> list[Change]:
    """:func:`text_changes` computed from what ``lookup`` says is stored."""
    old = lookup([key]).get(key)
    if key not in form.parts and key not in form.text_extras and old is None:
        names = "、".join((*form.text_keys, *form.text_extras))
        raise StoreError(f"报告中没有文字部分 {key}（可用的有：{names}）")
    refuse_hidden(text, "文字")
    new: str | None = text
    if key not in form.parts and not text.strip():
        new = None
    return [] if new == old else [Change(TEXT, key, old, new)]


def refuse_hidden(text: str, where: str) -> None:
    """Nothing with hidden characters is stored: whoever typed or imported it removes them first,
    saying so (:mod:`reportdesk.hidden`); this is the guard behind them."""
    _, kinds = remove_hidden(text)
    if kinds:
        raise StoreError(f"{where}中有看不见的字符（{'、'.join(kinds)}），没有保存；请删除后重试")


def explanation_changes(
    conn: Connection, form: Form, report_id: int, reasons: Mapping[str, str | None]
) -> list[Change]:
    """Accept warnings with reasons, or withdraw acceptances (``None`` or blank), keyed by finding id
    (``CODE@where[:about]``, as ``check --json`` prints it): one reason covers one occurrence."""
    return explanations_changed(form, reasons, reading(conn, report_id, EXPLANATION))


def explanations_changed(form: Form, reasons: Mapping[str, str | None], lookup: Lookup) -> list[Change]:
    """:func:`explanation_changes` computed from what ``lookup`` says is stored."""
    for key, reason in reasons.items():
        if not (reason and reason.strip()):
            continue  # withdrawing any kept reason is always allowed
        code, mark, where = key.partition("@")
        info = form.codes.get(code)
        if info is None:
            raise StoreError(f"没有代码为 {code} 的校验规则")
        if info.level != "warning":
            raise StoreError(f"{code}（{info.title}）是错误，必须改正，不能以说明代替；只有提醒可以说明")
        if not mark or not where:
            raise StoreError(
                f"说明要对应具体的一条提醒，写作“代码@位置”，如 X-CARRY@t3.carried_in.natural（每条提醒的编号"
                f"见 reportdesk db check --json 的 id）；只写代码（{code}）会把以后出现的同类提醒也一并接受，不再使用"
            )
    for reason in reasons.values():
        refuse_hidden(reason or "", "说明")
    before = lookup(reasons)
    changes = []
    for key, reason in reasons.items():
        new = reason if reason and reason.strip() else None
        if new != before.get(key):
            changes.append(Change(EXPLANATION, key, before.get(key), new))
    return changes


def agency_changes(conn: Connection, report_id: int, agency: Agency) -> list[Change]:
    """Set the report's agency block (name, region, kind, website and any kept extra keys)."""
    if agency.kind not in AGENCY_KINDS:
        raise StoreError(f"机关类型 {agency.kind!r} 无效，应为 {' / '.join(AGENCY_KINDS)}")
    if not agency.name.strip():
        raise StoreError("机关名称不能为空")
    for value, where in (
        (agency.name, "机关名称"),
        (agency.region, "所属地区"),
        (agency.website, "网站地址"),
    ):
        refuse_hidden(value, where)
    wanted = {f: getattr(agency, f) for f in AGENCY_FIELDS} | dict(agency.extra)
    stored = read_agency(conn, report_id)
    changes = [
        Change(AGENCY, k, stored.get(k), json_text(v))
        for k, v in wanted.items()
        if stored.get(k) != json_text(v)
    ]
    changes += [Change(AGENCY, k, v, None) for k, v in stored.items() if k not in wanted]
    return changes


def unsure_changes(
    conn: Connection, form: Form, report_id: int, marks: Mapping[str, str | None]
) -> list[Change]:
    """Set marks of imported figures still to be checked (their stored text, :mod:`reportdesk.unsure`)
    or remove them (``None``: the officer has checked the figure)."""
    return unsure_changed(form, marks, reading(conn, report_id, UNSURE))


def unsure_changed(form: Form, marks: Mapping[str, str | None], lookup: Lookup) -> list[Change]:
    """:func:`unsure_changes` computed from what ``lookup`` says is stored."""
    for key, text in marks.items():
        if text is None:
            continue  # removing a mark is always allowed
        try:
            parse_mark(form, key, text)
        except ValueError as e:
            raise StoreError(f"{key} 的导入待核对标记无效：{e}") from e
    before = lookup(marks)
    return [Change(UNSURE, k, before.get(k), text) for k, text in marks.items() if before.get(k) != text]

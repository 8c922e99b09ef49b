"""The formulas of total cells: the text reportdesk writes, and reading formulas back.

An exported total is ``=IF(COUNT(refs)=0,"",SUM(refs))``: it shows blank while every cell it
sums is blank and the sum otherwise — the same rule as :func:`reportdesk.report.derive`, so a
person editing in Excel or WPS sees what reportdesk will compute.

openpyxl writes formulas without a result, and reads a formula back as its text. So on
import a formula is resolved here: reportdesk's own formula is recomputed from the cells it
names; any other formula is evaluated when it is a plain sum (``=SUM(C5:H5)``, ``=C5+D5-E5``),
and the reader falls back on the result Excel/WPS/LibreOffice stored with the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal

from reportdesk.form import Relation

Position = tuple[int, int]
Number = int | Decimal


class FormulaError(Exception):
    """A formula that cannot be evaluated here; the message (Chinese) says why."""


def column_letter(col: int) -> str:
    """Excel's letters of a 1-based column number (1 → A, 27 → AA)."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """The 1-based column number of Excel's column letters."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - ord("A") + 1
    return number


def ref(pos: Position) -> str:
    """A1-style reference of (row, col)."""
    return f"{column_letter(pos[1])}{pos[0]}"


def _runs(positions: Sequence[Position]) -> Iterator[str]:
    """References with neighbouring cells of one row or one column joined into ranges."""
    i = 0
    while i < len(positions):
        j = i + 1
        step: tuple[int, int] | None = None
        while j < len(positions):
            d = (positions[j][0] - positions[j - 1][0], positions[j][1] - positions[j - 1][1])
            if d not in ((0, 1), (1, 0)) or (step is not None and d != step):
                break
            step = d
            j += 1
        yield ref(positions[i]) if j == i + 1 else f"{ref(positions[i])}:{ref(positions[j - 1])}"
        i = j


def total_formula(rel: Relation, positions: Mapping[str, Position]) -> str:
    """The formula reportdesk writes for the cell ``rel`` derives, given where each cell sits."""
    plus = ",".join(_runs([positions[t.key] for t in rel.rhs if t.weight > 0]))
    minus = ",".join(_runs([positions[t.key] for t in rel.rhs if t.weight < 0]))
    every = ",".join(_runs([positions[t.key] for t in rel.rhs]))
    total = f"SUM({plus})" + (f"-SUM({minus})" if minus else "")
    return f'=IF(COUNT({every})=0,"",{total})'


def same_formula(a: str, b: str) -> bool:
    """Equal formulas up to case, spaces and absolute-reference dollars."""
    return _squeeze(a) == _squeeze(b)


def _squeeze(text: str) -> str:
    return re.sub(r"[\s$]", "", text).upper()


# -- evaluating a plain sum ------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<range>\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)|(?P<ref>\$?[A-Z]{1,3}\$?\d+)"
    r"|(?P<num>\d+(?:\.\d+)?)|(?P<sum>SUM)\s*(?=\()|(?P<op>[-+(),]))",
    re.IGNORECASE,
)
_CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)", re.IGNORECASE)

Getter = Callable[[Position], Number | None]


def cell_position(text: str) -> Position | None:
    """(row, col) of an A1-style reference, None when it is not one."""
    m = _CELL.fullmatch(text)
    return (int(m[2]), column_number(m[1])) if m else None


def _position(text: str) -> Position:
    pos = cell_position(text)
    assert pos is not None  # the tokenizer only passes references
    return pos


def _tokens(formula: str) -> list[tuple[str, str]]:
    body = formula[1:] if formula.startswith("=") else formula
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(body):
        if not body[pos:].strip():
            break
        m = _TOKEN.match(body, pos)
        if m is None or m.end() == pos:
            raise FormulaError(f"公式 {formula} 不是简单求和（只能计算 SUM 和加减），无法直接读取")
        kind = m.lastgroup or ""
        out.append((kind, m[kind]))
        pos = m.end()
    return out


def evaluate(formula: str, get: Getter) -> Number | None:
    """Value of a plain sum formula; ``get`` gives a referenced cell's number (None = blank).

    Like Excel, blank cells count as 0; the result is None only when every referenced cell is
    blank and no number is written in the formula.
    """
    tokens = _tokens(formula)
    seen = [False]

    def cell(text: str) -> Number:
        value = get(_position(text))
        seen[0] = seen[0] or value is not None
        return 0 if value is None else value

    def cells(text: str) -> Number:
        first, last = (_position(p) for p in text.split(":"))
        total: Number = 0
        for r in range(min(first[0], last[0]), max(first[0], last[0]) + 1):
            for c in range(min(first[1], last[1]), max(first[1], last[1]) + 1):
                total += cell(ref((r, c)))
        return total

    i = 0

    def peek() -> tuple[str, str]:
        return tokens[i] if i < len(tokens) else ("end", "")

    def take(kind: str, text: str | None = None) -> str:
        nonlocal i
        k, t = peek()
        if k != kind or (text is not None and t != text):
            raise FormulaError(f"公式 {formula} 不是简单求和（只能计算 SUM 和加减），无法直接读取")
        i += 1
        return t

    def term() -> Number:
        kind, text = peek()
        if kind == "op" and text in "+-":
            take("op")
            return term() if text == "+" else -term()
        if kind == "num":
            take("num")
            seen[0] = True
            return Decimal(text) if "." in text else int(text)
        if kind == "ref":
            return cell(take("ref"))
        if kind == "sum":
            take("sum")
            take("op", "(")
            total: Number = 0
            while True:
                total += cells(take("range")) if peek()[0] == "range" else expression()
                if peek() != ("op", ","):
                    break
                take("op", ",")
            take("op", ")")
            return total
        if (kind, text) == ("op", "("):
            take("op")
            value = expression()
            take("op", ")")
            return value
        raise FormulaError(f"公式 {formula} 不是简单求和（只能计算 SUM 和加减），无法直接读取")

    def expression() -> Number:
        value = term()
        while peek()[0] == "op" and peek()[1] in "+-":
            sign = take("op")
            value = value + term() if sign == "+" else value - term()
        return value

    result = expression()
    take("end")
    return result if seen[0] else None


def relation_total(rel: Relation, value: Callable[[str], object]) -> Number | None:
    """What reportdesk's total formula computes for ``rel`` from the cells' values.

    Blank terms count as 0; the total is None (blank) when every term is blank, as in
    :func:`reportdesk.report.derive`. A term that is not a number raises :class:`FormulaError`.
    """
    total: Number = 0
    seen = False
    for t in rel.rhs:
        v = value(t.key)
        if v is None:
            continue
        if isinstance(v, bool) or not isinstance(v, int | Decimal):
            raise FormulaError(f"{t.key} 不是数字")
        total += t.weight * v
        seen = True
    return total if seen else None

"""Table rows as label text and value cells, from a grid or from flattened text.

A :class:`RawRow` is what every table reader consumes: the label texts before the values (in a
grid the label cells; in text the fragments since the previous numbers — a header, a merged
group label, a label broken over lines) and the value cells as printed.

Flattened text (a .txt, a PDF's text layer, a web page that lost its table) has no cells: a row is
the text up to a run of numbers, whether the numbers stand one per line, on the label's line
("一、本年新收政府信息公开申请数量3001 53 0 0 61 4 3119") or glued to both labels
("（一）予以公开713000074（二）部分公开"). What is a number is decided by what follows it:

- a digit before "." "、" "，" and a Chinese character is a leaf's ordinal ("1.属于国家秘密"), also at
  the end of a run ("00000002.其他…": the run is "0000000", the "2" opens the next label);
- a number before a unit ("2024年", "42件", "5%") is text, and so is one glued to Latin letters;
- a figure holding letters that look like digits ("2O", "l2", or a lone "O" among figures) is kept
  as a value but marked ``suspect``: it is reported, never read as the digit it resembles.

Such values are marked ``runs``: where fewer (or, in an OCR'd copy, more) numbers than cells were
printed, :mod:`reportdesk.importers.splitting` may cut them apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportdesk.importers.document import Grid, Line, grid_row_where
from reportdesk.importers.normalize import ascii_digits, clean_cell, strip_page_marker


@dataclass(frozen=True)
class RawRow:
    """Label texts, then value cells as printed ('' for a blank cell); ``suspect``: indices of
    values holding a look-alike letter."""

    parts: tuple[str, ...]
    values: tuple[str, ...]
    where: str
    runs: bool = False
    suspect: tuple[int, ...] = ()


LOOKALIKES = "OoIl\u3007"  # O, o, I, l and the ideographic zero stand for 0 and 1 in OCR output
# A value cell holds digits (and separators) or nothing; anything with a letter is a label.
_VALUE_CELL = re.compile(r"^[\d０-９,，.．\s\u3000\u00a0\-－—–/\uff0f]*$")
_LOOKALIKE_CELL = re.compile(rf"^\s*(?=[\d{LOOKALIKES}]*\d|[{LOOKALIKES}]{{1,3}}\s*$)[\d{LOOKALIKES},.]+\s*$")
_NUMERISH = re.compile(rf"[\d{LOOKALIKES}]+(?:[,.][\d{LOOKALIKES}]+)*")
_UNITS = set("年月日号件条个次项人万元%％页倍名家份期批篇户天岁度时分秒")
_ORDINAL_MARK = set(".．、，,:：")
_SPACE = set(" \t\u3000\u00a0")
_NEXT_DIGIT = re.compile(r"\s+\d")


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "（("


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def value_like(text: str) -> bool:
    """Whether a table cell holds a value (digits, separators, blank), or a figure with look-alikes."""
    return bool(_VALUE_CELL.match(text) or _LOOKALIKE_CELL.match(text))


def suspect_value(text: str) -> bool:
    """Whether a value holds a letter that only looks like a digit."""
    return any(ch in LOOKALIKES for ch in text)


def grid_rows(grids: Iterable[Grid]) -> list[RawRow]:
    """Every row of the grids: leading label cells, then the trailing run of value-like cells."""
    rows = []
    for grid in grids:
        for i, row in enumerate(grid.rows):
            texts = [("" if c.continued and _VALUE_CELL.match(c.text) else c.text) for c in row]
            n = len(texts)
            while n > 0 and value_like(texts[n - 1]):
                n -= 1
            parts = tuple(clean_cell(t) for t in texts[:n] if clean_cell(t))
            values = tuple(clean_cell(t) for t in texts[n:])
            suspect = tuple(j for j, v in enumerate(values) if suspect_value(v))
            rows.append(RawRow(parts, values, grid_row_where(grid, i), suspect=suspect))
    return rows


def tokens(text: str) -> list[tuple[str, str, int]]:
    """The line as ("text" | "value" | "suspect", piece, where the piece starts), in order."""
    out: list[tuple[str, str, int]] = []
    pos = 0
    for m in _NUMERISH.finditer(text):
        tok, start, end = m.group(0), m.start(), m.end()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        beyond = text[end + 1] if end + 1 < len(text) else " "
        has_digit = any(ch.isdigit() for ch in tok)
        odd = suspect_value(tok)
        kind = "value"
        if not has_digit:  # a lone "O" or "l" among figures, spaces around it
            alone = before in _SPACE and after in _SPACE and len(tok) <= 3
            among = (out and out[-1][0] != "text" and not text[pos:start].strip()) or _NEXT_DIGIT.match(
                text, end
            )
            kind = "suspect" if alone and among else "text"
        elif _latin(before) or (_latin(after) and not odd) or after in _UNITS:
            kind = "text"
        elif after in _ORDINAL_MARK and _cjk(beyond) and not odd:
            if len(tok) > 1:  # the run's last digit is the next leaf's ordinal
                out.append(("text", text[pos:start], pos))
                out.append(("value", tok[:-1], start))
                pos = end - 1
            kind = "text"
        if kind == "text":
            continue
        out.append(("text", text[pos:start], pos))
        out.append(("suspect" if odd else kind, tok, start))
        pos = end
    out.append(("text", text[pos:], pos))
    return [(k, t, at) for k, t, at in out if k != "text" or t.strip()]


def text_rows(lines: Sequence[Line]) -> list[RawRow]:
    """Rows from flattened text: the label fragments since the last numbers, then the numbers."""
    rows: list[RawRow] = []
    parts: list[str] = []
    values: list[str] = []
    suspect: list[int] = []
    where = ""

    def flush() -> None:
        nonlocal parts, values, suspect
        if values:
            rows.append(RawRow(tuple(parts), tuple(values), where, runs=True, suspect=tuple(suspect)))
            parts, values, suspect = [], [], []

    for line in lines:
        long = len(line.text) > _LONG_LINE
        for kind, piece, at in tokens(ascii_digits(strip_page_marker(line.text))):
            if kind == "text":
                flush()
                parts.extend(piece.split())
                continue
            if not values:  # in a long line (a flattened page) say where in it
                where = f"{line.where}第{at + 1}字" if long else line.where
            if kind == "suspect":
                suspect.append(len(values))
            values.append(piece)
    flush()
    if parts:
        rows.append(RawRow(tuple(parts), (), lines[-1].where if lines else ""))
    return _header_numbers(rows)


_SHORT_WORD = 6
_LONG_LINE = 200


def _header_numbers(rows: list[RawRow]) -> list[RawRow]:
    """A garbled header ("数据1 数据2 数据3 …": one word numbered 1, 2, 3 …) read as rows of one number
    each, back to label text."""
    out: list[RawRow] = []
    i = 0
    while i < len(rows):
        j = i
        while (
            j < len(rows)
            and len(rows[j].values) == 1
            and rows[j].values[0] == str(j - i + 1)
            and rows[j].parts
            and len(rows[j].parts[-1]) <= _SHORT_WORD
            and rows[j].parts[-1] == rows[i].parts[-1]
        ):
            j += 1
        last = rows[j] if j < len(rows) else None
        tail = None
        if (
            j - i >= 2
            and last is not None
            and last.values[:1] == (str(j - i + 1),)
            and last.parts[-1:] == rows[i].parts[-1:]
        ):  # the header's last number runs on into the figures printed on the next line
            shifted = tuple(s - 1 for s in last.suspect if s)
            tail = RawRow((), last.values[1:], last.where, last.runs, shifted)
            j += 1
        if j - i >= 3:
            words = [p for r in rows[i:j] for p in (*r.parts[:-1], r.parts[-1] + r.values[0])]
            out.append(RawRow(tuple(words), (), rows[i].where))
            out += [tail] if tail is not None and tail.values else []
            i = j
        else:
            out.append(rows[i])
            i += 1
    return out

"""The value of every located cell: constants parsed, formulas resolved.

A constant goes through :func:`~reportdesk.workbook.cellvalues.read_value`. An amount whose
float is the exact digits kept in a reportdesk workbook's payload takes those digits. A
formula is resolved in this order:

1. reportdesk's own total formula (the text it would write for this cell at this place):
   recomputed from the cells it sums — openpyxl saves no result with it, and the figure is
   then exactly the report's;
2. any other formula with a result saved by Excel, WPS or LibreOffice: that result, as the
   person saw it;
3. a plain sum without a saved result (``=SUM(D5:I5)``, ``=D5+E5``): evaluated here;
4. anything else: a problem naming the cell.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from reportdesk.form import Form, Relation
from reportdesk.values import Parsed, ValueKind
from reportdesk.workbook.cellvalues import decimal_of_float, read_value
from reportdesk.workbook.formulas import (
    FormulaError,
    Number,
    Position,
    evaluate,
    relation_total,
    same_formula,
    total_formula,
)
from reportdesk.workbook.grid import Grid
from reportdesk.workbook.locate import Found

CachedLoader = Callable[[str, Position], object]
RESAVE = "请在 Excel/WPS 中打开并保存后再导入（保存时会存下计算结果）"


class Resolver:
    """Resolves the cells of the located tables; collects notes on formulas."""

    def __init__(
        self,
        form: Form,
        found: Mapping[str, Found],
        derives: Mapping[str, Relation],
        amounts: Mapping[str, str],
        cached: CachedLoader,
    ) -> None:
        self.form = form
        self.found = found
        self.derives = derives
        self.amounts = amounts
        self.cached = cached
        self.own_formulas = 0
        self.notes: list[str] = []
        self._keys: dict[tuple[str, Position], str] = {}
        for f in found.values():
            if f.grid is not None:
                for key, pos in f.cells.items():
                    self._keys[(f.grid.title, pos)] = key
        self._memo: dict[tuple[str, Position], Parsed] = {}
        self._visiting: set[tuple[str, Position]] = set()

    def value(self, key: str) -> Parsed:
        """The value of a cell key of the form (which must have been located)."""
        table = self.found[self.form.cells[key].table]
        assert table.grid is not None
        return self.at(table.grid, table.cells[key])

    def at(self, grid: Grid, pos: Position) -> Parsed:
        """The value of any cell of ``grid``, read as its cell's kind (amount when not a form cell)."""
        ident = (grid.title, pos)
        if ident in self._memo:
            return self._memo[ident]
        if ident in self._visiting:
            return Parsed(error="公式循环引用了自身")
        self._visiting.add(ident)
        try:
            parsed = self._read(grid, pos, self._keys.get(ident))
        finally:
            self._visiting.discard(ident)
        self._memo[ident] = parsed
        return parsed

    def _read(self, grid: Grid, pos: Position, key: str | None) -> Parsed:
        kind: ValueKind = self.form.cells[key].kind if key else "amount"
        raw = grid.cells.get(pos)
        if raw is None:
            return Parsed(None)
        if not raw.formula:
            exact = self.amounts.get(key or "")
            if exact is not None and isinstance(raw.value, int | float) and not isinstance(raw.value, bool):
                if _same_shown(exact, raw.value):
                    return Parsed(Decimal(exact))
                self.notes.append(
                    f"{grid.where(pos)}：金额 {_shown_number(raw.value)} 与导出时的 {exact} 不同"
                    "（导出后在表格中改过），按工作表读取"
                )
            return read_value(raw.value, kind)
        text = raw.value if isinstance(raw.value, str) else getattr(raw.value, "text", None)
        if not isinstance(text, str):
            return Parsed(error=f"无法识别的公式，{RESAVE}")
        rel = self.derives.get(key or "")
        table = self.found[self.form.cells[key].table] if key else None
        if rel is not None and table is not None and same_formula(text, total_formula(rel, table.cells)):
            self.own_formulas += 1
            return self._own(rel)
        saved = self.cached(grid.title, pos)
        if saved is not None:
            self.notes.append(f"{grid.where(pos)}：公式 {text}，按文件中保存的计算结果 {saved} 读取")
            return read_value(saved, kind)
        try:
            result = evaluate(text, lambda p: self._number(grid, p))
        except FormulaError as e:
            return Parsed(error=f"{e}；{RESAVE}")
        self.notes.append(f"{grid.where(pos)}：公式 {text} 没有保存计算结果，已按公式计算为 {result}")
        return read_value(result, kind)

    def _own(self, rel: Relation) -> Parsed:
        def term(k: str) -> Number | None:
            parsed = self.value(k)
            if parsed.error:
                raise FormulaError(parsed.error)
            return parsed.value

        try:
            return Parsed(relation_total(rel, term))
        except FormulaError:
            return Parsed(None)  # the term itself is reported; the total adds nothing new

    def _number(self, grid: Grid, pos: Position) -> Number | None:
        parsed = self.at(grid, pos)
        if parsed.error:
            raise FormulaError(f"公式引用的 {grid.where(pos)} 有误（{parsed.error}）")
        return parsed.value


def _shown_number(number: int | float) -> Decimal:
    return Decimal(number) if isinstance(number, int) else decimal_of_float(number)


def _same_shown(exact: str, number: int | float) -> bool:
    """The kept digits are what the cell holds, to the 15 digits a spreadsheet keeps."""
    try:
        return decimal_of_float(float(Decimal(exact))) == decimal_of_float(float(number))
    except OverflowError:  # beyond any float: not the amount that was exported
        return False

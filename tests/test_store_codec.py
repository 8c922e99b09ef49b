"""Values go into the database and come back exactly: no float, no int/Decimal mix-up, reasons kept."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from reportdesk.store.codec import decode_cell, encode_cell, json_text, parse_cell, parse_json
from reportdesk.values import Invalid

DECIMALS = st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
    lambda d: abs(d.adjusted()) < 30
)
RAWS = st.one_of(st.text(max_size=8), st.integers(-(10**20), 10**20), DECIMALS, st.booleans(), st.none())
CELLS = st.one_of(
    st.none(),
    st.integers(0, 10**15),
    DECIMALS,
    st.builds(Invalid, RAWS, st.text(max_size=20)),
)


@given(CELLS)
def test_a_cell_value_comes_back_exactly(value: object) -> None:
    back = decode_cell(encode_cell(value))  # type: ignore[arg-type]
    assert back == value and type(back) is type(value)
    if isinstance(value, Decimal):
        assert str(back) == str(value)  # "5", "12.50" and "1E+3" stay as written
    if isinstance(value, Invalid):
        assert type(back.raw) is type(value.raw)  # type: ignore[union-attr]


JSONS = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), DECIMALS, st.text(max_size=5)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)


@given(JSONS)
def test_kept_json_comes_back_exactly(value: object) -> None:
    back = parse_json(json_text(value))
    assert back == value
    assert json_text(back) == json_text(value)


def test_integral_decimal_is_not_turned_into_an_int() -> None:
    assert isinstance(parse_json(json_text(Decimal("5"))), Decimal)
    assert str(decode_cell(encode_cell(Decimal("5")))) == "5"
    assert decode_cell("7") == 7 and isinstance(decode_cell("7"), int)


def _parsed(text: str) -> object:
    """What the JSON parser makes of a stored cell (the way every cell was read before the short cut)."""
    try:
        return ("value", parse_cell(text))
    except Exception as e:
        return ("refused", type(e).__name__)


def _read(text: str) -> object:
    try:
        return ("value", decode_cell(text))
    except Exception as e:
        return ("refused", type(e).__name__)


@given(
    st.one_of(
        CELLS.map(encode_cell),  # type: ignore[arg-type]
        st.from_regex(r'-?[0-9]{1,22}|\{"decimal": "-?[0-9]{1,32}(\.[0-9]{0,32})?"\}', fullmatch=True),
        st.sampled_from(
            ["-0", "007", "-", "1.5", "1e3", '{"decimal":"5"}', '{"decimal": "5."}', "null ", " 5"]
        ),
    )
)
def test_the_short_cut_for_plain_cells_reads_what_the_parser_reads(text: str) -> None:
    read = _read(text)
    parsed = _parsed(text)
    assert read == parsed
    if read[0] == "value":
        assert type(read[1]) is type(parsed[1]) and str(read[1]) == str(parsed[1])  # type: ignore[index]

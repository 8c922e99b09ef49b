"""The one parser for what a person types or pastes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportdesk.values import Invalid, from_json, parse_input, to_json


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("42", "count", 42),
        (" 42 ", "count", 42),
        ("４２", "count", 42),
        ("1,234", "count", 1234),
        ("1，234，567", "count", 1234567),
        ("1 234", "count", 1234),
        ("１２ ３４５", "count", 12345),
        ("0", "count", 0),
        ("42件", "count", 42),
        ("12.0", "count", 12),
        ("", "count", None),
        ("   ", "count", None),
        ("　", "count", None),
        ("4068.208", "amount", Decimal("4068.208")),
        ("１２．５", "amount", Decimal("12.5")),
        ("0.50", "amount", Decimal("0.50")),
        ("96,171.6", "amount", Decimal("96171.6")),
        ("12.5万元", "amount", Decimal("12.5")),
        ("+3", "count", 3),
    ],
)
def test_accepted(text: str, kind: str, value: object) -> None:
    parsed = parse_input(text, kind)  # type: ignore[arg-type]
    assert parsed.ok, parsed.error
    assert parsed.value == value
    assert type(parsed.value) is type(value)


def test_amount_keeps_the_digits_as_entered() -> None:
    assert str(parse_input("0.50", "amount").value) == "0.50"
    assert str(parse_input("4068.208", "amount").value) == "4068.208"


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("abc", "count", "不是数字"),
        ("4二", "count", "不是数字"),
        ("-3", "count", "负数"),
        ("1.5", "count", "整数"),
        ("12,34", "count", "千位分隔符"),
        ("3940元", "amount", "万元"),
        ("-0.1", "amount", "负数"),
        ("1.2.3", "amount", "不是数字"),
    ],
)
def test_refused_with_a_chinese_reason(text: str, kind: str, reason: str) -> None:
    parsed = parse_input(text, kind)  # type: ignore[arg-type]
    assert not parsed.ok
    assert parsed.value is None
    assert reason in (parsed.error or "")
    assert text.strip() in (parsed.error or "")


@pytest.mark.parametrize(
    ("raw", "kind", "valid"),
    [
        (42, "count", True),
        (0, "count", True),
        (-1, "count", False),
        (Decimal("1.5"), "count", False),
        ("42", "count", False),
        (True, "count", False),
        ("96171.6", "amount", True),
        (Decimal("96171.6"), "amount", True),
        ("-5", "amount", False),
        ("abc", "amount", False),
    ],
)
def test_json_values(raw: object, kind: str, valid: bool) -> None:
    value = from_json(raw, kind)  # type: ignore[arg-type]
    assert (not isinstance(value, Invalid)) is valid
    if not valid:
        assert to_json(value, kind) == raw  # kept as given  # type: ignore[arg-type]


def test_blank_is_not_zero() -> None:
    assert from_json(None, "count") is None
    assert from_json(0, "count") == 0
    assert from_json(0, "count") is not None
    assert to_json(None, "amount") is None
    assert to_json(Decimal("0"), "amount") == "0"

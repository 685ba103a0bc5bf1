from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brygga.eekonomi.odata import all_of, any_of, field, literal, parse_string_literal


def test_customer_number_is_quoted() -> None:
    assert field("CustomerNumber").eq("1001") == "CustomerNumber eq '1001'"


def test_name_with_apostrophe_is_escaped() -> None:
    assert field("Name").eq("O'Brien") == "Name eq 'O''Brien'"
    assert field("Name").ne("it's' or 1 eq 1 or '") == "Name ne 'it''s'' or 1 eq 1 or '''"


def test_datetimes_are_unquoted_utc_iso() -> None:
    stockholm = timezone(timedelta(hours=2))
    ts = datetime(2025, 1, 1, 2, 0, tzinfo=stockholm)
    assert field("ChangedUtc").gt(ts) == "ChangedUtc gt 2025-01-01T00:00:00Z"
    precise = datetime(2025, 1, 1, 0, 0, 0, 120000, tzinfo=UTC)
    assert literal(precise) == "2025-01-01T00:00:00.120000Z"


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        field("ChangedUtc").gt(datetime(2025, 1, 1))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, "true"),
        (False, "false"),
        (None, "null"),
        (42, "42"),
        (Decimal("1E+2"), "100"),
        (Decimal("-12.50"), "-12.50"),
    ],
)
def test_other_literals(value: object, expected: str) -> None:
    assert literal(value) == expected  # type: ignore[arg-type]


def test_floats_and_bad_field_names_are_refused() -> None:
    with pytest.raises(TypeError):
        literal(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        field("Name eq 'x' or Id")


def test_operators_and_composition() -> None:
    number = field("Number")
    assert [number.gt(1), number.ge(1), number.lt(1), number.le(1)] == [
        "Number gt 1",
        "Number ge 1",
        "Number lt 1",
        "Number le 1",
    ]
    a, b, c = field("A").eq("x"), field("B").eq(True), field("C").eq(None)
    assert all_of(a, b) == "(A eq 'x') and (B eq true)"
    assert any_of(all_of(a, b), c) == "((A eq 'x') and (B eq true)) or (C eq null)"
    assert all_of(a) == a
    with pytest.raises(ValueError):
        any_of()


@given(st.text())
def test_any_text_round_trips_and_stays_one_literal(value: str) -> None:
    quoted = literal(value)
    assert parse_string_literal(quoted) == value
    # Never breaks out: outside the delimiters every quote comes in escaped pairs.
    assert quoted[1:-1].replace("''", "").count("'") == 0


@given(st.text(), st.text())
def test_parse_rejects_a_literal_that_was_broken_out_of(first: str, second: str) -> None:
    broken = "'" + first.replace("'", "''") + "' or '" + second.replace("'", "''") + "'"
    with pytest.raises(ValueError):
        parse_string_literal(broken)

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from brygga_emulators.eekonomi.odata import QueryError, parse_filter, parse_orderby, sort_documents

FIELDS = ("Name", "Number", "Amount", "Active", "ChangedUtc", "Id")
DATES = ("ChangedUtc",)
ROWS: list[dict[str, Any]] = [
    {
        "Name": "Alfa",
        "Number": "1",
        "Amount": Decimal("10.50"),
        "Active": True,
        "ChangedUtc": "2025-01-01T10:00:00Z",
        "Id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
    },
    {
        "Name": "Beta",
        "Number": "2",
        "Amount": 3,
        "Active": False,
        "ChangedUtc": "2025-01-01T09:59:59.5Z",
        "Id": "0c0c0c0c-0000-0000-0000-000000000000",
    },
    {"Name": None, "Number": "3", "Amount": None, "Active": True, "ChangedUtc": None, "Id": None},
]


def select(text: str) -> list[str]:
    condition = parse_filter(text, FIELDS, DATES)
    return [row["Number"] for row in ROWS if condition.matches(row)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amount gt 10", ["1"]),
        ("Amount le 3.0", ["2"]),
        ("Amount eq null", ["3"]),
        ("Name ne null", ["1", "2"]),
        ("Active", ["1", "3"]),
        ("not Active", ["2"]),
        ("Active eq true and Amount ge -1 or Name eq 'Beta'", ["1", "2"]),
        ("Active eq true and (Amount ge -1 or Name eq 'Beta')", ["1"]),
        ("endswith(Name, 'ta')", ["2"]),
        ("ChangedUtc lt 2025-01-01T10:00:00Z", ["2"]),
        ("ChangedUtc eq 2025-01-01T11:00:00+01:00", ["1"]),
        ("ChangedUtc gt 2025-01-01", ["1", "2"]),
        ("Id eq 3F2504E0-4F89-11D3-9A0C-0305E82C3301", ["1"]),
        ("Id eq guid'0c0c0c0c-0000-0000-0000-000000000000'", ["2"]),
        ("NAME eq 'x' or Number eq '3'", None),
    ],
)
def test_filters(text: str, expected: list[str] | None) -> None:
    if expected is None:
        with pytest.raises(QueryError):
            select(text)
    else:
        assert select(text) == expected


def test_null_never_orders() -> None:
    assert select("Amount lt 100") == ["1", "2"]


def test_escaped_quote_in_literal() -> None:
    condition = parse_filter("Name eq 'It''s'", FIELDS)

    assert condition.matches({"Name": "It's"})
    assert not condition.matches({"Name": "Its"})


@pytest.mark.parametrize("text", ["", "Name eq 'a' 'b'", "Name @ 'a'", "contains(Name)", "Name eq datetime'bad'"])
def test_syntax_errors(text: str) -> None:
    with pytest.raises(QueryError):
        select(text)


def test_orderby_multiple_keys_with_nulls_first() -> None:
    rows: list[dict[str, Any]] = [{"A": 1, "B": "x"}, {"A": None, "B": "y"}, {"A": 1, "B": "a"}]
    keys = parse_orderby("A asc, B desc", ("A", "B"))

    assert [row["B"] for row in sort_documents(rows, keys)] == ["y", "x", "a"]

"""A small typed builder for eEkonomi's OData ``$filter`` that quotes every value.

Values never reach the filter text unquoted: strings go in single quotes with ``'`` doubled
(``O'Brien`` -> ``'O''Brien'``), so a customer name cannot end the literal and add a clause;
datetimes are unquoted ISO 8601 UTC (the form eEk accepts for ``ChangedUtc gt …``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

__all__ = ["FilterField", "FilterValue", "all_of", "any_of", "field", "literal", "parse_string_literal"]

FilterValue = str | bool | int | Decimal | datetime | None

_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*")


def _datetime_literal(value: datetime) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("OData filters need aware datetimes; a naive one has no defined instant")
    utc = value.astimezone(UTC)
    fraction = f".{utc.microsecond:06d}" if utc.microsecond else ""
    return utc.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def literal(value: FilterValue) -> str:
    """The OData literal for ``value``: quoted string, ISO datetime, true/false, number or null."""
    if value is None:
        return "null"
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, datetime):
        return _datetime_literal(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value}")
        return format(value, "f")
    raise TypeError(f"unsupported filter value type {type(value).__name__} (use Decimal, not float)")


def parse_string_literal(text: str) -> str:
    """Inverse of :func:`literal` for strings; raises if ``text`` is not exactly one string literal."""
    if len(text) < 2 or text[0] != "'" or text[-1] != "'":
        raise ValueError("not a quoted OData string")
    inner = text[1:-1]
    # Every quote inside must be part of a doubled pair, else the literal would end early.
    if inner.replace("''", "").count("'"):
        raise ValueError("unescaped quote inside OData string")
    return inner.replace("''", "'")


@dataclass(frozen=True)
class FilterField:
    """A property to compare, e.g. ``field("CustomerNumber").eq("1001")``."""

    name: str

    def __post_init__(self) -> None:
        if not _FIELD_NAME.fullmatch(self.name):
            raise ValueError(f"not a property name: {self.name!r}")

    def _compare(self, operator: str, value: FilterValue) -> str:
        return f"{self.name} {operator} {literal(value)}"

    def eq(self, value: FilterValue) -> str:
        return self._compare("eq", value)

    def ne(self, value: FilterValue) -> str:
        return self._compare("ne", value)

    def gt(self, value: FilterValue) -> str:
        return self._compare("gt", value)

    def ge(self, value: FilterValue) -> str:
        return self._compare("ge", value)

    def lt(self, value: FilterValue) -> str:
        return self._compare("lt", value)

    def le(self, value: FilterValue) -> str:
        return self._compare("le", value)


def field(name: str) -> FilterField:
    return FilterField(name)


def _join(operator: str, clauses: tuple[str, ...]) -> str:
    if not clauses:
        raise ValueError(f"'{operator}' needs at least one clause")
    if len(clauses) == 1:
        return clauses[0]
    return f" {operator} ".join(f"({clause})" for clause in clauses)


def all_of(*clauses: str) -> str:
    """Clauses joined with ``and``, each in parentheses."""
    return _join("and", clauses)


def any_of(*clauses: str) -> str:
    """Clauses joined with ``or``, each in parentheses."""
    return _join("or", clauses)

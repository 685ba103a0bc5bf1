"""The OData subset eEkonomi accepts in ``$filter`` and ``$orderby``: a tokenizer, a recursive-descent
parser and an evaluator over stored JSON documents.

Supported: ``eq ne gt ge lt le``, ``and or not``, parentheses, ``'strings'`` (``''`` escapes a quote),
numbers, ``true false null``, date-times (unquoted ISO 8601 or ``datetime'…'``), GUIDs (unquoted or
``guid'…'``), and ``contains/startswith/endswith(Property, 'text')``. Properties are top-level only.
Date-time properties are compared as instants, never as text. String comparisons are case-sensitive
as in the OData standard (unverified against the live API, whose database may fold case).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, NoReturn

from .clock import parse_utc

__all__ = ["Filter", "OrderKey", "QueryError", "parse_filter", "parse_orderby", "sort_documents"]


class QueryError(ValueError):
    """``code`` is 6000 (QueryParameterError) for syntax and properties, 6001 (InvalidInput) for values."""

    def __init__(self, message: str, code: int = 6000) -> None:
        super().__init__(message)
        self.code = code


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<typed>(?:datetime|guid)'(?:[^']|'')*')
  | (?P<string>'(?:[^']|'')*')
  | (?P<datetime>\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?(?![\w-]))
  | (?P<guid>[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![\w-]))
  | (?P<number>-?\d+(?:\.\d+)?(?![\w.]))
  | (?P<name>[A-Za-z_]\w*)
  | (?P<punct>[(),])
    """,
    re.VERBOSE,
)

_COMPARISONS = frozenset({"eq", "ne", "gt", "ge", "lt", "le"})
_FUNCTIONS = frozenset({"contains", "startswith", "endswith"})


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    position: int


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise QueryError(f"Syntax error at position {position} in '{text}'.")
        kind = match.lastgroup or ""
        if kind != "ws":
            tokens.append(_Token(kind, match.group(), position))
        position = match.end()
    return tokens


Record = Mapping[str, Any]
Value = Any  # str | Decimal | bool | datetime | None


class _Node:
    def value(self, record: Record) -> Value:
        raise NotImplementedError


@dataclass(frozen=True)
class _Literal(_Node):
    literal: Value

    def value(self, record: Record) -> Value:
        return self.literal


@dataclass(frozen=True)
class _Property(_Node):
    name: str
    is_datetime: bool

    def value(self, record: Record) -> Value:
        raw = record.get(self.name)
        if isinstance(raw, bool) or raw is None:
            return raw
        if isinstance(raw, int):
            return Decimal(raw)
        if self.is_datetime and isinstance(raw, str):
            return parse_utc(raw)
        return raw


@dataclass(frozen=True)
class _Compare(_Node):
    operator: str
    left: _Node
    right: _Node

    def value(self, record: Record) -> Value:
        return _compare(self.operator, self.left.value(record), self.right.value(record))


@dataclass(frozen=True)
class _Logical(_Node):
    operator: str  # "and" | "or"
    left: _Node
    right: _Node

    def value(self, record: Record) -> Value:
        left = self.left.value(record) is True
        if self.operator == "and":
            return left and self.right.value(record) is True
        return left or self.right.value(record) is True


@dataclass(frozen=True)
class _Not(_Node):
    operand: _Node

    def value(self, record: Record) -> Value:
        return self.operand.value(record) is not True


@dataclass(frozen=True)
class _Function(_Node):
    name: str
    subject: _Node
    argument: _Node

    def value(self, record: Record) -> Value:
        subject, argument = self.subject.value(record), self.argument.value(record)
        if subject is None or argument is None:
            return False
        if not isinstance(subject, str) or not isinstance(argument, str):
            raise QueryError(f"The function '{self.name}' needs two string arguments.")
        if self.name == "contains":
            return argument in subject
        if self.name == "startswith":
            return subject.startswith(argument)
        return subject.endswith(argument)


_ORDERING: dict[str, Callable[[Any, Any], bool]] = {
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
}


def _compare(operator: str, left: Value, right: Value) -> bool:
    left, right = _align(left, right)
    if operator == "eq":
        return bool(left == right)
    if operator == "ne":
        return bool(left != right)
    if left is None or right is None:
        return False  # OData: ordering against null is false, not an error
    return _ORDERING[operator](left, right)


def _align(left: Value, right: Value) -> tuple[Value, Value]:
    """Bring both sides to one type, or fail as the API does when they cannot be compared."""
    if left is None or right is None:
        return left, right
    if isinstance(left, datetime) and isinstance(right, str):
        return left, _as_datetime(right)
    if isinstance(right, datetime) and isinstance(left, str):
        return _as_datetime(left), right
    if _edm_type(left) != _edm_type(right):
        raise QueryError(
            f"A binary operator with incompatible types was detected. Found operand types "
            f"'{_edm_type(left)}' and '{_edm_type(right)}'."
        )
    return left, right


def _as_datetime(text: str) -> datetime:
    try:
        return parse_utc(text)
    except ValueError as exc:
        raise QueryError(f"The value '{text}' is not a valid DateTime.", code=6001) from exc


def _edm_type(value: Value) -> str:
    if isinstance(value, bool):
        return "Edm.Boolean"
    if isinstance(value, Decimal):
        return "Edm.Decimal"
    if isinstance(value, datetime):
        return "Edm.DateTimeOffset"
    if isinstance(value, str):
        return "Edm.String"
    return type(value).__name__


class _Parser:
    """Precedence, loosest first: or, and, not, comparison, primary."""

    def __init__(self, text: str, fields: Collection[str], datetime_fields: Collection[str]) -> None:
        self._text = text
        self._tokens = _tokenize(text)
        self._index = 0
        self._fields = fields
        self._datetime_fields = datetime_fields

    def parse(self) -> _Node:
        if not self._tokens:
            raise QueryError("The $filter expression is empty.")
        node = self._or()
        if self._peek() is not None:
            self._fail(self._peek())
        return node

    def _peek(self) -> _Token | None:
        return self._tokens[self._index] if self._index < len(self._tokens) else None

    def _take(self) -> _Token:
        token = self._peek()
        if token is None:
            raise QueryError(f"Unexpected end of the $filter expression '{self._text}'.")
        self._index += 1
        return token

    def _accept_word(self, *words: str) -> str | None:
        token = self._peek()
        if token is not None and token.kind == "name" and token.text.lower() in words:
            self._index += 1
            return token.text.lower()
        return None

    def _expect(self, text: str) -> None:
        token = self._peek()
        if token is None or token.text != text:
            self._fail(token, expected=text)
        self._index += 1

    def _fail(self, token: _Token | None, expected: str | None = None) -> NoReturn:
        where = f"'{token.text}' at position {token.position}" if token else "the end"
        wanted = f" Expected '{expected}'." if expected else ""
        raise QueryError(f"Syntax error: unexpected {where} in '{self._text}'.{wanted}")

    def _or(self) -> _Node:
        node = self._and()
        while self._accept_word("or"):
            node = _Logical("or", node, self._and())
        return node

    def _and(self) -> _Node:
        node = self._not()
        while self._accept_word("and"):
            node = _Logical("and", node, self._not())
        return node

    def _not(self) -> _Node:
        if self._accept_word("not"):
            return _Not(self._not())
        return self._comparison()

    def _comparison(self) -> _Node:
        left = self._primary()
        operator = self._accept_word(*_COMPARISONS)
        if operator is None:
            return left
        return _Compare(operator, left, self._primary())

    def _primary(self) -> _Node:
        token = self._take()
        if token.text == "(":
            node = self._or()
            self._expect(")")
            return node
        if token.kind == "name":
            return self._name(token)
        return _Literal(_literal(token))

    def _name(self, token: _Token) -> _Node:
        word = token.text.lower()
        if word in ("true", "false"):
            return _Literal(word == "true")
        if word == "null":
            return _Literal(None)
        next_token = self._peek()
        if word in _FUNCTIONS and next_token is not None and next_token.text == "(":
            return self._function(word)
        if token.text not in self._fields:
            raise QueryError(f"Could not find a property named '{token.text}' to filter or sort on.")
        return _Property(token.text, token.text in self._datetime_fields)

    def _function(self, name: str) -> _Node:
        self._expect("(")
        subject = self._or()
        self._expect(",")
        argument = self._or()
        self._expect(")")
        return _Function(name, subject, argument)


def _literal(token: _Token) -> Value:
    if token.kind == "string":
        return token.text[1:-1].replace("''", "'")
    if token.kind == "number":
        return Decimal(token.text)
    if token.kind == "datetime":
        return _as_datetime(token.text)
    if token.kind == "guid":
        return str(uuid.UUID(token.text))
    if token.kind == "typed":
        prefix, _, quoted = token.text.partition("'")
        inner = quoted[:-1].replace("''", "'")
        if prefix == "datetime":
            return _as_datetime(inner)
        try:
            return str(uuid.UUID(inner))
        except ValueError as exc:
            raise QueryError(f"The value '{inner}' is not a valid Guid.", code=6001) from exc
    raise QueryError(f"Syntax error: unexpected '{token.text}' at position {token.position}.")


@dataclass(frozen=True)
class Filter:
    """A parsed ``$filter``; ``matches`` raises QueryError for type clashes found while evaluating."""

    root: _Node

    def matches(self, record: Record) -> bool:
        return self.root.value(record) is True


def parse_filter(text: str, fields: Collection[str], datetime_fields: Collection[str] = ()) -> Filter:
    return Filter(_Parser(text, fields, datetime_fields).parse())


@dataclass(frozen=True)
class OrderKey:
    field: str
    descending: bool


def parse_orderby(text: str, fields: Collection[str]) -> list[OrderKey]:
    keys: list[OrderKey] = []
    for part in text.split(","):
        words = part.split()
        if not words or len(words) > 2 or (len(words) == 2 and words[1].lower() not in ("asc", "desc")):
            raise QueryError(f"Syntax error in $orderby '{text}'. Use 'Property [asc|desc]'.")
        if words[0] not in fields:
            raise QueryError(f"Could not find a property named '{words[0]}' to filter or sort on.")
        keys.append(OrderKey(words[0], len(words) == 2 and words[1].lower() == "desc"))
    return keys


def sort_documents(
    documents: Sequence[Record], keys: Sequence[OrderKey], datetime_fields: Collection[str] = ()
) -> list[Record]:
    """Stable multi-key sort; nulls first ascending (SQL Server's order), last descending."""
    ordered = list(documents)
    for key in reversed(keys):
        prop = _Property(key.field, key.field in datetime_fields)

        def sort_key(record: Record, prop: _Property = prop) -> tuple[bool, Any]:
            value = prop.value(record)
            if isinstance(value, dict | list):
                value = str(value)  # sorting on an object is meaningless; keep it deterministic
            return (value is not None, value if value is not None else 0)

        ordered.sort(key=sort_key, reverse=key.descending)
    return ordered

"""Orders from CSV: one line per order row, the order's header columns repeated on each of its lines.

Written for files that people make in Excel: ``;`` or ``,`` between the columns (read from the header line),
Swedish decimal comma (``1 234,50``), ``ja``/``nej`` for yes and no, an optional byte-order mark. Every
problem is reported with its line number (the header is line 1); an order with any problem is refused as a
whole, because an invoice missing one of its rows is worse than no invoice.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from brygga.orders.documents import BrokenInput
from brygga.orders.models import SCHEMA_VERSION, Order
from brygga.orders.schema_errors import PathPart
from brygga.orders.validation import check_order

__all__ = ["COLUMNS", "REQUIRED_COLUMNS", "CsvOrders", "CsvProblem", "read_csv_orders"]

# Column -> where its value goes in the order document ("rows" columns go into each line's row).
COLUMNS: dict[str, tuple[str, ...]] = {
    "order_number": ("order_number",),
    "released": ("released",),
    "customer_number": ("customer", "number"),
    "customer_name": ("customer", "name"),
    "organisation_number": ("customer", "organisation_number"),
    "invoice_email": ("customer", "invoice_email"),
    "country_code": ("customer", "country_code"),
    "address_line1": ("customer", "address", "line1"),
    "address_line2": ("customer", "address", "line2"),
    "postal_code": ("customer", "address", "postal_code"),
    "city": ("customer", "address", "city"),
    "currency": ("customer", "currency"),
    "payment_terms_days": ("payment_terms_days",),
    "export": ("export",),
    "eu": ("eu",),
    "row_text": ("rows", "text"),
    "quantity": ("rows", "quantity"),
    "unit": ("rows", "unit"),
    "unit_price": ("rows", "unit_price"),
    "vat_rate": ("rows", "vat_rate"),
    "coding": ("rows", "coding"),
}
HEADER_COLUMNS = tuple(name for name, path in COLUMNS.items() if path[0] != "rows")
ROW_COLUMNS = tuple(name for name, path in COLUMNS.items() if path[0] == "rows")
REQUIRED_COLUMNS = ("order_number", "customer_number", "row_text", "quantity", "unit_price", "vat_rate")
_PATH_COLUMNS = {path: name for name, path in COLUMNS.items()}

TRUE_WORDS = frozenset({"true", "ja", "j", "yes", "y", "1", "sant", "x"})
FALSE_WORDS = frozenset({"false", "nej", "n", "no", "0", "falskt"})
# Digit groups may be split by spaces, as Swedish Excel writes 1 234,50 (also with a (narrow) no-break space).
_GROUP_SPACES = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d)")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message is the Swedish reason."""


@dataclass(frozen=True)
class CsvProblem:
    line: int
    order_number: str | None
    reason: str


@dataclass
class CsvOrders:
    orders: list[tuple[int, Order]] = field(default_factory=list)  # (first line, order)
    problems: list[CsvProblem] = field(default_factory=list)


@dataclass(frozen=True)
class _Line:
    number: int
    cells: dict[str, str]


def read_csv_orders(text: str) -> CsvOrders:
    """The valid orders of a CSV text and a problem for every line that keeps its order out."""
    records = _records(text)
    header_line, header = next(records, (1, []))
    columns = _check_header([cell.strip().lower() for cell in header])
    result = CsvOrders()
    groups: dict[str, list[_Line]] = {}
    for number, values in records:
        if not any(value.strip() for value in values):
            continue  # blank lines (often at the end of a file) carry nothing
        if len(values) != len(columns):
            reason = f"raden har {len(values)} kolumner men rubrikraden (rad {header_line}) har {len(columns)}"
            result.problems.append(CsvProblem(number, None, reason))
            continue
        line = _Line(number, {name: value.strip() for name, value in zip(columns, values, strict=True)})
        order_number = line.cells["order_number"]
        if not order_number:
            result.problems.append(CsvProblem(number, None, "order_number saknas men krävs"))
            continue
        groups.setdefault(order_number, []).append(line)
    for order_number, lines in groups.items():
        _read_order(order_number, lines, result)
    result.problems.sort(key=lambda problem: problem.line)
    return result


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Records with the line each starts on (a quoted cell may span several lines)."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for values in reader:
            yield start, values
            start = reader.line_num + 1
    except csv.Error as exc:
        raise BrokenInput(f"CSV-filen kan inte läsas från rad {start}: {exc}.") from exc


def _check_header(columns: list[str]) -> list[str]:
    if not any(columns):
        raise BrokenInput("CSV-filen saknar rubrikrad.")
    unknown = [name for name in columns if name not in COLUMNS]
    if unknown:
        raise BrokenInput(
            f"Okända kolumner i rubrikraden: {', '.join(unknown)}. Tillåtna kolumner: {', '.join(COLUMNS)}."
        )
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    if repeated:
        raise BrokenInput(f"Kolumner förekommer flera gånger i rubrikraden: {', '.join(repeated)}.")
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise BrokenInput(f"Rubrikraden saknar kolumner som krävs: {', '.join(missing)}.")
    return columns


def _read_order(order_number: str, lines: list[_Line], result: CsvOrders) -> None:
    problems = [
        CsvProblem(line.number, order_number, reason) for line in lines for reason in _header_drift(lines, line)
    ]
    document: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "rows": []}
    for line in lines:
        row: dict[str, Any] = {}
        for column, value in line.cells.items():
            if value and (line is lines[0] or column in ROW_COLUMNS):
                try:
                    _place(document, row, column, _convert(column, value))
                except CellError as exc:
                    problems.append(CsvProblem(line.number, order_number, f"{column}: {exc}"))
        document["rows"].append(row)
    if not problems:
        checked = check_order(document)
        if isinstance(checked, Order):
            result.orders.append((lines[0].number, checked))
            return
        problems = [_csv_problem(order_number, lines, violation.path, violation.reason) for violation in checked]
    result.problems.extend(problems)


def _header_drift(lines: list[_Line], line: _Line) -> Iterator[str]:
    """The header columns in which ``line`` says something else than the order's first line."""
    first = lines[0]
    for column in HEADER_COLUMNS:
        if line is not first and line.cells.get(column, "") != first.cells.get(column, ""):
            yield (
                f'{column} är "{line.cells.get(column, "")}" men "{first.cells.get(column, "")}" på rad '
                f"{first.number}: orderhuvudets kolumner ska vara lika på alla rader i en order"
            )


def _place(document: dict[str, Any], row: dict[str, Any], column: str, value: object) -> None:
    path = COLUMNS[column]
    if path[0] == "rows":
        row[path[1]] = value
        return
    target = document
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value


def _csv_problem(order_number: str, lines: list[_Line], path: tuple[PathPart, ...], reason: str) -> CsvProblem:
    """A schema reason told in CSV terms: the column name, on the line the row came from."""
    if len(path) >= 2 and path[0] == "rows" and isinstance(path[1], int) and path[1] < len(lines):
        line, key = lines[path[1]].number, ("rows", *path[2:])
    else:
        line, key = lines[0].number, path
    column = _PATH_COLUMNS.get(tuple(str(part) for part in key))
    return CsvProblem(line, order_number, f"{column}: {reason}" if column else reason)


def _convert(column: str, value: str) -> object:
    return _CONVERTERS.get(column, str)(value)


def _boolean(value: str) -> bool:
    word = value.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(f'"{value}" är varken ja eller nej (skriv ja/nej, true/false eller 1/0)')


def _integer(value: str) -> int:
    if not value.isascii() or not value.isdigit():
        raise CellError(f'"{value}" är inget heltal')
    return int(value)


def _decimal(value: str) -> Decimal:
    text = _GROUP_SPACES.sub("", value).replace("\u2212", "-")  # Excel may write a Unicode minus sign
    if "," in text and "." in text:
        raise CellError(f'"{value}" har både komma och punkt; skriv talet utan tusentalsavgränsare, t.ex. 1234,50')
    text = text.replace(",", ".")
    if not _DECIMAL.fullmatch(text):
        raise CellError(f'"{value}" är inget tal (skriv t.ex. 1234,50 eller 1234.50)')
    return Decimal(text)


_CONVERTERS: dict[str, Callable[[str], object]] = {
    "released": _boolean,
    "export": _boolean,
    "eu": _boolean,
    "payment_terms_days": _integer,
    "quantity": _decimal,
    "unit_price": _decimal,
    "vat_rate": _decimal,
}

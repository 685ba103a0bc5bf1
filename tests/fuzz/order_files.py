"""Generated order files (JSON and CSV) for the order importer, valid and broken, and the verdict on one import.

A file is a list of orders, each valid or broken in one known way (a wrong type, a missing field, a bad cell), so
the fuzzer knows which orders must be kept and which reported; then, sometimes, the whole file is damaged: latin-1
bytes, a byte-order mark, a truncated end, or made a few MB large. After a damage that changes the content
(latin-1 with non-ASCII text, truncation) only the weaker promise is checked: every problem has a message, CSV
problems a line number and JSON problems an index, unless the whole file is refused with one problem; never an
exception.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import simplejson
from hypothesis import strategies as st

from brygga.orders.csv_orders import COLUMNS
from brygga.orders.importer import ImportResult, import_orders_text
from tests.fuzz.verdicts import Verdict

__all__ = ["OrderFile", "order_file_verdict", "order_files"]

BREAKS = (
    "none",
    "no_rows",
    "quantity_text",
    "vat_negative",
    "no_customer_number",
    "long_unit",
    "price_float_text",
    "schema_version",
)
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


@dataclass(frozen=True)
class OrderFile:
    data: bytes
    csv_format: bool
    valid: frozenset[str]  # order numbers that must be kept
    broken: frozenset[str]  # order numbers that must be reported
    exact: bool  # False when a damage to the whole file makes the expectation unknowable
    damage: str


@st.composite
def _row(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "text": draw(st.one_of(st.sampled_from(["Takpapp", "Frakt", "Å ä ö", ""]), st.text(_CHARS, max_size=30))),
        "quantity": draw(st.decimals(min_value=-1000, max_value=10**6, places=draw(st.sampled_from([0, 2, 3])))),
        "unit": draw(st.none() | st.sampled_from(["st", "kg", "rulle", "h", "tim", "m²"])),
        "unit_price": draw(st.decimals(min_value=-(10**5), max_value=10**7, places=2)),
        "vat_rate": draw(st.sampled_from([Decimal(25), Decimal(12), Decimal(6), Decimal(0), Decimal("12.0")])),
    }


@st.composite
def _order(draw: st.DrawFn, number: str) -> tuple[dict[str, Any], str]:
    customer: dict[str, Any] = {
        "number": draw(st.sampled_from(["1001", "3007", "K-77", "ÅÄÖ1"])),
        "name": draw(st.none() | st.text(_CHARS, max_size=40)),
        "country_code": draw(st.none() | st.sampled_from(["SE", "NO", "DE"])),
        "address": draw(
            st.none()
            | st.fixed_dictionaries(
                {"line1": st.sampled_from(["Storgatan 1", "Fjällvägen 3"]), "postal_code": st.just("901 10")},
                optional={"city": st.sampled_from(["Umeå", "Åre", ""])},
            )
        ),
    }
    document: dict[str, Any] = {
        "schema_version": 1,
        "order_number": number,
        "released": draw(st.booleans()),
        "customer": {key: value for key, value in customer.items() if value is not None},
        "payment_terms_days": draw(st.none() | st.sampled_from([0, 10, 30])),
        "rows": draw(st.lists(_row(), min_size=1, max_size=draw(st.sampled_from([3, 3, 3, 40])))),
    }
    if document["payment_terms_days"] is None:
        del document["payment_terms_days"]
    damage = draw(st.sampled_from(BREAKS)) if draw(st.integers(0, 2)) == 2 else "none"
    return _broken(document, damage), damage


def _broken(document: dict[str, Any], damage: str) -> dict[str, Any]:
    row = document["rows"][0]
    if damage == "no_rows":
        document["rows"] = []
    elif damage == "quantity_text":
        row["quantity"] = "fyra"
    elif damage == "vat_negative":
        row["vat_rate"] = Decimal(-25)
    elif damage == "no_customer_number":
        del document["customer"]["number"]
    elif damage == "long_unit":
        row["unit"] = "x" * 51
    elif damage == "price_float_text":
        row["unit_price"] = "1e3"
    elif damage == "schema_version":
        document["schema_version"] = 2
    return document


def _csv(documents: list[dict[str, Any]], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")  # quotes cells holding \r or \n
    writer.writerow(COLUMNS)
    for document in documents:
        for row in document["rows"] or [{}]:  # an order without rows is one line with empty row cells
            cells = []
            for path in COLUMNS.values():
                value: Any = row.get(path[1]) if path[0] == "rows" else _dig(document, path)
                if isinstance(value, bool):
                    value = "ja" if value else "nej"
                elif isinstance(value, Decimal) and delimiter == ";":
                    value = str(value).replace(".", ",")
                cells.append("" if value is None else str(value))
            writer.writerow(cells)
    return out.getvalue()


def _dig(document: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = document
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


@st.composite
def order_files(draw: st.DrawFn, *, huge: bool = False) -> OrderFile:
    csv_format = draw(st.booleans())
    count = draw(st.integers(1, 6))
    orders = [draw(_order(f"GKS-{index}")) for index in range(count)]
    delimiter = draw(st.sampled_from([";", ","]))
    ascii_only = draw(st.booleans())
    if huge:  # a few MB: the generated orders repeated under new numbers
        size = len(_text([d for d, _ in orders], csv_format, delimiter, ascii_only).encode())
        orders = [
            (_renumbered(document, f"GKS-{copy}-{index}"), damage)
            for copy in range(max(1, 2_500_000 // size + 1))
            for index, (document, damage) in enumerate(orders)
        ]
    documents = [document for document, _ in orders]
    text = _text(documents, csv_format, delimiter, ascii_only)
    bad = {d["order_number"] for d, damage in orders if _refused(d, damage, csv_format)}
    valid = frozenset(d["order_number"] for d in documents) - bad
    broken = frozenset(bad)
    damage = draw(st.sampled_from(["none", "bom", "latin-1", "truncated", "lf"])) if not huge else "none"
    data, exact = _damaged(text, damage, draw(st.integers(0, max(0, len(text.encode()) - 1))))
    return OrderFile(data, csv_format, valid, broken, exact, damage)


def _text(documents: list[dict[str, Any]], csv_format: bool, delimiter: str, ascii_only: bool) -> str:
    if csv_format:
        return _csv(documents, delimiter)
    return simplejson.dumps(documents if len(documents) > 1 else documents[0], ensure_ascii=ascii_only)


def _refused(document: dict[str, Any], damage: str, csv_format: bool) -> bool:
    if not csv_format:
        return damage != "none"
    # CSV has no schema_version column (the reader sets it), and a blank cell is no value: a row needs its text.
    blank_text = any(not row.get("text", "").strip() for row in document["rows"])
    return damage not in ("none", "schema_version") or blank_text


def _renumbered(document: dict[str, Any], number: str) -> dict[str, Any]:
    return {**document, "order_number": number}


def _damaged(text: str, damage: str, cut: int) -> tuple[bytes, bool]:
    if damage == "bom":
        return b"\xef\xbb\xbf" + text.encode(), True
    if damage == "lf":  # Unix line ends (inside quoted cells too: blank stays blank, text stays text)
        return text.replace("\r\n", "\n").encode(), True
    if damage == "latin-1":
        data = text.encode("latin-1", errors="replace")
        return data, text.isascii()
    if damage == "truncated":
        return text.encode()[:cut], False
    return text.encode(), True


def order_file_verdict(file: OrderFile) -> Verdict:
    """``mapped``: the import kept exactly the valid orders and reported every broken one where it is; ``rejected``
    (rule "file"): the whole file refused with one problem; a failure otherwise."""
    try:
        result = import_orders_text(file.data, csv_format=file.csv_format)
    except Exception as exc:
        return Verdict("unexpected", detail=f"{type(exc).__name__}: {exc}")
    problem = _located_problems(result, file.csv_format)
    if problem:
        return Verdict("unexpected", detail=problem)
    whole_file = [p for p in result.problems if p.line is None and p.index is None]
    if whole_file:
        return Verdict("rejected", "file", whole_file[0].reason)
    if not file.exact:
        return Verdict("mapped")
    kept = {order.order_number for order in result.orders}
    reported = {p.order_number for p in result.problems}
    if kept != set(file.valid):
        return Verdict("unexpected", detail=f"kept {sorted(kept)}, expected {sorted(file.valid)}")
    if not set(file.broken) <= reported:
        return Verdict("unexpected", detail=f"not reported: {sorted(set(file.broken) - reported)}")
    return Verdict("mapped")


def _located_problems(result: ImportResult, csv_format: bool) -> str:
    for problem in result.problems:
        if not problem.reason.strip():
            return f"a problem without a message: {problem!r}"
        if problem.line is None and problem.index is None:
            if result.orders or len(result.problems) > 1:
                return f"a whole-file problem beside other results: {problem!r}"
            continue
        if csv_format and (problem.line is None or problem.line < 2):
            return f"a CSV problem without its line number: {problem!r}"
        if not csv_format and problem.index is None:
            return f"a JSON problem without its index: {problem!r}"
    return ""

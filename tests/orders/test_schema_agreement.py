"""The published JSON Schema and the pydantic models are one contract: every documented example is valid for
both, and both refuse the same invalid orders (a table of cases and a hypothesis property)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import simplejson
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from brygga.orders import Order, check_order, import_orders, order_schema
from brygga.orders.importer import import_orders_text
from brygga.orders.models import DECIMAL_PATTERN, NON_NEGATIVE_DECIMAL_PATTERN
from tests.orders.builders import DELETE, changed, order_document

REPO = Path(__file__).resolve().parents[2]
SCHEMA_FILE = REPO / "src" / "brygga" / "orders" / "schema" / "order-v1.schema.json"
EXAMPLES = REPO / "src" / "brygga" / "orders" / "examples"
DOC = REPO / "docs" / "order-schema.md"
VALIDATOR = Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def model_accepts(document: object) -> bool:
    try:
        Order.model_validate(document)
    except ValidationError:
        return False
    return True


def doc_examples(kind: str) -> list[str]:
    """Code blocks in docs/order-schema.md marked with ``<!-- example: kind -->`` on the line before."""
    pattern = re.compile(rf"<!-- example: {kind} -->\n```\w+\n(.*?)```", re.DOTALL)
    return pattern.findall(DOC.read_text(encoding="utf-8"))


def as_orders(parsed: object) -> list[object]:
    return parsed if isinstance(parsed, list) else [parsed]


def test_the_packaged_schema_is_the_file_in_the_source_tree_and_a_valid_2020_12_schema() -> None:
    Draft202012Validator.check_schema(order_schema())
    assert order_schema() == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_the_models_decimal_patterns_are_the_schemas() -> None:
    defs = order_schema()["$defs"]
    assert defs["decimal"]["anyOf"][1]["pattern"] == DECIMAL_PATTERN
    assert defs["non_negative_decimal"]["anyOf"][1]["pattern"] == NON_NEGATIVE_DECIMAL_PATTERN


def test_every_json_example_in_the_docs_is_valid_for_schema_and_model() -> None:
    blocks = doc_examples("order")
    assert len(blocks) >= 3
    for block in blocks:
        for document in as_orders(simplejson.loads(block, use_decimal=True)):
            assert list(VALIDATOR.iter_errors(document)) == []
            assert model_accepts(document)


def test_every_csv_example_in_the_docs_imports_without_problems() -> None:
    blocks = doc_examples("csv")
    assert blocks
    for block in blocks:
        result = import_orders_text(block.encode("utf-8"), csv_format=True)
        assert result.problems == []
        assert result.orders
        for imported in result.orders:
            assert list(VALIDATOR.iter_errors(json_document(imported))) == []


def json_document(order: Order) -> Any:
    """An imported order written back as the JSON an order system would send."""
    return simplejson.loads(simplejson.dumps(order.model_dump(exclude_none=True), use_decimal=True), use_decimal=True)


@pytest.mark.parametrize("path", sorted(EXAMPLES.iterdir()), ids=lambda path: path.name)
def test_every_shipped_example_is_valid_for_schema_and_model(path: Path) -> None:
    if path.suffix == ".json":
        documents = as_orders(simplejson.loads(path.read_text(encoding="utf-8"), use_decimal=True))
        for document in documents:
            assert list(VALIDATOR.iter_errors(document)) == []
            assert model_accepts(document)
    result = import_orders(path)
    assert result.problems == []
    assert len(result.orders) >= 1
    for imported in result.orders:
        assert list(VALIDATOR.iter_errors(json_document(imported))) == []


VALID_VARIANTS = {
    "minimal": {
        "schema_version": 1,
        "order_number": "A",
        "customer": {"number": "1"},
        "rows": [order_document()["rows"][0]],
    },
    "nulls for optional fields": changed(order_document(), ("customer", "name"), None),
    "empty address": changed(order_document(), ("customer", "address"), {}),
    "decimal strings": changed(order_document(), ("rows", 0, "quantity"), "-0.5"),
    "huge integer": changed(order_document(), ("rows", 0, "unit_price"), 10**30),
    "exponent number": changed(order_document(), ("rows", 0, "unit_price"), Decimal("1E+3")),
    "zero vat": changed(order_document(), ("rows", 0, "vat_rate"), 0),
    "max length name": changed(order_document(), ("customer", "name"), "x" * 200),
}

INVALID = {
    "not an object": [order_document()],
    "schema version 2": order_document(schema_version=2),
    "schema version as decimal 1.0": order_document(schema_version=Decimal("1.0")),
    "schema version true": order_document(schema_version=True),
    "no schema version": changed(order_document(), ("schema_version",), DELETE),
    "no order number": changed(order_document(), ("order_number",), DELETE),
    "empty order number": order_document(""),
    "blank order number": order_document("   "),
    "order number a number": changed(order_document(), ("order_number",), 17),
    "long order number": order_document("x" * 51),
    "released as text": order_document(released="ja"),
    "released as 1": order_document(released=1),
    "released null": order_document(released=None),
    "no customer": changed(order_document(), ("customer",), DELETE),
    "no customer number": changed(order_document(), ("customer", "number"), DELETE),
    "customer number as int": changed(order_document(), ("customer", "number"), 1001),
    "lower-case country": changed(order_document(), ("customer", "country_code"), "se"),
    "three-letter country": changed(order_document(), ("customer", "country_code"), "SWE"),
    "country with newline": changed(order_document(), ("customer", "country_code"), "S\n"),
    "currency null": changed(order_document(), ("customer", "currency"), None),
    "currency lower case": changed(order_document(), ("customer", "currency"), "sek"),
    "unknown customer field": changed(order_document(), ("customer", "vat_number"), "SE1"),
    "unknown address field": changed(order_document(), ("customer", "address", "street"), "x"),
    "long name": changed(order_document(), ("customer", "name"), "x" * 201),
    "address as text": changed(order_document(), ("customer", "address"), "Storgatan 1"),
    "payment terms negative": order_document(payment_terms_days=-1),
    "payment terms as decimal": order_document(payment_terms_days=Decimal("30.0")),
    "payment terms as text": order_document(payment_terms_days="30"),
    "unknown top-level field": order_document(invoice_date="2024-01-01"),
    "no rows": order_document(rows=[]),
    "rows not a list": order_document(rows={}),
    "row without text": changed(order_document(), ("rows", 0, "text"), DELETE),
    "row without quantity": changed(order_document(), ("rows", 0, "quantity"), DELETE),
    "quantity with decimal comma": changed(order_document(), ("rows", 0, "quantity"), "1,5"),
    "quantity with exponent text": changed(order_document(), ("rows", 0, "quantity"), "1e3"),
    "quantity with plus sign": changed(order_document(), ("rows", 0, "quantity"), "+1"),
    "quantity as boolean": changed(order_document(), ("rows", 0, "quantity"), True),
    "quantity null": changed(order_document(), ("rows", 0, "quantity"), None),
    "quantity too long": changed(order_document(), ("rows", 0, "quantity"), "1" * 41),
    "price as text": changed(order_document(), ("rows", 0, "unit_price"), "gratis"),
    "negative vat": changed(order_document(), ("rows", 0, "vat_rate"), -25),
    "negative vat as text": changed(order_document(), ("rows", 0, "vat_rate"), "-25"),
    "row with unknown field": changed(order_document(), ("rows", 0, "article"), "G1"),
    "long unit": changed(order_document(), ("rows", 0, "unit"), "x" * 51),
}


@pytest.mark.parametrize("name", VALID_VARIANTS)
def test_schema_and_model_accept_the_same_valid_variants(name: str) -> None:
    document = VALID_VARIANTS[name]
    assert VALIDATOR.is_valid(document)
    assert model_accepts(document)


@pytest.mark.parametrize("name", INVALID)
def test_schema_and_model_refuse_the_same_invalid_orders(name: str) -> None:
    document = INVALID[name]
    assert not VALIDATOR.is_valid(document)
    assert not model_accepts(document)
    assert not isinstance(check_order(document), Order)


FIELDS = [
    ("schema_version",),
    ("order_number",),
    ("released",),
    ("payment_terms_days",),
    ("customer", "number"),
    ("customer", "country_code"),
    ("customer", "currency"),
    ("customer", "address"),
    ("customer", "address", "city"),
    ("rows", 0, "text"),
    ("rows", 0, "quantity"),
    ("rows", 0, "unit_price"),
    ("rows", 0, "vat_rate"),
    ("rows", 0, "unit"),
]
VALUES = st.one_of(
    st.sampled_from([DELETE, None, True, False, "", " ", "SE", "SEK", "12.5", "-3", "1,5", "x" * 60, [], {}]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    st.text(max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FIELDS), VALUES), min_size=1, max_size=3))
def test_schema_and_model_agree_on_any_changed_order(edits: list[tuple[tuple[str | int, ...], object]]) -> None:
    document: Any = order_document()
    for path, value in edits:
        try:
            document = changed(document, path, value)
        except (KeyError, TypeError, IndexError):
            continue  # an earlier edit removed or replaced the parent of this field
    assert VALIDATOR.is_valid(document) == model_accepts(document)

"""The emulator against the official spec: field tables and every kind of answer it gives."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from brygga_emulators.eekonomi.customers import CUSTOMER_FIELD_NAMES
from brygga_emulators.eekonomi.routes_reference import COUNTRY_FIELDS, CURRENCY_FIELDS, TERMS_OF_PAYMENT_FIELDS
from brygga_emulators.eekonomi.validation import (
    CUSTOMER_FIELDS,
    CUSTOMER_LABEL_FIELDS,
    DIRECT_DEBIT_FIELDS,
    FieldRule,
    Kind,
)

from .support import customer_body, spec_dir

SPEC_URI = "urn:eaccounting-v2"

pytestmark = pytest.mark.contract


@cache
def spec() -> dict[str, Any]:
    path = spec_dir() / "eaccounting-v2.openapi.json"
    if not path.exists():
        pytest.skip(f"official spec not found at {path} (set BRYGGA_SPEC_DIR)")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def schema(name: str) -> dict[str, Any]:
    found: dict[str, Any] = spec()["components"]["schemas"][name]
    return found


@cache
def validator(name: str) -> Draft202012Validator:
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(spec(), default_specification=_draft())
    )
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}#/components/schemas/{name}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _draft() -> Any:
    from referencing.jsonschema import DRAFT202012

    return DRAFT202012


def assert_valid(name: str, instance: Any) -> None:
    errors = sorted(validator(name).iter_errors(instance), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


_KIND_OF = {
    ("string", None): Kind.STRING,
    ("string", "uuid"): Kind.UUID,
    ("string", "date-time"): Kind.DATETIME,
    ("boolean", None): Kind.BOOLEAN,
    ("integer", "int32"): Kind.INTEGER,
    ("number", "double"): Kind.NUMBER,
}


def describe_spec(name: str) -> list[tuple[Any, ...]]:
    """(name, kind, nullable, required, maxLength, readOnly, minimum, maximum) per property, in order."""
    definition = schema(name)
    required = set(definition.get("required", []))
    rows = []
    for prop, details in definition["properties"].items():
        types = details.get("type", "object")
        types = types if isinstance(types, list) else [types]
        main = next(t for t in types if t != "null")
        if "$ref" in details:
            kind: Any = Kind.OBJECT
        elif main == "array":
            item = details["items"]
            kind = (
                Kind.OBJECT_LIST
                if "$ref" in item
                else (Kind.UUID_LIST if item.get("format") == "uuid" else Kind.STRING_LIST)
            )
        else:
            kind = _KIND_OF[(main, details.get("format"))]
        rows.append(
            (
                prop,
                kind,
                "null" in types,
                prop in required,
                details.get("maxLength"),
                bool(details.get("readOnly")),
                details.get("minimum"),
                details.get("maximum"),
            )
        )
    return rows


def describe_rules(rules: tuple[FieldRule, ...]) -> list[tuple[Any, ...]]:
    return [
        (
            rule.name,
            rule.kind,
            rule.nullable,
            rule.required,
            rule.max_length,
            rule.read_only,
            None if rule.minimum is None else int(rule.minimum),
            None if rule.maximum is None else int(rule.maximum),
        )
        for rule in rules
    ]


@pytest.mark.parametrize(
    ("schema_name", "rules"),
    [
        ("CustomerApi", CUSTOMER_FIELDS),
        ("DirectDebitCustomerSettingsApi", DIRECT_DEBIT_FIELDS),
        ("CustomerLabelApi", CUSTOMER_LABEL_FIELDS),
    ],
)
def test_field_tables_match_the_spec(schema_name: str, rules: tuple[FieldRule, ...]) -> None:
    assert describe_rules(rules) == describe_spec(schema_name)


def test_customer_required_fields_and_limits_match_the_spec() -> None:
    # The same facts as above, stated the way the brief states them, so a mismatch reads plainly.
    definition = schema("CustomerApi")
    limits = {
        name: details["maxLength"] for name, details in definition["properties"].items() if "maxLength" in details
    }

    assert {rule.name for rule in CUSTOMER_FIELDS if rule.required} == set(definition["required"])
    assert {rule.name: rule.max_length for rule in CUSTOMER_FIELDS if rule.max_length is not None} == limits


@pytest.mark.parametrize(
    ("schema_name", "fields"),
    [
        ("CustomerApi", CUSTOMER_FIELD_NAMES),
        ("TermsOfPaymentApi", TERMS_OF_PAYMENT_FIELDS),
        ("CurrencyApi", CURRENCY_FIELDS),
        ("CountryApi", COUNTRY_FIELDS),
    ],
)
def test_filterable_properties_are_the_schema_properties(schema_name: str, fields: tuple[str, ...]) -> None:
    assert list(fields) == list(schema(schema_name)["properties"])


async def test_customer_answers_validate_against_the_spec(api: httpx.AsyncClient) -> None:
    created = await api.post(
        "/v2/customers",
        json=customer_body(
            CustomerLabels=[{"Name": "VIP"}],
            EmailAddresses=["a@b.se"],
            DirectDebitCustomerSettings={"Bic": "NDEASESS", "SigningDate": "2025-01-01"},
        ),
    )
    assert created.status_code == 201
    replaced = await api.put(f"/v2/customers/{created.json()['Id']}", json=customer_body())
    listed = await api.get("/v2/customers")

    assert_valid("CustomerApi", created.json())
    assert_valid("CustomerApi", replaced.json())
    assert_valid("PaginatedResponseOfCustomerApi", listed.json())
    for customer in listed.json()["Data"]:
        assert list(customer) == list(schema("CustomerApi")["properties"])  # every property, nothing more


async def test_reference_answers_validate_against_the_spec(api: httpx.AsyncClient) -> None:
    terms = (await api.get("/v2/termsofpayments")).json()
    one_term = (await api.get(f"/v2/termsofpayments/{terms['Data'][0]['Id']}")).json()

    assert_valid("PaginatedResponseOfTermsOfPaymentApi", terms)
    assert_valid("TermsOfPaymentApi", one_term)
    assert_valid("PaginatedResponseOfCurrencyApi", (await api.get("/v2/currencies")).json())
    assert_valid("PaginatedResponseOfCountryApi", (await api.get("/v2/countries")).json())
    assert_valid("CountryApi", (await api.get("/v2/countries/FI")).json())
    settings = (await api.get("/v2/companysettings")).json()
    assert_valid("CompanySettingsApi", settings)
    assert list(settings) == list(schema("CompanySettingsApi")["properties"])


async def test_error_answers_validate_against_the_spec(api: httpx.AsyncClient) -> None:
    answers = [
        await api.post("/v2/customers", json=customer_body(Name="N" * 51)),
        await api.post("/v2/customers", json=customer_body(CustomerNumber="1005")),
        await api.get("/v2/customers", params={"$filter": "Bogus eq 1"}),
        await api.get("/v2/customers/3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        await api.get("/v2/customers", headers={"Authorization": "Bearer nope"}),
    ]

    for answer in answers:
        assert answer.status_code >= 400
        assert_valid("CommonExtendedBadRequest", answer.json())


def test_every_emulated_path_exists_in_the_spec() -> None:
    from brygga_emulators.eekonomi import build_emulator

    emulator = build_emulator("empty")
    app: Any = emulator.app.app  # type: ignore[attr-defined]
    for route in app.routes:
        if not route.path.startswith("/v2/"):
            continue
        path = route.path.removeprefix("/v2")
        assert path in spec()["paths"], path
        declared = {method.upper() for method in spec()["paths"][path]}
        assert set(route.methods) - {"HEAD"} <= declared, path

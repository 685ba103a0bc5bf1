"""The emulator against the official spec: field tables and every kind of answer it gives."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from brygga_emulators.eekonomi.articles import ARTICLE_FIELD_NAMES
from brygga_emulators.eekonomi.cost_centers import COST_CENTER_FIELD_NAMES
from brygga_emulators.eekonomi.customers import CUSTOMER_FIELD_NAMES
from brygga_emulators.eekonomi.reference_data import cost_center_id
from brygga_emulators.eekonomi.routes_reference import (
    CODING_FIELDS,
    COUNTRY_FIELDS,
    CURRENCY_FIELDS,
    TERMS_OF_PAYMENT_FIELDS,
    UNIT_FIELDS,
    VAT_CODE_FIELDS,
)
from brygga_emulators.eekonomi.validation import (
    ARTICLE_BARCODE_FIELDS,
    ARTICLE_FIELDS,
    ARTICLE_LABEL_FIELDS,
    COST_CENTER_FIELDS,
    COST_CENTER_ITEM_FIELDS,
    CUSTOMER_FIELDS,
    CUSTOMER_LABEL_FIELDS,
    DIRECT_DEBIT_FIELDS,
    FieldRule,
    Kind,
)

from .support import (
    ACCOUNTING_SCOPE,
    article_body,
    bearer,
    cost_center_item_body,
    customer_body,
    obtain_tokens,
    send_json,
    spec_dir,
)

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
    ("integer", "int64"): Kind.LONG,
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
        ("ArticleApi", ARTICLE_FIELDS),
        ("ArticleLabelApi", ARTICLE_LABEL_FIELDS),
        ("ArticleBarcodeApi", ARTICLE_BARCODE_FIELDS),
        ("CostCenterApi", COST_CENTER_FIELDS),
        ("CostCenterItemApi", COST_CENTER_ITEM_FIELDS),
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
    ("schema_name", "rules"), [("ArticleApi", ARTICLE_FIELDS), ("CostCenterItemApi", COST_CENTER_ITEM_FIELDS)]
)
def test_required_fields_and_limits_match_the_spec(schema_name: str, rules: tuple[FieldRule, ...]) -> None:
    definition = schema(schema_name)
    limits = {
        name: details["maxLength"] for name, details in definition["properties"].items() if "maxLength" in details
    }

    assert {rule.name for rule in rules if rule.required} == set(definition["required"])
    assert {rule.name: rule.max_length for rule in rules if rule.max_length is not None} == limits


def test_article_limits_are_the_ones_the_brief_names() -> None:
    limits = {rule.name: rule.max_length for rule in ARTICLE_FIELDS if rule.max_length is not None}
    prices = {rule.name: (rule.minimum, rule.maximum, rule.max_decimals) for rule in ARTICLE_FIELDS}

    assert (limits["Number"], limits["Name"], limits["NameEnglish"]) == (40, 50, 50)
    assert prices["NetPrice"] == prices["GrossPrice"] == (0, 99_000_000, 2)
    assert all("{1,2}" in schema("ArticleApi")["properties"][name]["pattern"] for name in ("NetPrice", "GrossPrice"))


@pytest.mark.parametrize(
    ("schema_name", "fields"),
    [
        ("CustomerApi", CUSTOMER_FIELD_NAMES),
        ("ArticleApi", ARTICLE_FIELD_NAMES),
        ("ArticleAccountCodingApi", CODING_FIELDS),
        ("UnitApi", UNIT_FIELDS),
        ("VatCodeApi", VAT_CODE_FIELDS),
        ("CostCenterApi", COST_CENTER_FIELD_NAMES),
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


async def test_article_answers_validate_against_the_spec(api: httpx.AsyncClient) -> None:
    body = article_body(ArticleLabels=[{"Name": "Ny"}], Barcodes=[{"Barcode": "1"}])
    created = await send_json(api, "POST", "/v2/articles", body)
    assert created.status_code == 201, created.text
    replaced = await send_json(api, "PUT", f"/v2/articles/{created.json()['Id']}", article_body(GrossPrice=125))
    listed = await api.get("/v2/articles")

    assert_valid("ArticleApi", created.json())
    assert_valid("ArticleApi", replaced.json())
    assert_valid("PaginatedResponseOfArticleApi", listed.json())
    for article in listed.json()["Data"]:
        assert list(article) == list(schema("ArticleApi")["properties"])  # every property, nothing more


async def test_article_reference_answers_validate_against_the_spec(api: httpx.AsyncClient) -> None:
    codings = (await api.get("/v2/articleaccountcodings")).json()
    units = (await api.get("/v2/units")).json()

    assert_valid("PaginatedResponseOfArticleAccountCodingApi", codings)
    assert_valid(
        "ArticleAccountCodingApi", (await api.get(f"/v2/articleaccountcodings/{codings['Data'][0]['Id']}")).json()
    )
    assert_valid("PaginatedResponseOfUnitApi", units)
    assert_valid("UnitApi", (await api.get(f"/v2/units/{units['Data'][0]['Id']}")).json())
    for coding in codings["Data"]:
        assert list(coding) == list(schema("ArticleAccountCodingApi")["properties"])
    api.headers.update(bearer(await obtain_tokens(api, scope=ACCOUNTING_SCOPE)))
    vat_codes = (await api.get("/v2/vatcodes")).json()
    assert_valid("PaginatedResponseOfVatCodeApi", vat_codes)
    assert_valid("VatCodeApi", (await api.get(f"/v2/vatcodes/{vat_codes['Data'][0]['Id']}")).json())
    assert list(vat_codes["Data"][0]) == list(schema("VatCodeApi")["properties"])


async def test_cost_center_answers_validate_against_the_spec(api: httpx.AsyncClient) -> None:
    created = await api.post("/v2/costcenteritems", json=cost_center_item_body())
    assert created.status_code == 201, created.text
    fetched = await api.get(f"/v2/costcenteritems/{created.json()['Id']}")
    replaced = await api.put(f"/v2/costcenteritems/{created.json()['Id']}", json=cost_center_item_body(IsActive=False))
    renamed = await api.put(f"/v2/costcenters/{cost_center_id(2)}", json={"Name": "Projekt", "IsActive": True})
    listed = (await api.get("/v2/costcenters")).json()

    for item in (created.json(), fetched.json(), replaced.json()):
        assert_valid("CostCenterItemApi", item)
        assert list(item) == list(schema("CostCenterItemApi")["properties"])
    assert_valid("CostCenterApi", renamed.json())
    assert_valid("PaginatedResponseOfCostCenterApi", listed)
    assert list(listed["Data"][1]) == list(schema("CostCenterApi")["properties"])


async def test_error_answers_validate_against_the_spec(api: httpx.AsyncClient) -> None:
    answers = [
        await api.post("/v2/customers", json=customer_body(Name="N" * 51)),
        await api.post("/v2/customers", json=customer_body(CustomerNumber="1005")),
        await api.get("/v2/customers", params={"$filter": "Bogus eq 1"}),
        await api.get("/v2/customers/3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        await api.get("/v2/customers", headers={"Authorization": "Bearer nope"}),
        await send_json(api, "POST", "/v2/articles", article_body(CodingId=None, Name="N" * 51)),
        await send_json(api, "POST", "/v2/articles", article_body(NetPrice=100, GrossPrice=100)),
        await send_json(api, "POST", "/v2/articles", article_body(Number="P-100")),
        await api.post("/v2/costcenteritems", json=cost_center_item_body(ShortName="HAMN")),
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

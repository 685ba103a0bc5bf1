from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from brygga.eekonomi.models import (
    COMPANY_SETTINGS_READ_ONLY,
    CUSTOMER_LIMITS,
    CUSTOMER_READ_ONLY,
    CUSTOMER_REQUIRED,
    CompanySettings,
    Country,
    Currency,
    Customer,
    TermsOfPayment,
    WireModel,
)
from brygga.http import jsonio
from tests.support.spec_loading import eekonomi_spec

WIRE_CUSTOMER = b"""{
  "Id": "0b7c9f0e-0000-4000-8000-000000000001", "CustomerNumber": "1041", "Name": "Bygg AB",
  "IsPrivatePerson": false, "IsActive": true, "InvoiceCity": "Lund", "InvoicePostalCode": "222 22",
  "TermsOfPaymentId": "8f9a2a3c-1111-4c5d-9e0f-123456789abc", "DiscountPercentage": 0.1250,
  "UnpaidInvoicesAmount": 1234.50, "ChangedUtc": "2025-01-10T08:00:00.5Z", "IsFutureInvoiceDateAllowed": true,
  "Notes": [], "DeliveryMethodId": null, "TermsOfPayment": {"Id": "x", "NumberOfDays": 30},
  "PropertyType": 1, "UnknownFutureField": 9.90
}"""


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = eekonomi_spec()["components"]["schemas"][name]
    return schema


def test_customer_read_only_list_matches_the_spec() -> None:
    properties = _schema("CustomerApi")["properties"]
    assert {name for name, prop in properties.items() if prop.get("readOnly")} == CUSTOMER_READ_ONLY


def test_customer_limits_and_required_match_the_spec() -> None:
    schema = _schema("CustomerApi")
    spec_limits = {name: prop["maxLength"] for name, prop in schema["properties"].items() if "maxLength" in prop}
    assert spec_limits == CUSTOMER_LIMITS
    assert set(schema["required"]) == CUSTOMER_REQUIRED


def test_company_settings_read_only_list_matches_the_spec() -> None:
    properties = _schema("CompanySettingsApi")["properties"]
    assert {name for name, prop in properties.items() if prop.get("readOnly")} == COMPANY_SETTINGS_READ_ONLY


@pytest.mark.parametrize(
    ("model", "schema_name"),
    [
        (Customer, "CustomerApi"),
        (CompanySettings, "CompanySettingsApi"),
        (TermsOfPayment, "TermsOfPaymentApi"),
        (Currency, "CurrencyApi"),
        (Country, "CountryApi"),
    ],
)
def test_every_modelled_alias_exists_in_the_spec(model: type[WireModel], schema_name: str) -> None:
    properties = _schema(schema_name)["properties"]
    assert [f.alias for f in model.model_fields.values() if f.alias not in properties] == []


def test_to_body_drops_read_only_fields_and_keeps_unmodelled_ones() -> None:
    customer = Customer.model_validate(jsonio.loads(WIRE_CUSTOMER))
    body = customer.to_body()
    assert not set(body) & CUSTOMER_READ_ONLY
    assert body["CustomerNumber"] == "1041"
    assert "TermsOfPayment" not in body  # nested, with a read-only Id; TermsOfPaymentId sets the terms
    assert body["PropertyType"] == 1
    assert "DeliveryMethodId" in body and body["DeliveryMethodId"] is None


def test_decimals_survive_a_round_trip_exactly() -> None:
    customer = Customer.model_validate(jsonio.loads(WIRE_CUSTOMER))
    assert customer.discount_percentage == Decimal("0.1250")
    assert customer.unpaid_invoices_amount == Decimal("1234.50")
    sent = jsonio.dumps(customer.to_body())
    assert b'"DiscountPercentage": 0.1250' in sent
    assert b'"UnknownFutureField": 9.90' in sent
    again = Customer.model_validate(jsonio.loads(sent))
    assert again.discount_percentage == Decimal("0.1250")


def test_timestamps_are_aware() -> None:
    customer = Customer.model_validate(jsonio.loads(WIRE_CUSTOMER))
    assert customer.changed_utc == datetime(2025, 1, 10, 8, 0, 0, 500000, tzinfo=UTC)
    naive = Customer.model_validate({**jsonio.loads(WIRE_CUSTOMER), "ChangedUtc": "2025-01-10T08:00:00"})
    assert naive.changed_utc is not None and naive.changed_utc.tzinfo is not None


def test_a_new_customer_sends_only_what_was_set() -> None:
    customer = Customer(
        name="Ny Kund AB",
        is_private_person=False,
        is_active=True,
        invoice_city="Malmö",
        invoice_postal_code="211 20",
        terms_of_payment_id="8f9a2a3c-1111-4c5d-9e0f-123456789abc",
        customer_number="1042",
        note=None,
    )
    assert customer.to_body() == {
        "Name": "Ny Kund AB",
        "IsPrivatePerson": False,
        "IsActive": True,
        "InvoiceCity": "Malmö",
        "InvoicePostalCode": "211 20",
        "TermsOfPaymentId": "8f9a2a3c-1111-4c5d-9e0f-123456789abc",
        "CustomerNumber": "1042",
        "Note": None,
    }


def test_changes_to_a_read_customer_are_sent() -> None:
    customer = Customer.model_validate(jsonio.loads(WIRE_CUSTOMER))
    changed = customer.model_copy(update={"name": "Bygg & Co AB", "www_address": "https://bygg.se"})
    body = changed.to_body()
    assert (body["Name"], body["WwwAddress"]) == ("Bygg & Co AB", "https://bygg.se")

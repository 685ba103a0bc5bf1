"""Canonical customers <-> Visma eEkonomi's CustomerApi fields (rules C7, C8, C10)."""

from __future__ import annotations

import pytest

from brygga.domain import Contact
from brygga.eekonomi import models as eek
from brygga.mapping.eekonomi_customers import from_eekonomi_customer, to_eekonomi_customer, to_eekonomi_fields
from tests.mapping.builders import canonical, eek_reference, guid, terms_id


def eek_customer(**overrides: object) -> eek.Customer:
    values: dict[str, object] = {
        "Id": guid("eek-1"),
        "CustomerNumber": "1001",
        "Name": " Acme AB ",
        "IsPrivatePerson": False,
        "IsActive": True,
        "CorporateIdentityNumber": "556677-8899",
        "VatNumber": "SE556677889901",
        "InvoiceAddress1": "Storgatan 1",
        "InvoicePostalCode": "111 22",
        "InvoiceCity": "Stockholm",
        "InvoiceCountryCode": "SE",
        "Telephone": "08-123",
        "EmailAddress": "info@acme.se",
        "WwwAddress": "acme.se",
        "Note": "Viktig kund",
        "ContactPersonName": "Karin  Lind Berg",
        "ContactPersonEmail": "karin@acme.se",
        "TermsOfPaymentId": terms_id(30),
        "CurrencyCode": "SEK",
    }
    return eek.Customer.model_validate({**values, **overrides})


@pytest.mark.parametrize("days", [0, 14, 30])
def test_c7_customer_is_always_a_company(days: int) -> None:
    fields = to_eekonomi_fields(canonical(payment_days=days), terms_id(days))
    assert fields["IsPrivatePerson"] is False
    assert to_eekonomi_customer(fields, eek_customer(IsPrivatePerson=True)).to_body()["IsPrivatePerson"] is False


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("CustomerNumber", "1001"),
        ("Name", "Acme AB"),
        ("VatNumber", "SE556677889901"),
        ("CorporateIdentityNumber", "556677-8899"),
        ("InvoiceAddress1", "Storgatan 1"),
        ("InvoicePostalCode", "111 22"),
        ("InvoiceCity", "Stockholm"),
        ("InvoiceCountryCode", "SE"),
        ("Telephone", "08-123"),  # the phone of the address
        ("EmailAddress", "info@acme.se"),
        ("WwwAddress", "acme.se"),
        ("Note", "Viktig kund"),
        ("ContactPersonName", "Karin Lind"),  # "first last"
        ("ContactPersonEmail", "karin@acme.se"),
        ("ContactPersonPhone", "08-1"),
        ("ContactPersonMobile", "070-1"),
        ("TermsOfPaymentId", terms_id(30)),
        ("CurrencyCode", "SEK"),
        ("IsActive", True),
    ],
)
def test_c8_every_mapped_field_reaches_the_eekonomi_body(field: str, expected: object) -> None:
    body = to_eekonomi_customer(to_eekonomi_fields(canonical(), terms_id(30))).to_body()
    assert body[field] == expected


def test_c8_contact_without_name_sends_no_contact_name() -> None:
    fields = to_eekonomi_fields(canonical(contact=Contact(email="x@acme.se")), terms_id(30))
    assert fields["ContactPersonName"] is None
    assert fields["ContactPersonEmail"] == "x@acme.se"


def test_c8_update_keeps_what_eekonomi_had_and_overwrites_brygga_fields() -> None:
    base = eek_customer(DeliveryCity="Göteborg", Name="Old name")
    body = to_eekonomi_customer(to_eekonomi_fields(canonical(), terms_id(30)), base).to_body()
    assert body["DeliveryCity"] == "Göteborg"  # not brygga's field: a full-replace PUT must carry it back
    assert body["Name"] == "Acme AB"
    assert "Id" not in body  # read-only


def test_c8_eekonomi_customer_maps_to_the_canonical_form() -> None:
    result = from_eekonomi_customer(eek_customer(), eek_reference())
    expected_contact = Contact(first_name="Karin Lind Berg", email="karin@acme.se")
    assert result == canonical(contact=expected_contact, payment_days=30)


def test_c8_eekonomi_contact_compares_equal_to_the_same_pm_contact() -> None:
    """eEkonomi holds one name, PM two: the fingerprint must not see a change where there is none (C3)."""
    from_eek = from_eekonomi_customer(eek_customer(ContactPersonName="Karin Lind"), eek_reference())
    pm_style = canonical(contact=Contact("Karin", "Lind", email="karin@acme.se"))
    assert from_eek.fingerprint() == pm_style.fingerprint()


def test_c8_eekonomi_customer_without_currency_gets_the_home_currency() -> None:
    assert from_eekonomi_customer(eek_customer(CurrencyCode=None), eek_reference()).currency_code == "SEK"


@pytest.mark.parametrize(("days", "expected"), [(0, 0), (14, 14), (30, 30), (None, 30), (21, None)])
def test_c10_terms_are_found_by_number_of_days(days: int | None, expected: int | None) -> None:
    found = eek_reference().terms_for_days(days)
    assert (found.number_of_days if found else None) == expected


def test_c10_only_normal_sales_terms_match() -> None:
    cash = eek.TermsOfPayment(id=guid("cash"), number_of_days=20, terms_of_payment_type_id=1)
    purchase_only = eek.TermsOfPayment(
        id=guid("purchase"), number_of_days=45, terms_of_payment_type_id=0, available_for_sales=False
    )
    ref = eek_reference(days=(30,))
    ref = type(ref)(company=ref.company, terms=[*ref.terms, cash, purchase_only])
    assert ref.terms_for_days(20) is None
    assert ref.terms_for_days(45) is None
    assert ref.valid_days() == [30]


def test_c10_eekonomi_terms_become_days_on_the_way_back() -> None:
    assert from_eekonomi_customer(eek_customer(TermsOfPaymentId=terms_id(14)), eek_reference()).payment_days == 14

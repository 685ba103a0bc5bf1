"""Visma PM records -> canonical customers and canonical -> PM bodies (rules C4, C8, C11 side of the mapping)."""

from __future__ import annotations

import pytest

from brygga.domain import Contact
from brygga.mapping.severa_customers import (
    from_severa_customer,
    organisation_number_from_vat,
    pick_address,
    pick_contact,
    to_severa_address,
    to_severa_communications,
    to_severa_customer,
)
from brygga.severa import models as sev
from tests.mapping.builders import (
    SWEDEN_GUID,
    address,
    canonical,
    guid,
    pm_address,
    pm_contact,
    pm_customer,
    pm_email,
    pm_record,
    pm_reference,
)

HEAD_OFFICE = "head office"


def head_office_customer() -> sev.Customer:
    return pm_customer(headquarterAddress=sev.HeadquarterAddress(guid=guid(HEAD_OFFICE)))


@pytest.mark.parametrize(
    ("addresses", "expected"),
    [
        # the oldest billing address wins, whatever order the API listed them in
        (
            [
                pm_address("billing new", billing=True, created=9),
                pm_address(HEAD_OFFICE, billing=False, created=1),
                pm_address("billing old", billing=True, created=3),
            ],
            "billing old",
        ),
        # no billing address: the head office
        (
            [pm_address("visit", billing=False, created=1), pm_address(HEAD_OFFICE, billing=False, created=5)],
            HEAD_OFFICE,
        ),
        # neither: no address at all (rule C5 rejects it later)
        ([pm_address("visit", billing=False, created=1)], None),
    ],
)
def test_c4_first_billing_address_else_head_office(addresses: list[sev.Address], expected: str | None) -> None:
    record = pm_record(head_office_customer(), addresses)
    chosen = pick_address(record)
    assert (chosen.guid if chosen else None) == (guid(expected) if expected else None)


def test_c4_sends_one_address_with_its_phone_and_country_code() -> None:
    record = pm_record(
        head_office_customer(),
        [pm_address(HEAD_OFFICE, billing=False, created=1), pm_address("billing", billing=True, created=2)],
    )
    result = from_severa_customer(record, pm_reference())
    assert result.address == address(line1="billing 1", phone="phone billing", line2=None)


@pytest.mark.parametrize(
    ("contacts", "expected"),
    [
        ([pm_contact("second", created=5), pm_contact("first", created=2)], "first"),
        ([pm_contact("inactive", created=1, isActive=False), pm_contact("active", created=4)], "active"),
        ([pm_contact("deleted", created=1, isDeleted=True), pm_contact("kept", created=8)], "kept"),
        ([pm_contact("inactive", created=1, isActive=False)], None),
    ],
)
def test_c4_first_active_contact_is_the_one_sent(contacts: list[sev.ContactPerson], expected: str | None) -> None:
    chosen = pick_contact(pm_record(contacts=contacts))
    assert (chosen.guid if chosen else None) == (guid(expected) if expected else None)


def test_c8_pm_customer_maps_every_field_of_the_table() -> None:
    customer = pm_customer(email="info@acme.se", website="acme.se", notes=" Viktig kund ", name="  Acme AB ")
    contacts = [pm_contact("karin", created=1, firstName="Karin", lastName="Lind")]
    comms = [
        pm_email("karin", "EmailAddress", "karin@acme.se"),
        pm_email("karin", "Phone", "08-1"),
        pm_email("karin", "MobilePhone", "070-1"),
    ]
    record = pm_record(customer, [pm_address("billing", billing=True, created=1)], contacts, comms)
    result = from_severa_customer(record, pm_reference())
    assert result.number == "1001"
    assert result.name == "Acme AB"
    assert (result.vat_number, result.organisation_number) == ("SE556677889901", "556677-8899")
    assert (result.email, result.website, result.notes) == ("info@acme.se", "acme.se", "Viktig kund")
    assert (result.payment_days, result.currency_code) == (30, "SEK")
    assert result.contact == Contact("Karin", "Lind", "karin@acme.se", "08-1", "070-1")
    assert result.contact.full_name == "Karin Lind"


@pytest.mark.parametrize(
    ("vat", "organisation_number"),
    [
        ("SE556677889901", "556677-8899"),
        (" se556677889901 ", "556677-8899"),
        ("SE5566778899", None),  # not a Swedish VAT number: no guess
        ("NO999888777MVA", None),
        ("SE556677889902", None),  # Swedish VAT numbers end in 01
        (None, None),
    ],
)
def test_c8_organisation_number_comes_from_the_vat_number(vat: str | None, organisation_number: str | None) -> None:
    assert organisation_number_from_vat(vat) == organisation_number


def test_c8_customer_without_currency_gets_the_organisation_currency() -> None:
    record = pm_record(pm_customer(currency=None))
    assert from_severa_customer(record, pm_reference()).currency_code == "SEK"


def test_c8_country_is_found_by_name_when_the_guid_is_unknown() -> None:
    unknown_guid = pm_address("billing", billing=True, created=1, country=sev.AddressCountry(name="sweden"))
    record = pm_record(addresses=[unknown_guid])
    assert from_severa_customer(record, pm_reference()).address is not None
    assert from_severa_customer(record, pm_reference()).address.country_code == "SE"  # type: ignore[union-attr]


def test_c8_pm_customer_body_from_a_canonical_customer() -> None:
    body = to_severa_customer(canonical(currency_code="EUR"), pm_reference()).to_create_body()
    assert body == {
        "number": 1001,
        "name": "Acme AB",
        "vatNumber": "SE556677889901",
        "email": "info@acme.se",
        "website": "acme.se",
        "notes": "Viktig kund",
        "paymentTerm": 30,
        "currency": {"guid": guid("cur-EUR"), "code": "EUR"},
        "isActive": True,
    }


def test_c8_non_numeric_number_is_left_to_pm_numbering() -> None:
    assert to_severa_customer(canonical(number="K-17"), pm_reference()).number is None


def test_c4_pm_address_body_is_the_billing_address_of_the_customer() -> None:
    body = to_severa_address(address(), guid("pm-customer"), pm_reference()).to_create_body()
    assert body["addressline"] == "Storgatan 1"
    assert (body["postalCode"], body["city"], body["phone"]) == ("111 22", "Stockholm", "08-123")
    assert body["country"] == {"guid": SWEDEN_GUID}
    assert body["isBillingAddress"] is True
    assert body["customer"] == {"guid": guid("pm-customer")}


def test_c8_contact_details_become_one_communication_per_kind() -> None:
    contact = Contact("Karin", "Lind", email="karin@acme.se", phone=None, mobile="070-1")
    items = to_severa_communications(contact, guid("karin"), pm_reference())
    assert [(i.communicationType.type, i.value) for i in items] == [
        ("EmailAddress", "karin@acme.se"),
        ("MobilePhone", "070-1"),
    ]
    assert all(i.contact.guid == guid("karin") for i in items)

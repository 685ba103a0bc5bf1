"""The checks a customer must pass before it is sent (rules C5, C6, C8, C10, C11), with the original's messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from brygga.domain import Contact, Customer
from brygga.eekonomi.models import CUSTOMER_LIMITS
from brygga.errors import RuleViolation
from brygga.mapping.customer_rules import check_for_eekonomi, check_for_pm, check_limits, check_payment_terms
from brygga.mapping.eekonomi_customers import to_eekonomi_fields
from brygga.mapping.severa_customers import to_severa_customer
from tests.mapping.builders import canonical, eek_reference, pm_reference, terms_id, with_address
from tests.support.spec_loading import eekonomi_spec

NO_ADDRESS = "Det gick inte att föra över Acme AB till Visma eEkonomi, eftersom kunden inte har någon adress."


def check(customer: Customer, *, op: str = "add") -> RuleViolation | None:
    """What the transfer runs before sending: the fields with the matched terms, then every rule."""
    ref = eek_reference()
    terms = ref.terms_for_days(customer.payment_days)
    fields = to_eekonomi_fields(customer, terms.id if terms else None)
    return check_for_eekonomi(customer, fields, ref, pm_reference(), op=op)


def test_c5_c6_c10_c11_a_complete_customer_passes() -> None:
    assert check(canonical()) is None


# --- C5 ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "broken",
    [
        lambda c: replace(c, address=None),
        lambda c: with_address(c, line1=None),
        lambda c: with_address(c, line1="   "),
        lambda c: with_address(c, postal_code=None),
        lambda c: with_address(c, city=""),
        lambda c: with_address(c, country_code=None),
    ],
    ids=["no address", "no line", "blank line", "no postal code", "no city", "no country"],
)
def test_c5_customer_without_full_address_is_rejected_with_original_message(
    broken: Callable[[Customer], Customer],
) -> None:
    violation = check(broken(canonical()))
    assert violation is not None
    assert violation.rule_id == "C5"
    assert violation.message == NO_ADDRESS
    assert "adress, postnummer, ort och land" in violation.hint
    assert violation.hint_en


def test_c5_customer_without_city_is_rejected_with_original_message() -> None:
    violation = check(with_address(canonical(name="Kund utan ort"), city=None))
    assert violation is not None and violation.rule_id == "C5"
    assert violation.message == (
        "Det gick inte att föra över Kund utan ort till Visma eEkonomi, eftersom kunden inte har någon adress."
    )


def test_c5_address_is_checked_before_lengths() -> None:
    violation = check(with_address(canonical(name="N" * 51), city=None))
    assert violation is not None and violation.rule_id == "C5"


def test_c5_second_address_line_is_not_required() -> None:
    assert check(with_address(canonical(), line2=None)) is None


# --- C6 ---------------------------------------------------------------------------------------------
def _set_address(**kw: Any) -> Callable[[Customer], Customer]:
    return lambda c: with_address(c, **kw)


def _set(**kw: Any) -> Callable[[Customer], Customer]:
    return lambda c: replace(c, **kw)


def _set_contact(**kw: Any) -> Callable[[Customer], Customer]:
    return lambda c: replace(c, contact=replace(c.contact or Contact(), **kw))


C6_CASES: list[tuple[str, int, Callable[..., Callable[[Customer], Customer]], str]] = [
    ("Name", 50, _set, "name"),
    ("InvoiceAddress1", 50, _set_address, "line1"),
    ("InvoiceAddress2", 50, _set_address, "line2"),
    ("InvoicePostalCode", 10, _set_address, "postal_code"),
    ("InvoiceCity", 50, _set_address, "city"),
    ("Telephone", 50, _set_address, "phone"),
    ("VatNumber", 20, _set, "vat_number"),
    ("CorporateIdentityNumber", 20, _set, "organisation_number"),
    ("EmailAddress", 255, _set, "email"),
    ("WwwAddress", 255, _set, "website"),
    ("Note", 4000, _set, "notes"),
    ("ContactPersonName", 100, _set_contact, "last_name"),
    ("ContactPersonEmail", 255, _set_contact, "email"),
    ("ContactPersonPhone", 50, _set_contact, "phone"),
    ("ContactPersonMobile", 50, _set_contact, "mobile"),
]


@pytest.mark.parametrize(("field", "limit", "setter", "attribute"), C6_CASES, ids=[c[0] for c in C6_CASES])
def test_c6_field_over_limit_is_rejected_in_original_format(
    field: str, limit: int, setter: Callable[..., Callable[[Customer], Customer]], attribute: str
) -> None:
    customer = setter(**{attribute: "x" * (limit + 1)})(canonical())
    violation = check(customer)
    assert violation is not None
    assert violation.rule_id == "C6"
    assert violation.message == (
        "Could not add customer 1001 to Visma eAccounting. ErrorCode: 2000, DeveloperErrorMessage: "
        f"ValidateModelAttributeException - The field {field} must be a string with a maximum length of {limit}."
    )
    assert str(limit) in violation.hint and str(limit) in violation.hint_en


@pytest.mark.parametrize(("field", "limit", "setter", "attribute"), C6_CASES, ids=[c[0] for c in C6_CASES])
def test_c6_field_at_its_limit_passes(
    field: str, limit: int, setter: Callable[..., Callable[[Customer], Customer]], attribute: str
) -> None:
    if field == "ContactPersonName":  # "first last": the first name and the space count too
        limit -= len("Karin ")
    assert check(setter(**{attribute: "x" * limit})(canonical())) is None


def test_c6_customer_number_over_16_is_rejected_with_its_own_number_in_the_message() -> None:
    violation = check(canonical(number="12345678901234567"))
    assert violation is not None and violation.rule_id == "C6"
    assert violation.message == (
        "Could not add customer 12345678901234567 to Visma eAccounting. ErrorCode: 2000, DeveloperErrorMessage: "
        "ValidateModelAttributeException - The field CustomerNumber must be a string with a maximum length of 16."
    )


def test_c6_name_too_long_has_the_original_swedish_hint() -> None:
    violation = check(canonical(name="N" * 51))
    assert violation is not None
    assert (
        violation.hint == "Kundnamnet är för långt. Redigera kundnamnet i Visma PM, det får innehålla högst 50 tecken."
    )


def test_c6_update_says_update_and_lists_every_field_over_its_limit() -> None:
    customer = with_address(canonical(name="N" * 60), city="C" * 51)
    violation = check(customer, op="update")
    assert violation is not None
    assert violation.message.startswith("Could not update customer 1001 to Visma eAccounting. ErrorCode: 2000,")
    assert "The field Name must be a string with a maximum length of 50." in violation.message
    assert "The field InvoiceCity must be a string with a maximum length of 50." in violation.message


def test_c6_nothing_is_truncated_silently() -> None:
    long_name = "N" * 80
    fields = to_eekonomi_fields(canonical(name=long_name), terms_id(30))
    assert fields["Name"] == long_name
    assert check_limits(canonical(name=long_name), fields) is not None


def test_c6_limits_are_the_official_spec_max_lengths() -> None:
    properties = eekonomi_spec()["components"]["schemas"]["CustomerApi"]["properties"]
    from_spec = {name: prop["maxLength"] for name, prop in properties.items() if "maxLength" in prop}
    assert from_spec == CUSTOMER_LIMITS


# --- C8 (eEkonomi -> PM) ------------------------------------------------------------------------------
@pytest.mark.parametrize(("number", "rejected"), [("1001", False), (None, False), ("K-17", True), ("10 01", True)])
def test_c8_pm_customer_numbers_must_be_numeric(number: str | None, rejected: bool) -> None:
    violation = check_for_pm(canonical(number=number), pm_reference())
    assert (violation is not None) == rejected
    if violation is not None:
        assert violation.rule_id == "C8"
        assert f"kundnumret {number} kan inte lagras" in violation.message
        assert "numeriska kundnummer" in violation.hint


# --- C10 ----------------------------------------------------------------------------------------------
def test_c10_unknown_payment_days_is_an_error_listing_the_valid_terms() -> None:
    violation = check(canonical(payment_days=21))
    assert violation is not None and violation.rule_id == "C10"
    assert violation.message == "Kund 1001 Acme AB: betalningsvillkoret 21 dagar finns inte i Visma eEkonomi."
    assert "0, 10, 14, 30, 60 dagar netto" in violation.hint
    assert "0, 10, 14, 30, 60 dagar netto" in violation.hint_en


@pytest.mark.parametrize("days", [0, 10, 14, 30, 60, None])
def test_c10_payment_days_eekonomi_knows_pass(days: int | None) -> None:
    assert check_payment_terms(canonical(payment_days=days), eek_reference()) is None


def test_c10_no_days_and_no_company_default_is_an_error() -> None:
    violation = check_payment_terms(canonical(payment_days=None), eek_reference(default_days=None))
    assert violation is not None and violation.rule_id == "C10"


# --- C11 ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("currency", "rejected"),
    [("SEK", False), ("EUR", False), (None, False), ("NOK", True), ("USD", True)],
    ids=["organisation currency", "active", "none", "inactive in PM", "unknown in PM"],
)
def test_c11_foreign_currency_needs_an_active_pm_currency(currency: str | None, rejected: bool) -> None:
    for violation in (
        check(canonical(currency_code=currency)),
        check_for_pm(canonical(currency_code=currency), pm_reference()),
    ):
        assert (violation is not None) == rejected
        if violation is not None:
            assert violation.rule_id == "C11"
            assert violation.message == (
                f"Kund 1001 Acme AB har valutan {currency}, som inte finns bland de aktiva valutorna i Visma PM."
            )
            assert "Valutor" in violation.hint


@pytest.mark.parametrize("number", ["0012", "²", "١٢"], ids=["leading zeros", "superscript", "arabic-indic"])
def test_c8_number_accepted_for_pm_keeps_the_same_text_in_pm(number: str) -> None:
    customer = canonical(number=number)
    if check_for_pm(customer, pm_reference()) is not None:
        return  # rejected with C8: fine
    assert str(to_severa_customer(customer, pm_reference()).number) == number

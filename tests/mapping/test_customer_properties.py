"""Property: every canonical customer is either sendable to eEkonomi as the official spec defines a
CustomerApi body, or rejected up front with the rule it breaks (C5, C6, C10, C11)."""

from __future__ import annotations

from typing import TypeVar

import simplejson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brygga.domain import Address, Contact, Customer
from brygga.mapping.customer_rules import check_for_eekonomi
from brygga.mapping.eekonomi_customers import to_eekonomi_customer, to_eekonomi_fields
from tests.mapping.builders import canonical, eek_reference, pm_reference, terms_id
from tests.support.spec_validation import SpecValidator

EEK_CUSTOMERS_URL = "http://eek.test/v2/customers"
PRE_SEND_RULES = {"C5", "C6", "C10", "C11"}
T = TypeVar("T")


def _text(max_size: int) -> st.SearchStrategy[str | None]:
    # Lengths straddle eEkonomi's limits (10, 16, 20, 50, 100): both sides of each limit get generated.
    return st.none() | st.text(max_size=max_size) | st.text(alphabet="aZ0 -", min_size=8, max_size=max_size)


def _required(max_size: int) -> st.SearchStrategy[str | None]:
    """Mostly filled, sometimes missing or blank: most customers get past C5, so the later rules are reached."""
    filled = st.text(alphabet="aÖ0 -", min_size=1, max_size=max_size).filter(str.strip)
    return _mostly(filled, st.none() | st.just("  "))


def _mostly(usual: st.SearchStrategy[T], rare: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """``usual`` nine times in ten: hypothesis' ``one_of`` has no weights."""
    return st.integers(0, 9).flatmap(lambda n: usual if n else rare)


ADDRESSES = _mostly(
    st.builds(
        Address,
        line1=_required(60),
        line2=_text(60),
        postal_code=_required(14),
        city=_required(60),
        country_code=st.sampled_from(["SE", "NO", "DK", "FI", None, "", "SWE"]),
        phone=_text(60),
    ),
    st.none(),
)
CONTACTS = st.none() | st.builds(
    Contact,
    first_name=st.text(max_size=60),
    last_name=st.text(max_size=60),
    email=_text(30),
    phone=_text(60),
    mobile=_text(60),
)
CUSTOMERS = st.builds(
    Customer,
    number=st.none() | st.text(alphabet="0123456789K-", min_size=1, max_size=20),
    name=st.text(max_size=60),
    is_active=st.booleans(),
    vat_number=_text(24),
    organisation_number=_text(24),
    email=_text(30),
    website=_text(30),
    notes=_text(30),
    payment_days=st.none() | st.sampled_from([0, 10, 14, 30, 60, 21, 365]),
    currency_code=st.none() | st.sampled_from(["SEK", "EUR", "SEK", "EUR", "NOK", "USD", "EURO"]),
    address=ADDRESSES,
    contact=CONTACTS,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(customer=CUSTOMERS)
def test_c5_c6_c10_c11_customer_is_valid_for_the_spec_or_rejected_with_a_rule(customer: Customer) -> None:
    ref = eek_reference()
    terms = ref.terms_for_days(customer.payment_days)
    fields = to_eekonomi_fields(customer, terms.id if terms else None)
    violation = check_for_eekonomi(customer, fields, ref, pm_reference())
    if violation is not None:
        assert violation.rule_id in PRE_SEND_RULES
        assert violation.message and violation.hint
        return
    body = simplejson.dumps(to_eekonomi_customer(fields).to_body(), use_decimal=True).encode()
    assert SpecValidator.eekonomi().validate_request("POST", EEK_CUSTOMERS_URL, body, "application/json") == []


def test_c6_the_spec_check_in_the_property_does_catch_an_over_long_field() -> None:
    """Guard for the property above: the validator it relies on is not blind to the limits C6 enforces."""
    fields = to_eekonomi_fields(canonical(name="N" * 51), terms_id(30))
    body = simplejson.dumps(to_eekonomi_customer(fields).to_body()).encode()
    problems = SpecValidator.eekonomi().validate_request("POST", EEK_CUSTOMERS_URL, body, "application/json")
    assert any("Name" in problem for problem in problems)

"""The fingerprints' fast ``plain`` gives the JSON ``dataclasses.asdict`` gave, so no stored fingerprint changes."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from brygga.domain import Customer
from brygga.domain.customer import Address, Contact
from brygga.domain.plain import plain

_text = st.text(max_size=20)


@given(
    number=st.one_of(st.none(), _text),
    name=_text,
    address=st.one_of(st.none(), st.builds(Address, line1=_text, postal_code=_text, city=_text)),
    contact=st.one_of(st.none(), st.builds(Contact, first_name=_text, last_name=_text)),
)
def test_c8_customer_fingerprint_json_is_what_asdict_gave(
    number: str | None, name: str, address: Address | None, contact: Contact | None
) -> None:
    customer = Customer(number=number, name=name, address=address, contact=contact)
    old = json.dumps(asdict(customer), sort_keys=True, ensure_ascii=False, default=str)
    new = json.dumps(plain(customer), sort_keys=True, ensure_ascii=False, default=str)
    assert new == old


def test_plain_keeps_nested_rows_decimals_and_dates() -> None:
    value = {"rows": ({"amount": Decimal("1.50")}, [date(2026, 12, 7)])}
    assert json.dumps(plain(value), default=str) == json.dumps(value, default=str)


def test_c8_fingerprint_is_computed_once_and_not_part_of_the_customer() -> None:
    customer = Customer(number="1", name="Kund AB")
    first = customer.fingerprint()
    assert customer.fingerprint() == first
    twin = Customer(number="1", name="Kund AB")
    assert twin == customer and repr(twin) == repr(customer)  # the memo is no field
    assert json.dumps(plain(customer)) == json.dumps(plain(twin))
    assert Customer(number="1", name="Kund AC").fingerprint() != first

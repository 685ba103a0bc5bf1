"""Visma PM (Severa) customers <-> the canonical customer (rules C4, C8, C9)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from brygga.domain import Address, Contact, Customer
from brygga.mapping.contacts import split_contact_name
from brygga.severa import models as sev

__all__ = [
    "PmCustomerRecord",
    "PmReference",
    "address_of",
    "contact_of",
    "customer_head",
    "first_communications",
    "from_severa_customer",
    "pick_address",
    "pick_contact",
    "pm_number",
    "to_severa_address",
    "to_severa_communications",
    "to_severa_contact",
    "to_severa_customer",
]

EMAIL, PHONE, MOBILE = "EmailAddress", "Phone", "MobilePhone"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PmCustomerRecord:
    """A PM customer with everything the mapping needs; PM keeps these in four resources."""

    customer: sev.Customer
    addresses: Sequence[sev.Address] = ()
    contacts: Sequence[sev.ContactPerson] = ()
    communications: Mapping[str, Sequence[sev.ContactCommunication]] = field(default_factory=dict)

    @property
    def guid(self) -> str:
        return self.customer.guid or ""


@dataclass(frozen=True)
class PmReference:
    """PM's reference data: countries, currencies, communication types."""

    countries: Sequence[sev.Country]
    currencies: Sequence[sev.Currency]
    communication_types: Sequence[sev.CommunicationType] = ()

    @property
    def organisation_currency(self) -> str:
        for currency in self.currencies:
            if currency.isOrganizationCurrency and currency.code:
                return currency.code
        return "SEK"

    def country_code(self, country: sev.AddressCountry | None) -> str | None:
        if country is None:
            return None
        for candidate in self.countries:
            if country.guid and candidate.guid == country.guid:
                return candidate.code2
        names = {n.casefold() for n in (country.name, country.englishName) if n}
        for candidate in self.countries:
            if {n.casefold() for n in (candidate.name, candidate.englishName) if n} & names:
                return candidate.code2
        return None

    def country(self, code2: str | None) -> sev.Country | None:
        return next((c for c in self.countries if code2 and (c.code2 or "").upper() == code2.upper()), None)

    def active_currency(self, code: str) -> sev.Currency | None:
        return next((c for c in self.currencies if c.code == code and c.isActive), None)

    def communication_type(self, kind: str) -> sev.CommunicationType | None:
        return next((t for t in self.communication_types if t.type == kind and t.isActive), None)


def _created_order(item: sev.Address | sev.ContactPerson) -> tuple[datetime, str]:
    # The API gives no order, so "first" is the oldest by creation time, ties broken by guid (severa-fit G7).
    return (item.createdDateTime or _EPOCH, item.guid or "")


def pick_address(record: PmCustomerRecord) -> sev.Address | None:
    """The first billing address, else the head-office address (rule C4)."""
    billing = sorted((a for a in record.addresses if a.isBillingAddress), key=_created_order)
    if billing:
        return billing[0]
    head_office = record.customer.headquarterAddress
    if head_office is not None and head_office.guid:
        return next((a for a in record.addresses if a.guid == head_office.guid), None)
    return None


def pick_contact(record: PmCustomerRecord) -> sev.ContactPerson | None:
    """The customer's first active contact (rule C4)."""
    active = sorted((c for c in record.contacts if c.isActive and not c.isDeleted), key=_created_order)
    return active[0] if active else None


def _communication(record: PmCustomerRecord, contact_guid: str, kind: str) -> str | None:
    return first_communications(record.communications.get(contact_guid, ())).get(kind)


def first_communications(items: Iterable[sev.ContactCommunication]) -> dict[str, str]:
    """Per communication type, the first non-empty value in the order PM lists them."""
    found: dict[str, str] = {}
    for item in items:
        kind, value = item.communicationType.type, item.value.strip()
        if kind and value and kind not in found:
            found[kind] = value
    return found


def contact_of(first_name: str, last_name: str, communications: Mapping[str, str]) -> Contact:
    """The canonical contact of a PM contact person and its first value per communication type."""
    return Contact(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=communications.get(EMAIL),
        phone=communications.get(PHONE),
        mobile=communications.get(MOBILE),
    )


def _contact(record: PmCustomerRecord) -> Contact | None:
    person = pick_contact(record)
    if person is None:
        return None
    return contact_of(
        person.firstName, person.lastName, first_communications(record.communications.get(person.guid or "", ()))
    )


def _address(record: PmCustomerRecord, ref: PmReference) -> Address | None:
    chosen = pick_address(record)
    return address_of(chosen, ref) if chosen is not None else None


def address_of(chosen: sev.Address, ref: PmReference) -> Address:
    return Address(
        line1=_clean(chosen.addressline),
        postal_code=_clean(chosen.postalCode),
        city=_clean(chosen.city),
        country_code=ref.country_code(chosen.country),
        phone=_clean(chosen.phone),
    )


def from_severa_customer(record: PmCustomerRecord, ref: PmReference) -> Customer:
    return replace(customer_head(record.customer, ref), address=_address(record, ref), contact=_contact(record))


def customer_head(customer: sev.Customer, ref: PmReference) -> Customer:
    """The canonical customer without its address and contact, which PM keeps in other resources."""
    currency = customer.currency.code if customer.currency and customer.currency.code else ref.organisation_currency
    return Customer(
        number=str(customer.number) if customer.number is not None else None,
        name=customer.name.strip(),
        is_active=customer.isActive,
        vat_number=_clean(customer.vatNumber),
        organisation_number=organisation_number_from_vat(customer.vatNumber),
        email=_clean(customer.email),
        website=_clean(customer.website),
        notes=_clean(customer.notes),
        payment_days=customer.paymentTerm,
        currency_code=currency,
    )


def organisation_number_from_vat(vat_number: str | None) -> str | None:
    """SE556677889901 -> 556677-8899: the original fills eEkonomi's organisation number from the VAT number."""
    if not vat_number:
        return None
    digits = vat_number.strip().upper().removeprefix("SE")
    if len(digits) == 12 and digits.isdigit() and digits.endswith("01"):
        return f"{digits[:6]}-{digits[6:10]}"
    return None


def pm_number(text: str | None) -> int | None:
    """A customer number as Visma PM can hold it: int64, so only plain ASCII digits without leading zeros
    survive the round trip ("0012" would come back as 12; severa-fit G8)."""
    if not text or not (text.isascii() and text.isdecimal()) or (len(text) > 1 and text.startswith("0")):
        return None
    return int(text) if len(text) <= 18 else None


def to_severa_customer(customer: Customer, ref: PmReference) -> sev.Customer:
    currency = ref.active_currency(customer.currency_code) if customer.currency_code else None
    return sev.Customer(
        number=pm_number(customer.number),
        name=customer.name,
        vatNumber=customer.vat_number,
        email=customer.email,
        website=customer.website,
        notes=customer.notes,
        paymentTerm=customer.payment_days,
        currency=sev.CurrencyRef(guid=currency.guid, code=currency.code) if currency else None,
        isActive=customer.is_active,
    )


def to_severa_address(address: Address, customer_guid: str, ref: PmReference) -> sev.Address:
    country = ref.country(address.country_code)
    return sev.Address(
        addressline=address.line1,
        postalCode=address.postal_code,
        city=address.city,
        country=sev.AddressCountry(guid=country.guid) if country else None,
        isBillingAddress=True,
        isPostalAddress=True,
        phone=address.phone,
        customer=sev.AddressCustomer(guid=customer_guid),
    )


def to_severa_contact(full_name: str, customer_guid: str, address_guid: str | None) -> sev.ContactPerson:
    first, last = split_contact_name(full_name)
    return sev.ContactPerson(
        customer=sev.ContactCustomer(guid=customer_guid), firstName=first, lastName=last, addressGuid=address_guid
    )


def to_severa_communications(contact: Contact, contact_guid: str, ref: PmReference) -> list[sev.ContactCommunication]:
    wanted = ((EMAIL, contact.email), (PHONE, contact.phone), (MOBILE, contact.mobile))
    result = []
    for kind, value in wanted:
        kind_ref = ref.communication_type(kind)
        if value and kind_ref is not None and kind_ref.guid:
            result.append(
                sev.ContactCommunication(
                    value=value,
                    contact=sev.ContactRef(guid=contact_guid),
                    communicationType=sev.CommunicationTypeRef(guid=kind_ref.guid, type=kind),
                )
            )
    return result


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None

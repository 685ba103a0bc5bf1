"""Visma eEkonomi customers <-> the canonical customer (rules C7, C8, C10)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from brygga.domain import Address, Contact, Customer
from brygga.eekonomi import models as eek

__all__ = ["EekReference", "from_eekonomi_customer", "to_eekonomi_customer", "to_eekonomi_fields"]

NORMAL_TERMS = 0  # TermsOfPaymentTypeId 0 = "Normal" (net days); cash/card terms are not customer terms here.


@dataclass(frozen=True)
class EekReference:
    company: eek.CompanySettings
    terms: Sequence[eek.TermsOfPayment]

    @property
    def home_currency(self) -> str:
        return self.company.currency_code or "SEK"

    def terms_for_days(self, days: int | None) -> eek.TermsOfPayment | None:
        """The eEkonomi term with exactly ``days`` net days (rule C10); None days means the company default."""
        if days is None:
            return next((t for t in self.terms if t.id == self.company.terms_of_payment_id), None)
        for term in self.terms:
            if (
                term.number_of_days == days
                and term.terms_of_payment_type_id == NORMAL_TERMS
                and term.available_for_sales is not False
            ):
                return term
        return None

    def days_for(self, terms_id: str | None) -> int | None:
        return next((t.number_of_days for t in self.terms if t.id == terms_id), None)

    def valid_days(self) -> list[int]:
        return sorted(
            {
                t.number_of_days
                for t in self.terms
                if t.number_of_days is not None
                and t.terms_of_payment_type_id == NORMAL_TERMS
                and t.available_for_sales is not False
            }
        )


def from_eekonomi_customer(customer: eek.Customer, ref: EekReference) -> Customer:
    address = Address(
        line1=_clean(customer.invoice_address1),
        line2=_clean(customer.invoice_address2),
        postal_code=_clean(customer.invoice_postal_code),
        city=_clean(customer.invoice_city),
        country_code=_clean(customer.invoice_country_code),
        phone=_clean(customer.telephone),
    )
    contact_fields = (
        customer.contact_person_name,
        customer.contact_person_email,
        customer.contact_person_phone,
        customer.contact_person_mobile,
    )
    contact = None
    if any(_clean(value) for value in contact_fields):
        # eEkonomi holds one name; it stays whole here and is split only when written to PM (rule C9).
        contact = Contact(
            first_name=" ".join((customer.contact_person_name or "").split()),
            email=_clean(customer.contact_person_email),
            phone=_clean(customer.contact_person_phone),
            mobile=_clean(customer.contact_person_mobile),
        )
    return Customer(
        number=_clean(customer.customer_number),
        name=customer.name.strip(),
        is_active=customer.is_active,
        vat_number=_clean(customer.vat_number),
        organisation_number=_clean(customer.corporate_identity_number),
        email=_clean(customer.email_address),
        website=_clean(customer.www_address),
        notes=_clean(customer.note),
        payment_days=ref.days_for(customer.terms_of_payment_id),
        currency_code=_clean(customer.currency_code) or ref.home_currency,
        address=address if any(vars(address).values()) else None,
        contact=contact,
    )


def to_eekonomi_fields(customer: Customer, terms_id: str | None) -> dict[str, Any]:
    """The CustomerApi fields brygga owns, by their wire names (rule C8). Always a company (rule C7)."""
    address = customer.address or Address()
    contact = customer.contact or Contact()
    return {
        "CustomerNumber": customer.number,
        "Name": customer.name,
        "IsPrivatePerson": False,
        "IsActive": customer.is_active,
        "CorporateIdentityNumber": customer.organisation_number,
        "VatNumber": customer.vat_number,
        "InvoiceAddress1": address.line1,
        "InvoiceAddress2": address.line2,
        "InvoicePostalCode": address.postal_code or "",
        "InvoiceCity": address.city or "",
        "InvoiceCountryCode": address.country_code,
        "Telephone": address.phone,
        "EmailAddress": customer.email,
        "WwwAddress": customer.website,
        "Note": customer.notes,
        "ContactPersonName": contact.full_name or None,
        "ContactPersonEmail": contact.email,
        "ContactPersonPhone": contact.phone,
        "ContactPersonMobile": contact.mobile,
        "TermsOfPaymentId": terms_id,
        "CurrencyCode": customer.currency_code,
    }


def to_eekonomi_customer(fields: dict[str, Any], base: eek.Customer | None = None) -> eek.Customer:
    """A body for POST (``base`` None) or a full-replace PUT: what eEkonomi had, with brygga's fields on top."""
    current = base.to_body() if base is not None else {}
    return eek.Customer.model_validate({**current, **fields})


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None

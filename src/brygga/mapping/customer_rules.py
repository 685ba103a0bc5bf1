"""Checks a customer must pass before it is sent, with the original integration's messages (C5, C6, C8, C10, C11)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from brygga.domain import Customer
from brygga.eekonomi.models import CUSTOMER_LIMITS
from brygga.errors import RuleViolation
from brygga.hints import hint_for
from brygga.mapping.eekonomi_customers import EekReference
from brygga.mapping.severa_customers import PmReference, pm_number

__all__ = ["check_for_eekonomi", "check_for_pm", "check_limits", "check_payment_terms"]

PM, EEK = "Visma PM", "Visma eEkonomi"


def check_address(customer: Customer) -> RuleViolation | None:
    """Rule C5: address line, postal code, city and country are required in eEkonomi."""
    if customer.address is not None and customer.address.is_complete():
        return None
    hint = hint_for("C5")
    return RuleViolation(
        "C5",
        f"Det gick inte att föra över {customer.name} till Visma eEkonomi, eftersom kunden inte har någon adress.",
        hint=hint,
    )


def check_name(customer: Customer, *, op: str = "add") -> RuleViolation | None:
    """Rule C6: eEkonomi requires a name; an empty or blank one is refused as eEkonomi words it ("required")."""
    if customer.name.strip():
        return None
    return RuleViolation(
        "C6",
        f"Could not {op} customer {customer.number} to Visma eAccounting. ErrorCode: 2000, "
        "DeveloperErrorMessage: ValidateModelAttributeException - The Name field is required.",
        hint=f"Kunden {customer.number or ''} saknar namn i {PM}. Ange kundens namn i {PM} och kör igen.",
        hint_en=f"The customer {customer.number or ''} has no name in {PM}. Enter the customer's name in {PM} and "
        "run again.",
        title="Kunden saknar namn",
        title_en="The customer has no name",
    )


def check_limits(customer: Customer, fields: Mapping[str, Any], *, op: str = "add") -> RuleViolation | None:
    """Rule C6: eEkonomi's field lengths, checked before any call; nothing is truncated silently."""
    too_long = [
        (name, CUSTOMER_LIMITS[name])
        for name, value in fields.items()
        if isinstance(value, str) and name in CUSTOMER_LIMITS and len(value) > CUSTOMER_LIMITS[name]
    ]
    if not too_long:
        return None
    details = " ".join(
        f"The field {name} must be a string with a maximum length of {limit}." for name, limit in too_long
    )
    first, limit = too_long[0]
    hint = hint_for(f"C6:{first}", field=first, limit=limit, source=PM)
    return RuleViolation(
        "C6",
        f"Could not {op} customer {customer.number} to Visma eAccounting. ErrorCode: 2000, "
        f"DeveloperErrorMessage: ValidateModelAttributeException - {details}",
        hint=hint,
    )


def check_payment_terms(customer: Customer, ref: EekReference) -> RuleViolation | None:
    """Rule C10: payment terms map by number of days; no match lists the valid terms."""
    if ref.terms_for_days(customer.payment_days) is not None:
        return None
    valid = ", ".join(str(days) for days in ref.valid_days()) + " dagar netto"
    hint = hint_for("C10", source=PM, valid=valid)
    what = (
        f"betalningsvillkoret {customer.payment_days} dagar finns inte i Visma eEkonomi"
        if customer.payment_days is not None
        else "kunden saknar betalningsvillkor och Visma eEkonomi har inget standardvillkor"
    )
    return RuleViolation(
        "C10",
        f"Kund {customer.label}: {what}.",
        hint=hint,
    )


def check_currency(customer: Customer, pm: PmReference) -> RuleViolation | None:
    """Rule C11: a non-SEK customer needs that currency active in PM (the "Valutor" add-on)."""
    code = customer.currency_code
    if not code or code == pm.organisation_currency or pm.active_currency(code) is not None:
        return None
    hint = hint_for("C11", currency=code)
    return RuleViolation(
        "C11",
        f"Kund {customer.label} har valutan {code}, som inte finns bland de aktiva valutorna i Visma PM.",
        hint=hint,
    )


def check_for_eekonomi(
    customer: Customer, fields: Mapping[str, Any], eek_ref: EekReference, pm_ref: PmReference, *, op: str = "add"
) -> RuleViolation | None:
    """Every PM -> eEkonomi rule, first failure wins (address before lengths, as the original reports)."""
    return (
        check_address(customer)
        or check_name(customer, op=op)
        or check_limits(customer, fields, op=op)
        or check_payment_terms(customer, eek_ref)
        or check_currency(customer, pm_ref)
    )


def check_for_pm(customer: Customer, pm_ref: PmReference) -> RuleViolation | None:
    """eEkonomi -> PM: PM customer numbers are integers (severa-fit G8), and rule C11."""
    if customer.number is not None and pm_number(customer.number) is None:
        hint = hint_for("C8:number")
        return RuleViolation(
            "C8",
            f"Det gick inte att föra över {customer.label} till Visma PM: "
            f"kundnumret {customer.number} kan inte lagras som ett heltal utan inledande nollor.",
            hint=hint,
        )
    return check_currency(customer, pm_ref)

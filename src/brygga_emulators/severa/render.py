"""Stored documents -> full response models: every property of the schema, derived ones filled in.

Read-only properties that Severa computes (a contact's ``name``, ``emails`` and ``phoneNumbers``, an
address's ``contacts`` and ``customer``, a customer's head-office address text, ``currency`` code and
symbol) are derived here at read time, so they can never go stale in the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .models import ADDRESS, CONTACT, CONTACT_COMMUNICATION, CUSTOMER
from .schema import Field, Model
from .store import Document, SeveraStore

__all__ = [
    "currency_ref",
    "fill",
    "render_address",
    "render_communication",
    "render_communication_type_ref",
    "render_contact",
    "render_customer",
]

EMAIL_TYPES = frozenset({"EmailAddress"})
PHONE_TYPES = frozenset({"Phone", "MobilePhone", "IPPhone"})


def fill(model: Model, document: Mapping[str, Any] | None) -> dict[str, Any]:
    """Every property of ``model``; absent ones are null, or the .NET default for value types."""
    source = document or {}
    body: dict[str, Any] = {}
    for name, default, nested, many in _plan(model):
        value = source.get(name)
        if value is None:
            body[name] = default
        elif nested is None:
            body[name] = value
        elif many:
            body[name] = [fill(nested, item) for item in value]
        else:
            body[name] = fill(nested, value)
    return body


# Per model (by identity: models are module constants), each property as (name, the value when it is absent,
# the model of a nested object or None, whether that is an array): rendering 1,000 customers a page reads
# this instead of working the field specs out again for every property of every document.
_PLANS: dict[int, tuple[Model, list[tuple[str, Any, Model | None, bool]]]] = {}


def _plan(model: Model) -> list[tuple[str, Any, Model | None, bool]]:
    found = _PLANS.get(id(model))
    if found is None or found[0] is not model:
        plan = [
            (name, _absent(spec), _nested(spec), spec.kind == "object-array") for name, spec in model.fields.items()
        ]
        found = _PLANS[id(model)] = (model, plan)
    return found[1]


def _absent(spec: Field) -> Any:
    if spec.nullable:
        return None
    return {"boolean": False, "number": Decimal(0), "int32": 0, "int64": 0}.get(spec.kind, spec.default)


def _nested(spec: Field) -> Model | None:
    return spec.model if spec.kind in ("object", "object-array") else None


def render_customer(store: SeveraStore, customer: Document) -> dict[str, Any]:
    body = fill(CUSTOMER, customer)
    body["currency"] = currency_ref(store, customer.get("currency"))
    body["headquarterAddress"] = _headquarter_ref(store, customer.get("headquarterAddress"))
    return body


def render_address(store: SeveraStore, address: Document) -> dict[str, Any]:
    body = fill(ADDRESS, address)
    customer = store.peek("customers", (address.get("customer") or {}).get("guid", ""))
    body["customer"] = (
        {"guid": customer["guid"], "name": customer["name"], "number": customer.get("number")} if customer else None
    )
    body["country"] = _country_ref(store, address.get("country"))
    body["contacts"] = [
        {"guid": contact["guid"], "name": _full_name(contact)}
        for contact in store.select("contacts", among=store.lookup("contacts", "address", [address["guid"]]))
    ]
    return body


def render_contact(store: SeveraStore, contact: Document) -> dict[str, Any]:
    body = fill(CONTACT, contact)
    customer = store.peek("customers", contact["customer"]["guid"]) or {}
    body["customer"] = {
        "guid": contact["customer"]["guid"],
        "name": customer.get("name"),
        "number": customer.get("number"),
    }
    body["name"] = _full_name(contact)
    body["isDeleted"] = False
    values = _communications_by_type(store, contact["guid"])
    body["emails"] = [value for kind, value in values if kind in EMAIL_TYPES]
    body["phoneNumbers"] = [value for kind, value in values if kind in PHONE_TYPES]
    return body


def render_communication(store: SeveraStore, communication: Document) -> dict[str, Any]:
    body = fill(CONTACT_COMMUNICATION, communication)
    contact = store.peek("contacts", communication["contact"]["guid"])
    body["contact"] = {"guid": communication["contact"]["guid"], "name": _full_name(contact) if contact else None}
    body["communicationType"] = render_communication_type_ref(store, communication["communicationType"]["guid"])
    return body


def render_communication_type_ref(store: SeveraStore, guid: str) -> dict[str, Any]:
    kind = store.peek("communicationtypes", guid) or {}
    return {
        "guid": guid,
        "isActive": kind.get("isActive", True),
        "name": kind.get("name"),
        "type": kind.get("type", "Phone"),
    }


def _full_name(contact: Mapping[str, Any]) -> str:
    return " ".join(part for part in (contact.get("firstName"), contact.get("lastName")) if part)


def _communications_by_type(store: SeveraStore, contact_guid: str) -> list[tuple[str, str]]:
    """The contact's communications (index, not a scan) with their type, in insertion order."""
    communications = store.select("communications", among=store.lookup("communications", "contact", [contact_guid]))
    return [(_type_of(store, doc["communicationType"]["guid"]), doc["value"]) for doc in communications]


def _type_of(store: SeveraStore, type_guid: str) -> str:
    kind = store.peek("communicationtypes", type_guid)
    return str(kind.get("type", "")) if kind is not None else ""


def currency_ref(store: SeveraStore, reference: dict[str, Any] | None) -> dict[str, Any] | None:
    currency = store.peek("currencies", reference["guid"]) if reference and reference.get("guid") else None
    if currency is None:
        return None
    return {key: currency.get(key) for key in ("code", "guid", "name", "symbol")}


def _headquarter_ref(store: SeveraStore, reference: dict[str, Any] | None) -> dict[str, Any] | None:
    address = store.peek("addresses", reference["guid"]) if reference and reference.get("guid") else None
    if address is None:
        return None
    country = _country_ref(store, address.get("country"))
    return {
        "addressline": address.get("addressline"),
        "city": address.get("city"),
        "country": country["name"] if country else None,
        "guid": address["guid"],
        "postalCode": address.get("postalCode"),
    }


def _country_ref(store: SeveraStore, reference: dict[str, Any] | None) -> dict[str, Any] | None:
    country = store.peek("countries", reference["guid"]) if reference and reference.get("guid") else None
    if country is None:
        return None
    return {key: country.get(key) for key in ("englishName", "guid", "hasRegions", "name")}

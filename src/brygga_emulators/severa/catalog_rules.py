"""Checks a product, work type or travel expense type must pass beyond its schema, as Severa makes them.

- Money is in one of the organisation's active currencies.
- A VAT rate is a percentage the organisation has (an active rate of its registration country), so a
  client that sends eEkonomi's fraction 0.25 instead of 25 is caught rather than stored.
- Product categories and sales or cost accounts are not emulated: a reference to one cannot resolve.
- With ``uniqueIdentifierForProductsAndWorktypes`` on, a code names one product or work type only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .endpoint import Context
from .organization_data import organization_settings
from .problems import ApiProblem, Detail
from .store import Document

__all__ = ["checked_catalog_item", "ensure_unique_code"]

_UNEMULATED_REFERENCES = ("productCategory", "salesAccount", "costAccount")
_CODED_COLLECTIONS = ("products", "worktypes")


def checked_catalog_item(ctx: Context, document: Document, money: tuple[str, ...], rates: tuple[str, ...]) -> Document:
    """``document`` with references stored as ``{"guid": …}``, or 400 InvalidParameter listing every problem.

    ``money`` and ``rates`` name the properties holding amounts and VAT percentages."""
    problems: list[Detail] = []
    for name in money:
        _check_currency(ctx, document.get(name), name, problems)
    for name in rates:
        _check_vat_rate(ctx, document.get(name), name, problems)
    for name in _UNEMULATED_REFERENCES:
        if name in document:
            _check_unresolvable_reference(document[name], name, problems)
            document[name] = None  # nothing to resolve to: a reference is either refused or empty
    if problems:
        raise ApiProblem(400, "InvalidParameter", problems)
    return document


def ensure_unique_code(ctx: Context, code: Any, own_guid: str) -> None:
    """400 when another product or work type already has ``code`` and the organisation wants it unique."""
    if not isinstance(code, str) or not code.strip():
        return
    if not organization_settings(ctx.store).get("uniqueIdentifierForProductsAndWorktypes"):
        return
    wanted = code.strip().lower()
    clashes = (ctx.store.lookup(collection, "unique_code", [wanted]) for collection in _CODED_COLLECTIONS)
    if any(guid != own_guid for guids in clashes for guid in guids):
        raise ApiProblem.invalid_parameter(
            f"Code '{code}' is already used by another product or work type.", "RequestBody", "code", code
        )


def _check_currency(ctx: Context, money: Any, name: str, problems: list[Detail]) -> None:
    if not isinstance(money, dict):
        return
    code = money.get("currencyCode")
    known = ctx.store.all("currencies", lambda doc: doc.get("code") == code and bool(doc.get("isActive")))
    if not known:
        message = f"Currency '{code}' is not an active currency of the organization."
        problems.append(Detail(message, "RequestBody", f"{name}.currencyCode", str(code)))


def _check_vat_rate(ctx: Context, rate: Any, name: str, problems: list[Detail]) -> None:
    if not isinstance(rate, Decimal):
        return
    if Decimal(rate) not in _organization_vat_percentages(ctx):
        message = f"VAT rate {rate} % is not one of the organization's active VAT rates."
        problems.append(Detail(message, "RequestBody", name, str(rate)))


def _organization_vat_percentages(ctx: Context) -> set[Decimal]:
    registration = ctx.store.all("countries", lambda doc: bool(doc.get("isRegistrationCountry")))
    country = registration[0]["guid"] if registration else None
    rates = ctx.store.all("vatrates", lambda doc: doc.get("countryGuid") == country and bool(doc.get("isActive")))
    return {Decimal(doc["percentage"]) for doc in rates}


def _check_unresolvable_reference(reference: Any, name: str, problems: list[Detail]) -> None:
    guid = reference.get("guid") if isinstance(reference, dict) else None
    if guid:
        problems.append(Detail(f"{name} '{guid}' was not found.", "RequestBody", f"{name}.guid", str(guid)))

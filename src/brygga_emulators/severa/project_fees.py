"""Project fees: what a created fee must pass beyond its schema, and how a stored fee reads.

- The project must exist; the fee belongs to its root phase unless ``phase`` names that phase (the
  emulator has no other phases). A ``product`` must exist; it lends the fee its name, unit and type
  when the request leaves them out, as Severa's fee form does.
- Money is in an active currency and a VAT rate is one of the organisation's (:mod:`catalog_rules`).
- Cost centers, sales accounts, users, invoices and billing phases are not emulated: a reference to one
  cannot resolve (400), an empty one is stored as null.

The customer is the project's, looked up when read; nothing is ever invoiced in the emulator, so
``invoice`` and ``invoiceRowGuid`` stay null.
"""

from __future__ import annotations

from typing import Any

from .catalog_rules import checked_catalog_item
from .common import reference_or_400
from .endpoint import Context
from .fee_models import PROJECT_FEE_OUTPUT
from .problems import ApiProblem, Detail
from .render import fill
from .store import Document, SeveraStore

__all__ = ["checked_project_fee", "render_project_fee"]

_UNEMULATED_REFERENCES = ("costCenter", "salesAccount", "user", "invoice", "billingDependencyPhase")
_FROM_PRODUCT = {"name": "name", "measurementUnit": "measurementUnit", "productType": "type"}


def checked_project_fee(ctx: Context, body: Document) -> Document:
    """The fee to store, with references as ``{"guid": …}``, or 400 InvalidParameter."""
    project = reference_or_400(ctx, "projects", body["project"], "Project", "project.guid")
    document = {**body, "project": {"guid": project["guid"]}}
    document["phase"] = _phase(project, body.get("phase"))
    document.update(_product_defaults(ctx, document))
    _refuse_unemulated(document)
    return checked_catalog_item(ctx, document, ("unitCost", "unitPrice"), ("vatRate",))


def _phase(project: Document, reference: Any) -> dict[str, str] | None:
    root = project.get("rootPhase")
    guid = reference.get("guid") if isinstance(reference, dict) else None
    if guid and (root is None or guid != root["guid"]):
        raise ApiProblem.invalid_parameter(f"Phase '{guid}' was not found.", "RequestBody", "phase.guid", guid)
    return {"guid": root["guid"]} if root else None


def _product_defaults(ctx: Context, document: Document) -> Document:
    reference = document.get("product")
    if not isinstance(reference, dict) or not reference.get("guid"):
        return {"product": None}
    product = reference_or_400(ctx, "products", reference, "Product", "product.guid")
    defaults = {name: product.get(source) for name, source in _FROM_PRODUCT.items() if document.get(name) is None}
    return {**defaults, "product": {"guid": product["guid"]}}


def _refuse_unemulated(document: Document) -> None:
    problems = []
    for name in _UNEMULATED_REFERENCES:
        reference = document.get(name)
        guid = reference.get("guid") if isinstance(reference, dict) else None
        if guid:
            problems.append(Detail(f"{name} '{guid}' was not found.", "RequestBody", f"{name}.guid", str(guid)))
        document[name] = None
    if problems:
        raise ApiProblem(400, "InvalidParameter", problems)


def render_project_fee(store: SeveraStore, fee: Document) -> dict[str, Any]:
    body = fill(PROJECT_FEE_OUTPUT, fee)
    project = store.peek("projects", fee["project"]["guid"]) or {}
    customer = store.peek("customers", (project.get("customer") or {}).get("guid", "")) or None
    product = store.peek("products", fee["product"]["guid"]) if fee.get("product") else None
    body["project"] = {"companyGuid": None, "guid": fee["project"]["guid"], "name": project.get("name")}
    body["customer"] = (
        {"guid": customer["guid"], "name": customer.get("name"), "number": customer.get("number")} if customer else None
    )
    body["phase"] = {"guid": fee["phase"]["guid"], "name": project.get("name")} if fee.get("phase") else None
    body["product"] = (
        {"code": product.get("code"), "guid": product["guid"], "name": product.get("name")} if product else None
    )
    return body

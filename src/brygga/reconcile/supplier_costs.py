"""The supplier-cost compare: eEkonomi supplier-invoice rows on a cost center item linked to a PM project against
the project costs brygga made of them (SI1, SI4).

A row with a linked item and no project cost is ``item_without_cost`` (never transferred, or its cost was deleted
in PM); a project cost whose row is gone or no longer on a linked item is ``cost_without_item``. Rows are read from
the earliest invoice date brygga transferred a row of (or the start of the S7 period when none), so supplier
invoices from before brygga was taken into use are not reported.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from brygga.calendar_se import swedish_date
from brygga.domain import SupplierCost
from brygga.mapping.supplier_costs import from_supplier_invoice
from brygga.reconcile import words
from brygga.reconcile.model import CategoryCheck, Sources
from brygga.store.reconcile import NewFinding
from brygga.transfer.projects.transfer import resolve_cost_center
from brygga.transfer.supplier_costs.period import period_dates

__all__ = ["check_supplier_costs"]

LINK_CATEGORY = "supplier-invoices"


async def check_supplier_costs(src: Sources, today: date | None = None) -> CategoryCheck:
    check = CategoryCheck("supplier_costs")
    today = today or swedish_date(datetime.now(UTC))
    centers = [center async for center in src.eek.cost_centers.iter()]
    center = resolve_cost_center(centers, src.options.project_cost_center)
    projects_by_item = {link.eek_id: link.pm_id for link in src.store.protocol.links("projects")}
    links = {link.eek_id: link.pm_id for link in src.store.protocol.links(LINK_CATEGORY)}
    options = src.options
    start, _ = period_dates(
        options.supplier_invoice_period, today, options.supplier_invoice_from, options.supplier_invoice_to
    )
    linked_invoices = {key.split(":", 1)[0] for key in links}
    costs: dict[str, SupplierCost] = {}
    first = start
    invoices = [i async for i in src.eek.supplier_invoices.iter()]
    for invoice in invoices:
        if invoice.id in linked_invoices and invoice.invoice_date is not None:
            first = min(first, invoice.invoice_date)
    for invoice in invoices:
        if invoice.invoice_date is None or invoice.invoice_date < first:
            continue
        for cost in from_supplier_invoice(
            invoice, int(center.number or 1), projects_by_item, billable=False, vat_percent=None, home_currency="SEK"
        ):
            costs[cost.source_key] = cost
    fees = {fee.guid async for fee in src.pm.project_fees.iter() if fee.guid} if links else set()
    check.objects_read = len(invoices) + len(fees)
    for key, cost in sorted(costs.items()):
        fee = links.get(key)
        if fee is None or fee not in fees:
            check.findings.append(_item_without_cost(key, cost, fee))
    for key, fee in sorted(links.items()):
        if key not in costs and fee in fees:
            check.findings.append(_cost_without_item(key, fee))
    return check


def _item_without_cost(key: str, cost: SupplierCost, fee: str | None) -> NewFinding:
    said = words.item_without_cost(pm_cost_gone=fee is not None)
    detail = f"SI1: leverantörsfakturarad {key}, projekt {cost.project_pm_id}, belopp {cost.amount}"
    if fee is not None:
        detail += f"; projektkostnaden {fee} finns inte längre i Visma PM"
    return NewFinding(
        category="supplier_costs",
        kind="item_without_cost",
        object_key=key,
        object_name=cost.description,
        title=said.title,
        title_en=said.title_en,
        hint=said.hint,
        hint_en=said.hint_en,
        detail=detail,
        eek_value=str(cost.amount),
        changed_in="pm" if fee is not None else None,
    )


def _cost_without_item(key: str, fee: str) -> NewFinding:
    said = words.cost_without_item()
    return NewFinding(
        category="supplier_costs",
        kind="cost_without_item",
        object_key=key,
        object_name=f"projektkostnad {fee}",
        title=said.title,
        title_en=said.title_en,
        hint=said.hint,
        hint_en=said.hint_en,
        detail=f"SI4: projektkostnaden {fee} i Visma PM är gjord av leverantörsfakturaraden {key}, som inte längre "
        "finns på en kopplad resultatenhet",
        changed_in="eekonomi",
    )

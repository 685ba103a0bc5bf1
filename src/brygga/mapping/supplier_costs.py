"""eEkonomi supplier invoices -> PM project costs (rules SI1-SI3).

One cost per supplier-invoice row that carries a cost center item linked to a PM project (SI1). The amount is the
row's debit minus credit on the cost account: the net cost, as booked (note eEkonomi's ``DebetAmount`` spelling on
booked rows). Description = invoice date + voucher number + supplier name; quantity 1 (SI3).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from brygga.domain import SupplierCost
from brygga.eekonomi.models_purchases import SupplierInvoice
from brygga.severa.fee_models import FeeProject, ProjectFee
from brygga.severa.models import Money

__all__ = ["from_supplier_invoice", "to_project_fee"]


def from_supplier_invoice(
    invoice: SupplierInvoice,
    slot: int,
    projects_by_item: Mapping[str, str],
    *,
    billable: bool,
    vat_percent: Decimal | None,
    home_currency: str,
) -> list[SupplierCost]:
    costs = []
    for index, row in enumerate(invoice.rows or [], start=1):
        item = getattr(row, f"cost_center_item_id{slot}")
        project = projects_by_item.get(item or "")
        if project is None:
            continue
        amount = (row.debit_amount or Decimal(0)) - (row.credit_amount or Decimal(0))
        description = f"{invoice.invoice_date} {invoice.voucher_number or '-'} {invoice.supplier_name or ''}".strip()
        costs.append(
            SupplierCost(
                source_key=f"{invoice.id}:{index if row.line_number is None else row.line_number}",
                project_pm_id=project,
                description=description,
                event_date=invoice.invoice_date,  # type: ignore[arg-type]  # booked invoices always have a date
                amount=amount,
                currency_code=invoice.currency_code or home_currency,
                billable=billable,
                vat_percent=vat_percent,
            )
        )
    return costs


def to_project_fee(cost: SupplierCost) -> ProjectFee:
    """Billable costs get unit price = unit cost = the amount (SI2); non-billable ones no price."""
    money = Money(amount=cost.amount, currencyCode=cost.currency_code)
    return ProjectFee(
        project=FeeProject(guid=cost.project_pm_id),
        name=cost.description,
        description=cost.description,
        quantity=Decimal(1),
        unitCost=money,
        unitPrice=money if cost.billable else None,
        isBillable=cost.billable,
        eventDate=cost.event_date,
        vatRate=cost.vat_percent,
    )

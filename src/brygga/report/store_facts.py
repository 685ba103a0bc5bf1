"""What brygga's own store says about a month: which PM invoices were transferred then (their links were made in
the month), the credit invoices the month's runs skipped (I7), the orders that became drafts (O1), and how many
reconcile findings are open. Read only; every query names the company (row-level security on PostgreSQL too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from brygga.report.model import CreditSkip, OrderDraft
from brygga.report.month import Month
from brygga.store import Store
from brygga.store.companies import CompanyRegistry
from brygga.store.reconcile import ReconcileStore
from brygga.store.tables import LinkRow, OrderHeaderRow, RunItemRow, RunRow

__all__ = ["TransferredInvoice", "company_name", "credit_skips", "open_findings", "orders_drafted", "transferred"]

CREDIT_RULE = "I7"


@dataclass(frozen=True)
class TransferredInvoice:
    pm_id: str  # the PM invoice's guid
    draft_id: str  # the eEkonomi draft brygga made (booked, it becomes the invoice's CreatedFromDraftId)
    at: datetime


def transferred(store: Store, month: Month) -> list[TransferredInvoice]:
    """The PM invoices whose draft brygga linked in ``month``, oldest first."""
    with store.db.read() as session:
        rows = session.execute(
            select(LinkRow.pm_id, LinkRow.eek_id, LinkRow.created_at)
            .where(
                LinkRow.tenant_id == store.tenant,
                LinkRow.category == "invoices",
                LinkRow.created_at >= month.start,
                LinkRow.created_at < month.end,
            )
            .order_by(LinkRow.created_at, LinkRow.pm_id)
        )
        return [TransferredInvoice(pm_id, eek_id, at) for pm_id, eek_id, at in rows]


def credit_skips(store: Store, month: Month) -> list[CreditSkip]:
    """Credit invoices skipped by the month's real runs (not dry runs), each once: the latest word on it."""
    with store.db.read() as session:
        rows = session.execute(
            select(RunItemRow.object_key, RunItemRow.object_name, RunItemRow.message, RunItemRow.at)
            .join(RunRow, RunRow.id == RunItemRow.run_id)
            .where(
                RunItemRow.tenant_id == store.tenant,
                RunRow.tenant_id == store.tenant,
                RunRow.dry_run.is_(False),
                RunItemRow.category == "invoices",
                RunItemRow.outcome == "skipped",
                RunItemRow.rule_id == CREDIT_RULE,
                RunItemRow.at >= month.start,
                RunItemRow.at < month.end,
            )
            .order_by(RunItemRow.id)
        )
        latest: dict[str, CreditSkip] = {}
        for key, name, message, at in rows:
            latest[key] = CreditSkip(key, name, message or "", at)
        return sorted(latest.values(), key=lambda skip: skip.name)


def orders_drafted(store: Store, month: Month) -> list[OrderDraft]:
    with store.db.read() as session:
        rows = session.scalars(
            select(OrderHeaderRow)
            .where(
                OrderHeaderRow.tenant_id == store.tenant,
                OrderHeaderRow.state == "transferred",
                OrderHeaderRow.transferred_at >= month.start,
                OrderHeaderRow.transferred_at < month.end,
            )
            .order_by(OrderHeaderRow.order_number)
        )
        return [
            OrderDraft(
                row.order_number,
                row.draft_customer or row.customer_name or row.customer_number,
                row.draft_id or "",
                Decimal(row.draft_total) if row.draft_total is not None else None,
                row.draft_currency or row.currency,
                row.transferred_at,
            )
            for row in rows
        ]


def open_findings(store: Store) -> int | None:
    """Open findings of the company's latest reconcile ("Avstämning"); ``None`` while no reconcile has been made."""
    reconcile = ReconcileStore(store.db, store.tenant)
    if reconcile.latest_run() is None:
        return None
    return reconcile.open_findings_count()


def company_name(store: Store) -> str:
    """The company as eEkonomi names it (the name on its books), else as brygga's company list does."""
    connection = store.connections.get("eekonomi")
    if connection is not None and connection.company_name:
        return connection.company_name
    company = CompanyRegistry(store.db).get(store.tenant)
    return company.name if company is not None else store.tenant

"""Supplier invoices -> project costs ("Leverantörsfakturor"), rules S5, S7, SI1-SI4.

Supplier invoices dated within the S7 period are read from eEkonomi; each row on a cost center item linked to a PM
project becomes a project fee, billable or not per S5. The link key is the supplier-invoice row, so overlapping
periods (this week, run again, this month) never transfer a row twice (SI4). Severa has no external-reference
field on fees: a create whose answer was lost is reconciled by the project's fees with the same description,
amount and date.
"""

from __future__ import annotations

from datetime import date

from brygga.calendar_se import swedish_date
from brygga.domain import SupplierCost
from brygga.mapping.supplier_costs import from_supplier_invoice, to_project_fee
from brygga.severa.fee_models import ProjectFee
from brygga.transfer.articles.pm_side import PmArticleSide
from brygga.transfer.context import TransferContext
from brygga.transfer.outcome import Action
from brygga.transfer.projects.transfer import resolve_cost_center
from brygga.transfer.supplier_costs.period import period_dates
from brygga.transfer.sync.base import PairTransfer
from brygga.transfer.sync.planner import Change, Direction, Plan
from brygga.transfer.write_protocol import create_once

__all__ = ["SupplierCostsTransfer"]

CATEGORY = "supplier-invoices"


class SupplierCostsTransfer(PairTransfer[SupplierCost]):
    category = CATEGORY
    progress_label = "Leverantörsfakturor"

    def __init__(self, ctx: TransferContext) -> None:
        super().__init__(ctx)
        self.period = ctx.supplier_period

    def _subject(self, direction: Direction, source_id: str) -> str:
        return "supplier cost"

    def _period(self) -> tuple[date, date]:
        options = self.ctx.options
        if self.period is not None:
            return self.period
        return period_dates(
            options.supplier_invoice_period,
            swedish_date(self.ctx.clock()),
            options.supplier_invoice_from,
            options.supplier_invoice_to,
        )

    async def plan(self) -> Plan[SupplierCost]:
        self.load_retries()
        start, end = self._period()
        centers = [center async for center in self.ctx.eek.cost_centers.iter()]
        center = resolve_cost_center(centers, self.ctx.options.project_cost_center)
        projects_by_item = {link.eek_id: link.pm_id for link in self.protocol.links("projects")}
        vat = (await PmArticleSide(self.ctx.pm).reference()).default_vat_percent
        company = self.ctx.eek_company or await self.ctx.eek.company_settings.get()
        costs: list[SupplierCost] = []
        async for invoice in self.ctx.eek.supplier_invoices.dated_between(start, end):
            costs += from_supplier_invoice(
                invoice,
                int(center.number or 1),
                projects_by_item,
                billable=self.ctx.options.supplier_costs == "billable",
                vat_percent=vat,
                home_currency=company.currency_code or "SEK",
            )
        done = {link.eek_id for link in self.protocol.links(CATEGORY)}
        plan: Plan[SupplierCost] = Plan()
        plan.notices.append(f"Leverantörsfakturor daterade {start} – {end}.")
        for cost in costs:
            action = Action.NONE if cost.source_key in done else Action.CREATE  # SI4: never twice
            plan.changes.append(Change(Direction.EEK_TO_PM, action, cost.source_key, cost))
        return plan

    async def _apply_to_pm(self, change: Change[SupplierCost]) -> None:
        cost = change.item

        async def lookup() -> ProjectFee | None:
            for fee in await self.ctx.pm.project_fees.for_project(cost.project_pm_id):
                amount = fee.unitCost.amount if fee.unitCost else None
                if fee.description == cost.description and amount == cost.amount and fee.eventDate == cost.event_date:
                    return fee
            return None

        await create_once(
            self.protocol,
            category=CATEGORY,
            target="pm",
            source_id=cost.source_key,
            natural_key=cost.description[:200],
            payload_hash=change.fingerprint,
            lookup=lookup,
            send=lambda: self.ctx.pm.project_fees.create(to_project_fee(cost)),
            link_for=lambda fee: self.link_row(fee.guid or "", cost.source_key, change.fingerprint, change.fingerprint),
        )

    async def _apply_to_eek(self, change: Change[SupplierCost]) -> None:
        raise AssertionError("supplier costs flow from Visma eEkonomi to Visma PM only")

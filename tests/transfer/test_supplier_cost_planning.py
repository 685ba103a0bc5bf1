"""What a supplier-invoice run plans (SI1, SI4, S5, S7): supplier invoices of the S7 period, one cost per row on a
linked project, and never a row that an earlier run (of any overlapping period) already transferred.

eEkonomi and Visma PM are small fakes of the calls planning makes; the link table is a real store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import cast

from brygga.eekonomi import CompanySettings
from brygga.eekonomi.models_cost_centers import CostCenter
from brygga.eekonomi.models_purchases import SupplierInvoice, SupplierInvoiceRow
from brygga.errors import ConfigError
from brygga.store import Link, Store
from brygga.transfer.context import TransferContext
from brygga.transfer.options import TransferOptions
from brygga.transfer.outcome import Action
from brygga.transfer.supplier_costs.transfer import CATEGORY, SupplierCostsTransfer
from tests.mapping.builders import guid

NORDVIK_ITEM, UNLINKED_ITEM = guid("item-2003"), guid("item-unlinked")
THURSDAY = datetime(2026, 11, 19, 10, 0, tzinfo=UTC)


@dataclass
class FakeSupplierInvoices:
    invoices: list[SupplierInvoice]
    asked: list[tuple[date, date]] = field(default_factory=list)

    async def dated_between(self, start: date, end: date) -> AsyncIterator[SupplierInvoice]:
        self.asked.append((start, end))
        for invoice in self.invoices:
            if invoice.invoice_date is not None and start <= invoice.invoice_date <= end:
                yield invoice


class FakeCostCenters:
    async def iter(self) -> AsyncIterator[CostCenter]:
        yield CostCenter(id=guid("center-1"), number=1, name="Avdelning", items=[])
        yield CostCenter(id=guid("center-2"), number=2, name="Projekt", items=[])


class FakeVatRates:
    async def iter(self, active: bool = True) -> AsyncIterator[SimpleNamespace]:
        yield SimpleNamespace(percentage=Decimal("12"), isDefault=False)
        yield SimpleNamespace(percentage=Decimal("25"), isDefault=True)


class NoPriceList:
    async def default_prices(self) -> None:
        raise ConfigError("no price list")


def supplier_invoice(label: str, day: date, *amounts: str) -> SupplierInvoice:
    rows = [
        SupplierInvoiceRow(
            line_number=n, account_number=4010, debit_amount=Decimal(a), cost_center_item_id2=NORDVIK_ITEM
        )
        for n, a in enumerate(amounts, start=1)
    ]
    rows.append(SupplierInvoiceRow(line_number=99, debit_amount=Decimal("1.00"), cost_center_item_id2=UNLINKED_ITEM))
    return SupplierInvoice(
        id=guid(label),
        supplier_id=guid("supplier"),
        supplier_name="Byggmaterial Syd AB",
        invoice_number=label,
        invoice_date=day,
        total_amount=Decimal("0"),
        voucher_number=f"V{label}",
        rows=rows,
    )


def transfer(store: Store, eek_invoices: FakeSupplierInvoices, **options: object) -> SupplierCostsTransfer:
    ctx = SimpleNamespace(
        eek=SimpleNamespace(cost_centers=FakeCostCenters(), supplier_invoices=eek_invoices),
        pm=SimpleNamespace(vat_rates=FakeVatRates(), price_lists=NoPriceList()),
        store=store,
        options=TransferOptions.model_validate({"project_cost_center": "Projekt", **options}),
        clock=lambda: THURSDAY,
        supplier_period=None,
        eek_company=CompanySettings(name="Demo AB", currency_code="SEK"),
    )
    return SupplierCostsTransfer(cast(TransferContext, ctx))


def link_project(store: Store) -> None:
    store.protocol.save_link(Link("projects", guid("pm-nordvik"), NORDVIK_ITEM, None, None))


EARLY, LATE = date(2026, 11, 3), date(2026, 11, 17)  # the week before, and this week (Mon 16 - Sun 22)
INVOICES = [supplier_invoice("early", EARLY, "100.00"), supplier_invoice("late", LATE, "200.00", "300.00")]


async def test_si1_rows_on_linked_items_of_the_periods_invoices_become_costs(store: Store) -> None:
    link_project(store)
    eek = FakeSupplierInvoices(INVOICES)

    plan = await transfer(store, eek, supplier_invoice_period="this_week").plan()

    assert eek.asked == [(date(2026, 11, 16), date(2026, 11, 22))]
    assert [(c.action, c.item.amount) for c in plan.changes] == [
        (Action.CREATE, Decimal("200.00")),
        (Action.CREATE, Decimal("300.00")),
    ]
    assert all(c.item.project_pm_id == guid("pm-nordvik") for c in plan.changes)
    assert plan.notices == ["Leverantörsfakturor daterade 2026-11-16 – 2026-11-22."]


async def test_si1_nothing_is_planned_before_the_project_is_linked(store: Store) -> None:
    plan = await transfer(store, FakeSupplierInvoices(INVOICES), supplier_invoice_period="this_month").plan()
    assert plan.changes == []


async def test_s5_si3_planned_costs_follow_the_settings_and_pms_default_vat(store: Store) -> None:
    link_project(store)
    plan = await transfer(store, FakeSupplierInvoices(INVOICES), supplier_costs="billable").plan()
    assert {(c.item.billable, c.item.vat_percent, c.item.currency_code) for c in plan.changes} == {
        (True, Decimal("25"), "SEK")
    }


async def test_si4_rows_an_earlier_run_transferred_are_not_planned_again_in_an_overlapping_period(
    store: Store,
) -> None:
    link_project(store)
    week = await transfer(store, FakeSupplierInvoices(INVOICES), supplier_invoice_period="this_week").plan()
    done = week.changes[0].item.source_key
    store.protocol.save_link(Link(CATEGORY, guid("pm-fee"), done, None, None))  # what a run saves per created fee

    month = await transfer(store, FakeSupplierInvoices(INVOICES), supplier_invoice_period="this_month").plan()

    actions = {c.item.source_key: c.action for c in month.changes}
    assert actions[done] is Action.NONE
    assert sorted(a for key, a in actions.items() if key != done) == [Action.CREATE, Action.CREATE]
    assert len(actions) == 3

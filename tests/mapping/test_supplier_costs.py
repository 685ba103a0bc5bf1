"""eEkonomi supplier invoices -> PM project costs (rules S5, SI1-SI4)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brygga.domain import SupplierCost
from brygga.eekonomi.models_purchases import SupplierInvoice, SupplierInvoiceRow
from brygga.mapping.supplier_costs import from_supplier_invoice, to_project_fee
from tests.mapping.builders import guid

NORDVIK_ITEM, HAMN_ITEM, UNLINKED_ITEM = guid("item-2003"), guid("item-hamn"), guid("item-unlinked")
PROJECTS_BY_ITEM = {NORDVIK_ITEM: guid("pm-nordvik"), HAMN_ITEM: guid("pm-hamn")}
INVOICE_DATE = date(2026, 11, 5)


def cost_row(line: int | None, debit: str | None, credit: str | None = None, **items: str | None) -> SupplierInvoiceRow:
    return SupplierInvoiceRow(
        line_number=line,
        account_number=4010,
        debit_amount=None if debit is None else Decimal(debit),
        credit_amount=None if credit is None else Decimal(credit),
        **{f"cost_center_item_id{slot}": items.get(f"slot{slot}") for slot in (1, 2, 3)},
    )


def supplier_invoice(*rows: SupplierInvoiceRow, **overrides: Any) -> SupplierInvoice:
    values: dict[str, Any] = {
        "id": guid("supplier-invoice"),
        "supplier_id": guid("supplier"),
        "supplier_name": "Byggmaterial Syd AB",
        "invoice_number": "F-778",
        "invoice_date": INVOICE_DATE,
        "total_amount": Decimal("15625.00"),
        "voucher_number": "LF 42",
        "rows": list(rows),
    }
    return SupplierInvoice(**{**values, **overrides})


def costs_of(invoice: SupplierInvoice, *, slot: int = 2, billable: bool = False) -> list[SupplierCost]:
    return from_supplier_invoice(
        invoice, slot, PROJECTS_BY_ITEM, billable=billable, vat_percent=Decimal("25"), home_currency="SEK"
    )


# SI1 -------------------------------------------------------------------------------------------------
def test_si1_only_rows_on_items_linked_to_a_project_become_costs() -> None:
    invoice = supplier_invoice(
        cost_row(1, "10000.00", slot2=NORDVIK_ITEM),
        cost_row(2, "2500.00", slot2=UNLINKED_ITEM),
        cost_row(3, "500.00"),  # no cost center item at all
        cost_row(4, None, "15625.00"),  # the payable
        cost_row(5, "3125.00"),  # the VAT
    )
    costs = costs_of(invoice)
    assert [(c.project_pm_id, c.amount) for c in costs] == [(guid("pm-nordvik"), Decimal("10000.00"))]


def test_si1_one_cost_per_row_even_on_the_same_project() -> None:
    invoice = supplier_invoice(
        cost_row(1, "100.00", slot2=NORDVIK_ITEM),
        cost_row(2, "200.00", slot2=NORDVIK_ITEM),
        cost_row(3, "300.00", slot2=HAMN_ITEM),
    )
    costs = costs_of(invoice)
    assert [(c.project_pm_id, c.amount) for c in costs] == [
        (guid("pm-nordvik"), Decimal("100.00")),
        (guid("pm-nordvik"), Decimal("200.00")),
        (guid("pm-hamn"), Decimal("300.00")),
    ]


@pytest.mark.parametrize("slot", [1, 2, 3])
def test_si1_only_the_slot_of_the_project_cost_center_counts(slot: int) -> None:
    invoice = supplier_invoice(cost_row(1, "100.00", **{f"slot{s}": NORDVIK_ITEM for s in (1, 2, 3) if s != slot}))
    assert costs_of(invoice, slot=slot) == []
    invoice = supplier_invoice(cost_row(1, "100.00", **{f"slot{slot}": NORDVIK_ITEM}))
    assert len(costs_of(invoice, slot=slot)) == 1


def test_si1_amount_is_debit_minus_credit_exactly() -> None:
    invoice = supplier_invoice(
        cost_row(1, "1234.57", "0.01", slot2=NORDVIK_ITEM), cost_row(2, None, "99.90", slot2=HAMN_ITEM)
    )
    assert [c.amount for c in costs_of(invoice)] == [Decimal("1234.56"), Decimal("-99.90")]


def test_si1_invoice_without_rows_gives_no_costs() -> None:
    assert costs_of(supplier_invoice(rows=None)) == []


# SI3 -------------------------------------------------------------------------------------------------
def test_si3_description_is_invoice_date_voucher_number_and_supplier_name() -> None:
    (cost,) = costs_of(supplier_invoice(cost_row(1, "100.00", slot2=NORDVIK_ITEM)))
    assert cost.description == "2026-11-05 LF 42 Byggmaterial Syd AB"
    assert cost.event_date == INVOICE_DATE


def test_si3_missing_voucher_number_shows_as_a_dash() -> None:
    invoice = supplier_invoice(cost_row(1, "100.00", slot2=NORDVIK_ITEM), voucher_number=None)
    assert costs_of(invoice)[0].description == "2026-11-05 - Byggmaterial Syd AB"


def test_si3_fee_has_quantity_one_the_company_vat_the_date_and_the_project() -> None:
    (cost,) = costs_of(supplier_invoice(cost_row(1, "100.00", slot2=HAMN_ITEM)))
    fee = to_project_fee(cost)
    assert (fee.quantity, fee.vatRate, fee.eventDate) == (Decimal(1), Decimal("25"), INVOICE_DATE)
    assert (fee.project.guid, fee.name, fee.description) == (guid("pm-hamn"), cost.description, cost.description)


def test_si3_cost_is_in_the_invoice_currency_else_the_home_currency() -> None:
    row = cost_row(1, "100.00", slot2=NORDVIK_ITEM)
    assert costs_of(supplier_invoice(row))[0].currency_code == "SEK"
    assert costs_of(supplier_invoice(row, currency_code="EUR"))[0].currency_code == "EUR"


# S5 / SI2 --------------------------------------------------------------------------------------------
def test_si2_billable_cost_has_unit_price_equal_to_unit_cost_equal_to_the_amount() -> None:
    (cost,) = costs_of(supplier_invoice(cost_row(1, "12500.00", slot2=NORDVIK_ITEM)), billable=True)
    fee = to_project_fee(cost)
    assert fee.isBillable is True
    assert fee.unitCost is not None and fee.unitPrice is not None
    assert fee.unitCost.amount == fee.unitPrice.amount == Decimal("12500.00")
    assert fee.unitCost.currencyCode == fee.unitPrice.currencyCode == "SEK"


def test_s5_non_billable_cost_has_a_unit_cost_and_no_price() -> None:
    (cost,) = costs_of(supplier_invoice(cost_row(1, "12500.00", slot2=NORDVIK_ITEM)), billable=False)
    fee = to_project_fee(cost)
    assert fee.isBillable is False and fee.unitPrice is None
    assert fee.unitCost is not None and fee.unitCost.amount == Decimal("12500.00")


# SI4 -------------------------------------------------------------------------------------------------
def test_si4_each_row_has_its_own_key_of_invoice_and_row_number() -> None:
    invoice = supplier_invoice(cost_row(3, "1.00", slot2=NORDVIK_ITEM), cost_row(7, "2.00", slot2=NORDVIK_ITEM))
    assert [c.source_key for c in costs_of(invoice)] == [
        f"{guid('supplier-invoice')}:3",
        f"{guid('supplier-invoice')}:7",
    ]


def test_si4_rows_without_a_number_are_keyed_by_their_position() -> None:
    invoice = supplier_invoice(cost_row(None, "1.00", slot2=NORDVIK_ITEM), cost_row(None, "2.00", slot2=HAMN_ITEM))
    assert [c.source_key for c in costs_of(invoice)] == [
        f"{guid('supplier-invoice')}:1",
        f"{guid('supplier-invoice')}:2",
    ]


def test_si4_the_same_invoice_read_again_gives_the_same_keys_whatever_the_settings() -> None:
    invoice = supplier_invoice(cost_row(1, "1.00", slot2=NORDVIK_ITEM), cost_row(2, "2.00", slot2=HAMN_ITEM))
    first = [c.source_key for c in costs_of(invoice, billable=False)]
    again = [c.source_key for c in costs_of(invoice.model_copy(deep=True), billable=True)]
    assert first == again


# Line numbers from 1: a row numbered 0 is the known bug in test_si4_rows_numbered_from_zero_keep_distinct_keys.
@given(st.lists(st.integers(1, 1000), min_size=1, max_size=10, unique=True), st.integers(0, 3))
def test_si4_keys_are_unique_within_and_across_invoices(lines: list[int], invoices: int) -> None:
    keys = [
        cost.source_key
        for number in range(invoices + 1)
        for cost in costs_of(
            supplier_invoice(*(cost_row(line, "1.00", slot2=NORDVIK_ITEM) for line in lines), id=guid(f"si-{number}"))
        )
    ]
    assert len(keys) == len(set(keys)) == len(lines) * (invoices + 1)


def test_si4_rows_numbered_from_zero_keep_distinct_keys() -> None:
    invoice = supplier_invoice(cost_row(0, "1.00", slot2=NORDVIK_ITEM), cost_row(1, "2.00", slot2=HAMN_ITEM))
    keys = [c.source_key for c in costs_of(invoice)]
    assert len(set(keys)) == 2

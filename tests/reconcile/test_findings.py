"""The reconcile over both emulators: each kind of finding made as a person would make it (through the systems'
public APIs), found exactly once, with its explanation and what to do."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from brygga.eekonomi.models_purchases import Supplier, SupplierInvoice, SupplierInvoiceRow
from brygga.reconcile import ReconcileResult, run_reconcile
from brygga.session import TransferSession
from tests.scenarios.harness import World

pytestmark = pytest.mark.scenario


async def reconcile(world: World, *categories: str, repair: bool = False, dry_run: bool = True) -> ReconcileResult:
    return await world.with_session(  # type: ignore[no-any-return]
        lambda s: run_reconcile(s, categories or None, trigger="cli", repair=repair, dry_run=dry_run)
    )


def said(result: ReconcileResult) -> list[tuple[str, str, str]]:
    return [(f.category, f.kind, f.object_key) for f in result.findings]


def explained(result: ReconcileResult) -> None:
    for f in result.findings:
        assert f.title and f.title_en and f.hint and f.hint_en and f.detail, f
        assert f.detail not in f.title  # ids and rule ids stay in the detail line


async def rename_in_eekonomi(session: TransferSession, number: str, name: str) -> None:
    customer = await session.eek.customers.find_by_number(number)
    assert customer is not None and customer.id
    await session.eek.customers.update(customer.id, customer.model_copy(update={"name": name}))


async def test_r1_a_clean_company_after_a_full_transfer_has_no_findings(transferred: World) -> None:
    result = await reconcile(transferred)
    assert said(result) == []
    assert result.status == "ok" and result.objects_read > 0 and result.api_reads > 0


async def test_r2_a_customer_renamed_in_the_wrong_system_is_one_field_difference_changed_in_eekonomi(
    transferred: World,
) -> None:
    await transferred.with_session(lambda s: rename_in_eekonomi(s, "20002", "Omdöpt i eEkonomi AB"))
    result = await reconcile(transferred)
    assert said(result) == [("customers", "field_differs", "20002")]
    [finding] = result.findings
    assert (finding.field, finding.eek_value, finding.changed_in) == ("name", "Omdöpt i eEkonomi AB", "eekonomi")
    assert finding.pm_value and finding.pm_value != finding.eek_value
    assert "fel system" in finding.title and "wrong system" in finding.title_en
    assert finding.repair == "repush" and result.status == "findings"
    explained(result)


async def test_r3_a_draft_deleted_in_eekonomi_is_one_invoice_missing_in_eekonomi(transferred: World) -> None:
    async def delete_one(session: TransferSession) -> str:
        drafts = [d async for d in session.eek.invoice_drafts.iter() if (d.contract_number or "").startswith("PM ")]
        await session.eek.invoice_drafts.delete(drafts[0].id or "")
        return drafts[0].contract_number or ""

    marker = await transferred.with_session(delete_one)
    result = await reconcile(transferred, "invoices")
    assert [(c, k) for c, k, _ in said(result)] == [("invoices", "missing_in_eekonomi")]
    assert marker in (result.findings[0].detail or "")
    assert re.fullmatch(r"2000\d/3000\d", result.findings[0].object_key)  # customer/project, as the history
    assert "finns inte i Visma eEkonomi" in result.findings[0].title
    explained(result)


async def test_r4_a_linked_customer_deleted_in_eekonomi_is_remote_deleted(transferred: World) -> None:
    async def delete(session: TransferSession) -> None:
        customer = await session.eek.customers.find_by_number("20004")  # bills no invoice
        assert customer is not None
        await session.eek._api.request("DELETE", "/customers/{customerId}", path_params={"customerId": customer.id})

    await transferred.with_session(delete)
    result = await reconcile(transferred, "customers")
    assert said(result) == [("customers", "remote_deleted", "20004")]
    assert result.findings[0].changed_in == "eekonomi" and result.findings[0].repair is None
    explained(result)


async def test_r5_a_row_changed_before_booking_is_one_totals_difference_on_the_booked_invoice(
    transferred: World,
) -> None:
    async def change_and_book(session: TransferSession) -> None:
        drafts = [d async for d in session.eek.invoice_drafts.iter() if (d.contract_number or "").startswith("PM ")]
        draft = drafts[0]
        full = await session.eek.invoice_drafts.get(draft.id or "")
        rows = list(full.rows or [])
        rows[0] = rows[0].model_copy(update={"unit_price": (rows[0].unit_price or Decimal(0)) + Decimal("100.00")})
        await session.eek.invoice_drafts.update(draft.id or "", full.model_copy(update={"rows": rows}))
        await session.eek.invoice_drafts.convert(draft.id or "")

    await transferred.with_session(change_and_book)
    result = await reconcile(transferred, "invoices")
    assert [(c, k) for c, k, _ in said(result)] == [("invoices", "totals_differ")]
    [finding] = result.findings
    assert "den bokförda fakturan" in finding.title
    assert finding.field and "gross" in finding.field and finding.pm_value != finding.eek_value
    explained(result)


async def test_r6_a_supplier_invoice_row_on_a_linked_project_item_without_a_project_cost_is_found(
    transferred: World,
) -> None:
    async def book_supplier_invoice(session: TransferSession) -> None:
        centers = [c async for c in session.eek.cost_centers.iter()]
        [center] = [c for c in centers if c.name == "Projekt"]
        item = next(i for i in center.items or [] if i.short_name == "30001")
        all_terms = [t async for t in session.eek.terms_of_payment.iter()]
        terms = all_terms[0]
        supplier = await session.eek.suppliers.create(
            Supplier(name="Byggmaterial Syd AB", terms_of_payment_id=terms.id or "")
        )
        cost = SupplierInvoiceRow.model_validate(
            {"AccountNumber": 4010, "DebetAmount": Decimal("4000.00"), "CreditAmount": Decimal(0)}
        ).model_copy(update={f"cost_center_item_id{center.number}": item.id, "transaction_text": "Gips"})
        rows = [
            cost,
            SupplierInvoiceRow.model_validate({"AccountNumber": 2641, "DebetAmount": Decimal("1000.00")}),
            SupplierInvoiceRow.model_validate({"AccountNumber": 2440, "CreditAmount": Decimal("5000.00")}),
        ]
        await session.eek.supplier_invoices.create(
            SupplierInvoice(
                supplier_id=supplier.id or "",
                invoice_number="BS-1",
                invoice_date=date.today(),
                total_amount=Decimal("5000.00"),
                rows=rows,
            )
        )

    await transferred.with_session(book_supplier_invoice)
    result = await reconcile(transferred, "supplier_costs")
    assert [(c, k) for c, k, _ in said(result)] == [("supplier_costs", "item_without_cost")]
    assert result.findings[0].eek_value == "4000.00"
    explained(result)


async def test_r15_a_draft_copied_in_eekonomi_is_one_duplicate(transferred: World) -> None:
    async def copy_one(session: TransferSession) -> None:
        drafts = [d async for d in session.eek.invoice_drafts.iter() if (d.contract_number or "").startswith("PM ")]
        full = await session.eek.invoice_drafts.get(drafts[0].id or "")
        await session.eek.invoice_drafts.create(full.model_copy(update={"id": None}))

    await transferred.with_session(copy_one)
    result = await reconcile(transferred, "invoices")
    assert [(c, k) for c, k, _ in said(result)] == [("invoices", "duplicate_in_eekonomi")]
    assert result.findings[0].title == "Fakturan finns 2 gånger i Visma eEkonomi"
    explained(result)

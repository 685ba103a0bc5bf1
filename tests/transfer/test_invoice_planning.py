"""What the invoice transfer decides per PM invoice (I3, I5, I7, I8), the default article check (S4), and the
comparison of eEkonomi's draft totals with PM's (I6)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from brygga.domain import Invoice, InvoiceRow
from brygga.eekonomi.models_articles import Article as EekArticle
from brygga.eekonomi.models_invoices import CustomerInvoiceDraft
from brygga.errors import ConfigError
from brygga.store import Link
from brygga.transfer.invoices.transfer import InvoicesTransfer, _totals_mismatch
from brygga.transfer.options import TransferOptions
from brygga.transfer.outcome import Action
from brygga.transfer.sync.planner import Change, Direction
from tests.mapping.builders import guid
from tests.mapping.invoice_builders import article_row, draft_context, eek_articles, invoice
from tests.transfer.invoice_fakes import RecordingInvoices, context, statuses

DRAFT_ID = guid("eek-draft")


def transfer_with_context(*invoices: Invoice) -> InvoicesTransfer:
    """A transfer whose planning found the customers of ``invoices`` in eEkonomi (their draft contexts)."""
    transfer = InvoicesTransfer(context())
    transfer.contexts = {source.pm_id: draft_context() for source in invoices}
    return transfer


def link_for(source: Invoice) -> Link:
    return Link("invoices", source.pm_id, DRAFT_ID, source.fingerprint(), "1350.00")


# I7 --------------------------------------------------------------------------------------------------
def test_i7_credit_invoice_is_skipped_with_the_reason() -> None:
    credit = invoice(is_credit=True)
    change = transfer_with_context(credit)._decide(credit, None)
    assert (change.action, change.direction, change.violation) == (Action.SKIP, Direction.PM_TO_EEK, None)
    assert change.reason == "Kreditfaktura: förs inte över." and change.rule == "I7"
    assert change.hint is not None and "Krediterade fakturor överförs inte" in change.hint.sv


def test_i7_credit_invoice_is_skipped_whatever_else_is_wrong_or_linked() -> None:
    credit = invoice(is_credit=True, address=None)
    transfer = InvoicesTransfer(context())  # no customer in eEkonomi either
    assert transfer._decide(credit, None).action is Action.SKIP
    assert transfer._decide(credit, link_for(credit)).action is Action.SKIP


# I8 --------------------------------------------------------------------------------------------------
def test_i8_linked_invoice_only_gets_its_status_not_a_second_draft() -> None:
    source = invoice()
    change = transfer_with_context(source)._decide(source, link_for(source))
    assert (change.action, change.target_id, change.violation) == (Action.UPDATE, DRAFT_ID, None)


def test_i8_linked_invoice_is_not_checked_again() -> None:
    """The draft exists; a later change in PM (here the address removed) must not block the status update."""
    source = invoice(address=None, rows=(article_row(code="X-1"),))
    change = InvoicesTransfer(context())._decide(source, link_for(source))
    assert change.action is Action.UPDATE


async def test_i8_applying_a_linked_invoice_sets_the_pm_status_and_touches_no_draft() -> None:
    source = invoice()
    invoices = RecordingInvoices()
    transfer = InvoicesTransfer(context(pm=SimpleNamespace(invoices=invoices)))  # eEkonomi calls would raise
    transfer.statuses = statuses()
    change = transfer._decide(source, link_for(source))

    await transfer._apply_to_eek(change)

    assert invoices.calls == [(source.pm_id, statuses().transferred.guid, None)]


async def test_i1_invoices_never_flow_back_from_eekonomi() -> None:
    source = invoice()
    change = Change(Direction.EEK_TO_PM, Action.UPDATE, source.pm_id, source)
    with pytest.raises(AssertionError):
        await transfer_with_context(source)._apply_to_pm(change)


# I3 / I5 ---------------------------------------------------------------------------------------------
def test_i3_valid_invoice_of_a_known_customer_becomes_a_new_draft() -> None:
    source = invoice()
    change = transfer_with_context(source)._decide(source, None)
    assert (change.action, change.violation, change.source_id) == (Action.CREATE, None, source.pm_id)


def test_i3_customer_missing_in_eekonomi_rejects_the_invoice_with_a_fix() -> None:
    source = invoice()
    change = InvoicesTransfer(context())._decide(source, None)
    assert change.action is Action.REJECT and change.violation is not None
    assert change.violation.rule_id == "I3"
    assert change.violation.message == (
        "Kunden 1001 Acme AB finns inte i Visma eEkonomi, så fakturan kan inte föras över."
    )
    assert "brygga errors" in change.violation.hint and change.violation.hint_en


def test_i5_missing_address_is_reported_before_a_missing_customer() -> None:
    source = invoice(address=None)
    change = InvoicesTransfer(context())._decide(source, None)
    assert change.action is Action.REJECT and change.violation is not None
    assert change.violation.rule_id == "I5"
    assert change.violation.message.endswith("because invoice address is missing.")


@pytest.mark.parametrize(
    ("rows", "rule"),
    [((article_row(code="A-903"),), "I6"), ((article_row(code="X-1"),), "I4"), ((article_row(vat="0.06"),), "I4")],
)
def test_i6_invoice_breaking_a_row_rule_is_rejected_with_it(rows: tuple[InvoiceRow, ...], rule: str) -> None:
    source = invoice(rows=rows)
    change = transfer_with_context(source)._decide(source, None)
    assert change.action is Action.REJECT and change.violation is not None
    assert change.violation.rule_id == rule


# S4 --------------------------------------------------------------------------------------------------
def default_article_with(number: str | None) -> EekArticle:
    transfer = InvoicesTransfer(context(options=TransferOptions(default_article_number=number)))
    return transfer._default_article(eek_articles())


def test_s4_chosen_default_article_is_found_in_eekonomi() -> None:
    assert default_article_with("DIV").number == "DIV"


def test_s4_default_article_missing_in_eekonomi_stops_the_transfer() -> None:
    with pytest.raises(ConfigError) as caught:
        default_article_with("STANDARD")
    assert caught.value.message == "Standardartikeln 'STANDARD' finns inte i Visma eEkonomi."
    assert "brygga settings set default_article_number" in caught.value.hint


@pytest.mark.parametrize("number", [None, ""])
def test_s4_no_default_article_chosen_stops_the_transfer(number: str | None) -> None:
    with pytest.raises(ConfigError, match="Ingen standardartikel"):
        default_article_with(number)


# I6: totals --------------------------------------------------------------------------------------------
def draft(total: str | None, roundings: str | None = "0.00") -> CustomerInvoiceDraft:
    return CustomerInvoiceDraft(
        id=DRAFT_ID,
        customer_id=guid("eek-customer"),
        total_amount=None if total is None else Decimal(total),
        total_roundings=None if roundings is None else Decimal(roundings),
    )


@pytest.mark.parametrize(
    ("total", "roundings"),
    [("1350.00", "0.00"), ("1350.00", None), ("1350", "0.00"), ("1351.00", "0.40"), ("1349.00", "-1.00")],
)
def test_i6_equal_totals_after_eekonomis_own_ore_rounding_are_no_problem(total: str, roundings: str | None) -> None:
    expected = Decimal("1350.60") if roundings == "0.40" else Decimal("1350.00")
    assert _totals_mismatch(invoice(total_including_vat=expected), draft(total, roundings)) is None


def test_i6_a_difference_of_one_ore_is_reported_on_the_invoice() -> None:
    violation = _totals_mismatch(invoice(total_including_vat=Decimal("1350.00")), draft("1350.01"))
    assert violation is not None and violation.rule_id == "I6"
    assert violation.message == (
        "Utkastet för 1001 Acme AB (2003 Nordvik Kontorsbygge) summerar till 1350.01 i Visma eEkonomi "
        "men fakturan i Visma PM till 1350.00."
    )
    assert "innan det bokförs" in violation.hint and violation.hint_en


@pytest.mark.parametrize(("expected", "total"), [(None, "1350.00"), ("1350.00", None)])
def test_i6_unknown_totals_are_not_compared(expected: str | None, total: str | None) -> None:
    source = invoice(total_including_vat=None if expected is None else Decimal(expected))
    assert _totals_mismatch(source, draft(total)) is None

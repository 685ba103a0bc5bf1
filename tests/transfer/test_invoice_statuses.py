"""The four PM invoice statuses (S6) and the status back to PM (IS1 sent vs paid, IS2 only forward)."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brygga.domain import Invoice
from brygga.eekonomi.models_invoices import CustomerInvoice, InvoicePaymentStatus
from brygga.errors import ConfigError
from brygga.severa.client import SeveraClient
from brygga.transfer.invoices.status_back import InvoiceStatusTransfer
from brygga.transfer.invoices.statuses import resolve_statuses
from brygga.transfer.options import TransferOptions
from brygga.transfer.outcome import Action
from brygga.transfer.sync.planner import Change, Direction
from tests.mapping.builders import guid
from tests.mapping.invoice_builders import invoice
from tests.transfer.invoice_fakes import FakeStatusList, RecordingInvoices, context, status, statuses

STATUSES = statuses()
ORDER = [STATUSES.to_transfer, STATUSES.transferred, STATUSES.sent, STATUSES.paid]


# S6: choosing the statuses by name -------------------------------------------------------------------
def pm_with(*names: str) -> SeveraClient:
    return cast(SeveraClient, SimpleNamespace(invoice_statuses=FakeStatusList([status(name) for name in names])))


async def test_s6_the_four_statuses_are_found_by_name() -> None:
    pm = pm_with("Utkast", "Skicka till eEkonomi", "Överförd eEkonomi", "Skickad", "Betald")
    found = await resolve_statuses(pm, TransferOptions())
    assert found == STATUSES


async def test_s6_names_match_ignoring_case_and_surrounding_space() -> None:
    pm = pm_with(" skicka till EEKONOMI", "Överförd eEkonomi ", "SKICKAD", "betald")
    found = await resolve_statuses(pm, TransferOptions())
    assert found.to_transfer.guid == guid("status- skicka till EEKONOMI")
    assert found.paid.guid == guid("status-betald")


async def test_s6_chosen_names_are_used() -> None:
    options = TransferOptions(
        invoice_status_to_transfer="Till bokföring",
        invoice_status_transferred="I eEkonomi",
        invoice_status_sent="Skickad",
        invoice_status_paid="Betald",
    )
    found = await resolve_statuses(pm_with("Till bokföring", "I eEkonomi", "Skickad", "Betald"), options)
    assert (found.to_transfer.name, found.transferred.name) == ("Till bokföring", "I eEkonomi")


async def test_s6_every_missing_status_is_listed_at_once_with_a_fix() -> None:
    with pytest.raises(ConfigError) as caught:
        await resolve_statuses(pm_with("Skickad", "Betald"), TransferOptions())
    assert caught.value.message == (
        'Fakturastatusar saknas i Visma PM: "Skicka till eEkonomi" (to_transfer), "Överförd eEkonomi" (transferred).'
    )
    assert "Inställningar > Fakturastatus" in caught.value.hint
    assert "brygga settings set" in caught.value.hint


async def test_s6_an_organisation_without_statuses_misses_all_four() -> None:
    with pytest.raises(ConfigError) as caught:
        await resolve_statuses(pm_with(), TransferOptions())
    for key in ("to_transfer", "transferred", "sent", "paid"):
        assert f"({key})" in caught.value.message


# IS2: the order of the statuses ----------------------------------------------------------------------
def test_is2_rank_orders_to_transfer_transferred_sent_paid() -> None:
    assert [STATUSES.rank(s.guid) for s in ORDER] == [0, 1, 2, 3]


@pytest.mark.parametrize("other", [None, guid("status-Utkast")])
def test_is2_a_status_outside_the_four_ranks_below_all(other: str | None) -> None:
    assert STATUSES.rank(other) == -1


# IS1 / IS2: deciding ---------------------------------------------------------------------------------
def booked(payment: InvoicePaymentStatus | None, **overrides: object) -> CustomerInvoice:
    values: dict[str, object] = {
        "id": guid("booked"),
        "customer_id": guid("eek-customer"),
        "invoice_number": 10001,
        "payment_status": payment,
    }
    return CustomerInvoice.model_validate({**values, **overrides})


def decide(current: str | None, found: CustomerInvoice | None) -> tuple[InvoiceStatusTransfer, Change[Invoice]]:
    transfer = InvoiceStatusTransfer(context())
    return transfer, transfer._decide(invoice(status_guid=current), found, STATUSES)


def test_is1_invoice_not_yet_booked_in_eekonomi_is_left_alone() -> None:
    _, change = decide(STATUSES.transferred.guid, None)
    assert (change.action, change.direction) == (Action.NONE, Direction.EEK_TO_PM)


def test_is1_a_booked_invoice_without_id_is_not_trusted() -> None:
    _, change = decide(STATUSES.transferred.guid, booked(InvoicePaymentStatus.UNPAID, id=None))
    assert change.action is Action.NONE


@pytest.mark.parametrize("payment", [InvoicePaymentStatus.UNPAID, InvoicePaymentStatus.OVERDUE, None])
def test_is1_booked_unpaid_invoice_moves_a_transferred_one_to_sent(payment: InvoicePaymentStatus | None) -> None:
    transfer, change = decide(STATUSES.transferred.guid, booked(payment))
    assert (change.action, change.target_id, change.direction) == (Action.UPDATE, guid("booked"), Direction.EEK_TO_PM)
    assert transfer.booked[change.source_id].invoice_number == 10001


@pytest.mark.parametrize("current", ["transferred", "sent"])
def test_is1_paid_invoice_moves_to_paid(current: str) -> None:
    _, change = decide(getattr(STATUSES, current).guid, booked(InvoicePaymentStatus.PAID))
    assert change.action is Action.UPDATE


@pytest.mark.parametrize("current", ["sent", "paid"])
def test_is2_unpaid_invoice_never_moves_a_sent_or_paid_one_back(current: str) -> None:
    _, change = decide(getattr(STATUSES, current).guid, booked(InvoicePaymentStatus.UNPAID))
    assert change.action is Action.NONE


def test_is2_paid_invoice_already_paid_in_pm_is_unchanged() -> None:
    _, change = decide(STATUSES.paid.guid, booked(InvoicePaymentStatus.PAID))
    assert change.action is Action.NONE


@given(
    current=st.sampled_from(ORDER),
    payment=st.sampled_from([None, *InvoicePaymentStatus]),
)
def test_is2_the_status_only_ever_moves_forward(current: object, payment: InvoicePaymentStatus | None) -> None:
    current_guid = getattr(current, "guid", None)
    _, change = decide(current_guid, booked(payment))
    target = STATUSES.paid if payment == InvoicePaymentStatus.PAID else STATUSES.sent
    moves = STATUSES.rank(target.guid) > STATUSES.rank(current_guid)
    assert (change.action is Action.UPDATE) is moves


# IS1: writing --------------------------------------------------------------------------------------------
async def apply(current: str | None, found: CustomerInvoice, number: int | None = None) -> RecordingInvoices:
    invoices = RecordingInvoices()
    transfer = InvoiceStatusTransfer(context(pm=SimpleNamespace(invoices=invoices)))
    transfer.statuses = STATUSES
    source = replace(invoice(status_guid=current), invoice_number=number)
    change = transfer._decide(source, found, STATUSES)
    assert change.action is Action.UPDATE
    await transfer._apply_to_pm(change)
    return invoices


async def test_is1_sent_status_brings_eekonomis_invoice_number() -> None:
    invoices = await apply(STATUSES.transferred.guid, booked(InvoicePaymentStatus.UNPAID))
    assert invoices.calls == [(guid("pm-invoice"), STATUSES.sent.guid, 10001)]


async def test_is1_paid_invoice_gets_paid_and_the_number_at_once() -> None:
    invoices = await apply(STATUSES.transferred.guid, booked(InvoicePaymentStatus.PAID))
    assert invoices.calls == [(guid("pm-invoice"), STATUSES.paid.guid, 10001)]


async def test_is1_number_is_not_sent_again_once_pm_has_it() -> None:
    invoices = await apply(STATUSES.sent.guid, booked(InvoicePaymentStatus.PAID), number=10001)
    assert invoices.calls == [(guid("pm-invoice"), STATUSES.paid.guid, None)]


async def test_is1_status_flows_to_pm_only() -> None:
    transfer = InvoiceStatusTransfer(context())
    change = transfer._decide(invoice(status_guid=STATUSES.transferred.guid), booked(None), STATUSES)
    with pytest.raises(AssertionError, match="Visma PM only"):
        await transfer._apply_to_eek(change)

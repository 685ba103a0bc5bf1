"""Invoice status back to PM ("Kontrollera skickade eller betalda fakturor"), rules IS1 and IS2.

For PM invoices in the "transferred" or "sent" status: when eEkonomi has booked the draft brygga made, PM gets the
"sent" status and eEkonomi's invoice number; when that invoice is paid, PM gets "paid". Statuses only move forward.
The booked invoice is found by ``CreatedFromDraftId`` (the draft brygga linked) or by brygga's marker.
"""

from __future__ import annotations

from datetime import timedelta

from brygga.domain import Invoice
from brygga.eekonomi.models_invoices import CustomerInvoice, InvoicePaymentStatus
from brygga.field_changes import FieldChange
from brygga.mapping.invoice_drafts import draft_marker
from brygga.mapping.severa_invoices import from_severa_invoice
from brygga.transfer.context import TransferContext
from brygga.transfer.customers.pm_side import PmCustomerSide
from brygga.transfer.invoices.statuses import InvoiceStatuses, resolve_statuses
from brygga.transfer.outcome import Action
from brygga.transfer.sync.base import PairTransfer
from brygga.transfer.sync.planner import Change, Direction, Plan

__all__ = ["InvoiceStatusTransfer"]

CATEGORY = "invoice-status"
OVERLAP = timedelta(minutes=2)


class InvoiceStatusTransfer(PairTransfer[Invoice]):
    category = CATEGORY
    progress_label = "Fakturastatus"

    def __init__(self, ctx: TransferContext) -> None:
        super().__init__(ctx)
        self.statuses: InvoiceStatuses | None = None
        self.booked: dict[str, CustomerInvoice] = {}

    def _subject(self, direction: Direction, source_id: str) -> str:
        return "invoice status"

    async def plan(self) -> Plan[Invoice]:
        started = self.ctx.clock()
        self.load_retries()
        self.statuses = statuses = await resolve_statuses(self.ctx.pm, self.ctx.options)
        waiting = [s.guid for s in (statuses.transferred, statuses.sent) if s.guid]
        pm_ref = await PmCustomerSide(self.ctx.pm).reference()
        invoices = [
            from_severa_invoice(wire, (), pm_ref)
            async for wire in self.ctx.pm.invoices.iter(status_guids=waiting)
            if wire.guid and wire.status and wire.status.guid in waiting
        ]
        plan: Plan[Invoice] = Plan()
        if not invoices:
            return plan
        since = self.protocol.cursor(CATEGORY, "eekonomi")
        drafts = {link.pm_id: link.eek_id for link in self.protocol.links("invoices")}
        by_draft: dict[str, CustomerInvoice] = {}
        by_marker: dict[str, CustomerInvoice] = {}
        async for booked in self.ctx.eek.customer_invoices.iter(modified_since=since - OVERLAP if since else None):
            if booked.created_from_draft_id:
                by_draft[booked.created_from_draft_id] = booked
            if booked.contract_number:
                by_marker[booked.contract_number] = booked
        self.cursors.eek = started
        for invoice in invoices:
            found = by_draft.get(drafts.get(invoice.pm_id, "")) or by_marker.get(draft_marker(invoice))
            plan.changes.append(self._decide(invoice, found, statuses))
        return plan

    def _decide(self, invoice: Invoice, booked: CustomerInvoice | None, statuses: InvoiceStatuses) -> Change[Invoice]:
        to_pm = Direction.EEK_TO_PM
        if booked is None or not booked.id:
            return Change(to_pm, Action.NONE, invoice.pm_id, invoice)
        self.booked[invoice.pm_id] = booked
        paid = booked.payment_status == InvoicePaymentStatus.PAID
        target = statuses.paid if paid else statuses.sent
        if statuses.rank(target.guid) <= statuses.rank(invoice.status_guid):
            return Change(to_pm, Action.NONE, invoice.pm_id, invoice, target_id=booked.id)  # IS2: never back
        return Change(to_pm, Action.UPDATE, invoice.pm_id, invoice, target_id=booked.id)

    async def _apply_to_pm(self, change: Change[Invoice]) -> None:
        assert self.statuses is not None
        booked = self.booked[change.source_id]
        paid = booked.payment_status == InvoicePaymentStatus.PAID
        target = self.statuses.paid if paid else self.statuses.sent
        number = booked.invoice_number if change.item.invoice_number is None else None
        await self.ctx.pm.invoices.set_status(change.source_id, target.guid or "", number=number)
        before = self.statuses.name_of(change.item.status_guid)
        changes = [FieldChange("status", before, target.name)]
        if number is not None:
            changes.append(FieldChange("invoice_number", None, str(number)))
        self.note_changes(change, changes)

    def _ids(self, change: Change[Invoice]) -> tuple[str, str]:
        return change.source_id, change.target_id or ""  # the PM invoice and eEkonomi's booked invoice

    async def _apply_to_eek(self, change: Change[Invoice]) -> None:
        raise AssertionError("invoice status flows from Visma eEkonomi to Visma PM only")

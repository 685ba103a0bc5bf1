"""The invoice transfer ("Fakturor"): PM invoices in the "to transfer" status (S6) become eEkonomi invoice drafts,
and the PM invoice then gets the "transferred" status (I1). Rules S4, S6, S8, I1-I8.

Invoices are picked by status, not by a change cursor, as in the original. A PM invoice becomes at most one draft
whatever happens (I8): intent first, the draft carries brygga's marker, a re-run adopts a draft (or a booked
invoice) with the marker, and an invoice already linked only has its PM status set.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal

from brygga.calendar_se import swedish_date
from brygga.domain import Invoice
from brygga.eekonomi.models_articles import Article as EekArticle
from brygga.eekonomi.models_invoices import CustomerInvoiceDraft
from brygga.errors import ConfigError, RejectedError, RuleViolation
from brygga.field_changes import FieldChange
from brygga.hints import hint_for
from brygga.mapping.eekonomi_customers import EekReference
from brygga.mapping.invoice_drafts import (
    DraftContext,
    check_address,
    check_invoice,
    draft_marker,
    invoice_date_for,
    to_eekonomi_draft,
)
from brygga.mapping.severa_customers import PmReference
from brygga.mapping.severa_invoices import from_severa_invoice
from brygga.severa.invoice_models import Invoice as SeveraInvoice
from brygga.store import Link
from brygga.transfer.context import TransferContext
from brygga.transfer.customers.eek_side import EekCustomerSide
from brygga.transfer.customers.pm_side import PmCustomerSide
from brygga.transfer.customers.transfer import CustomersTransfer
from brygga.transfer.invoices.statuses import InvoiceStatuses, resolve_statuses
from brygga.transfer.outcome import Action, Outcome
from brygga.transfer.projects.transfer import resolve_cost_center
from brygga.transfer.report import CategoryReport
from brygga.transfer.sync.base import PairTransfer
from brygga.transfer.sync.planner import Change, Direction, Plan
from brygga.transfer.write_protocol import create_once

__all__ = ["InvoicesTransfer", "RemoteDraft"]

CATEGORY = "invoices"
# Up to this many new drafts, the rows are read while planning, so every rule is checked before anything is written
# (and a failed check shows as a rejection); above it they are read in each invoice's own write.
ROWS_IN_PLAN_UP_TO = 50
RemoteDraft = CustomerInvoiceDraft


class InvoicesTransfer(PairTransfer[Invoice]):
    category = CATEGORY
    progress_label = "Fakturor"

    def __init__(self, ctx: TransferContext) -> None:
        super().__init__(ctx)
        self.statuses: InvoiceStatuses | None = None
        self.contexts: dict[str, DraftContext] = {}
        self.customer_report: CategoryReport | None = None
        self.rows_while_writing = False
        self.wires: dict[str, SeveraInvoice] = {}
        self._pm_ref: PmReference | None = None

    def _subject(self, direction: Direction, source_id: str) -> str:
        return "invoice"

    # planning ----------------------------------------------------------------------------------
    async def plan(self) -> Plan[Invoice]:
        self.load_retries()
        self.statuses = await resolve_statuses(self.ctx.pm, self.ctx.options)
        wanted = self.statuses.to_transfer.guid or ""
        pm_ref = await PmCustomerSide(self.ctx.pm).reference()
        waiting = [
            wire
            async for wire in self.ctx.pm.invoices.iter(status_guids=[wanted])
            if wire.guid and wire.status and wire.status.guid == wanted  # Severa may ignore a filter: check
        ]
        self._pm_ref = pm_ref
        links = {link.pm_id: link for link in self.protocol.links(CATEGORY)}
        unlinked = sum(1 for wire in waiting if wire.guid not in links)
        self.rows_while_writing = not self.ctx.dry_run and unlinked > ROWS_IN_PLAN_UP_TO
        if self.rows_while_writing:
            # Many drafts to write: each invoice's rows are read in its own write, so the rows reads, the draft
            # POSTs and the status PATCHes run side by side, each at its endpoint's limit (issue 16: the reads
            # used to come first, and the run took 2.47 x the bound of POST /customerinvoicedrafts).
            invoices = [from_severa_invoice(wire, (), pm_ref) for wire in waiting]
            self.wires = {wire.guid or "": wire for wire in waiting}
        else:
            invoices = await self._with_rows(waiting, pm_ref)
        plan: Plan[Invoice] = Plan()
        if not invoices:
            return plan
        await self._transfer_missing_customers(invoices, plan)
        await self._build_contexts(invoices)
        for invoice in invoices:
            plan.changes.append(self._decide(invoice, links.get(invoice.pm_id)))
        return plan

    async def _with_rows(self, waiting: list[SeveraInvoice], pm_ref: PmReference) -> list[Invoice]:
        gate = asyncio.Semaphore(self.ctx.concurrency)

        async def with_rows(wire: SeveraInvoice) -> Invoice:
            # One rows read per invoice (the list has none); concurrent, so latency does not add up.
            async with gate:
                return from_severa_invoice(wire, await self.ctx.pm.invoices.rows(wire.guid or ""), pm_ref)

        return list(await asyncio.gather(*(with_rows(wire) for wire in waiting)))

    async def _transfer_missing_customers(self, invoices: list[Invoice], plan: Plan[Invoice]) -> None:
        """Rule I3: a customer not yet in eEkonomi is transferred first (by the customer transfer itself)."""
        linked = {link.pm_id for link in self.protocol.links("customers")}
        known_failures = self.protocol.retries("customers", "pm")  # already reported by the customer transfer
        if all(invoice.customer_pm_id in linked | known_failures for invoice in invoices):
            return
        if self.ctx.dry_run:  # X5: a dry run writes nothing, not even the customers an invoice needs
            plan.notices.append("Kunder som saknas i Visma eEkonomi skulle föras över först (torrkörning).")
            return
        customers = CustomersTransfer(self.ctx)
        report = CategoryReport("customers")
        await customers.execute(await customers.plan(), report)
        self.customer_report = report
        plan.notices.append(
            f"Kunder överfördes först: {report.count(Outcome.SUCCEEDED)} lyckades, "
            f"{report.count(Outcome.FAILED)} misslyckades (se brygga errors)."
        )

    async def _build_contexts(self, invoices: list[Invoice]) -> None:
        eek = self.ctx.eek
        articles = {a.number: a async for a in eek.articles.iter()}
        codings = {c.id: c.vat_rate async for c in eek.article_codings.iter()}
        default = self._default_article(articles)
        centers = [center async for center in eek.cost_centers.iter()]
        center = resolve_cost_center(centers, self.ctx.options.project_cost_center)
        items_by_short = {item.short_name: item.id for item in center.items or [] if item.id}
        customer_links = {link.pm_id: link.eek_id for link in self.protocol.links("customers")}
        project_links = {link.pm_id: link.eek_id for link in self.protocol.links("projects")}
        eek_ref: EekReference = await EekCustomerSide(eek, self.ctx.eek_company).reference()
        today = swedish_date(self.ctx.clock())
        for invoice in invoices:
            customer_id = customer_links.get(invoice.customer_pm_id)
            if customer_id is None:
                continue
            terms = eek_ref.terms_for_days(invoice.payment_days)
            self.contexts[invoice.pm_id] = DraftContext(
                customer_id=customer_id,
                terms_id=terms.id if terms else None,
                invoice_date=invoice_date_for(invoice, self.ctx.options.invoice_date, today),
                articles=articles,
                default_article=default,
                vat_of=lambda article: codings.get(article.coding_id),
                slot=int(center.number or 1),
                project_item=project_links.get(invoice.project_pm_id or ""),
                item_for_cost_center=lambda number: items_by_short.get(number),
            )

    def _default_article(self, articles: dict[str, EekArticle]) -> EekArticle:
        """Rule S4: the default article must exist in eEkonomi; checked before every invoice transfer."""
        number = self.ctx.options.default_article_number
        article = articles.get(number or "")
        if article is None:
            raise ConfigError(
                f"Standardartikeln {number!r} finns inte i Visma eEkonomi."
                if number
                else "Ingen standardartikel är vald (inställningen default_article_number).",
                hint="Välj en artikel som finns i eEkonomi för rader utan produkt: brygga settings set "
                "default_article_number ARTIKELNUMMER",
                message_en=f"The default article {number!r} does not exist in Visma eEkonomi."
                if number
                else "No default article is chosen (the setting default_article_number).",
                hint_en="Choose an article that exists in eEkonomi for rows without a product: brygga settings set "
                "default_article_number ARTICLE_NUMBER",
            )
        return article

    def _decide(self, invoice: Invoice, link: Link | None) -> Change[Invoice]:
        to_eek = Direction.PM_TO_EEK
        if invoice.is_credit:
            return Change(
                to_eek, Action.SKIP, invoice.pm_id, invoice, reason=CREDIT_REASON, rule="I7", hint=hint_for("I7")
            )
        if link is not None:
            # The draft exists; an earlier run stopped before PM got the "transferred" status.
            return Change(to_eek, Action.UPDATE, invoice.pm_id, invoice, target_id=link.eek_id)
        no_address = check_address(invoice)
        if no_address is not None:  # the original's own message, whatever else is wrong with the customer (I5)
            return Change(to_eek, Action.REJECT, invoice.pm_id, invoice, violation=no_address)
        context = self.contexts.get(invoice.pm_id)
        if context is None:
            missing = RuleViolation(
                "I3",
                f"Kunden {invoice.customer_label} finns inte i Visma eEkonomi, så fakturan kan inte föras över.",
                hint="Rätta felet som överföringen av kunder rapporterar (brygga errors) och kör igen.",
                hint_en="Fix what the customer transfer reports (brygga errors) and run again.",
                title_en="The invoice's customer is not in Visma eEkonomi",
            )
            return Change(to_eek, Action.REJECT, invoice.pm_id, invoice, violation=missing)
        if self.rows_while_writing:
            return Change(to_eek, Action.CREATE, invoice.pm_id, invoice)  # rows checked when they are read
        violation = check_invoice(invoice, context)
        return Change(
            to_eek, Action.REJECT if violation else Action.CREATE, invoice.pm_id, invoice, violation=violation
        )

    # writing ---------------------------------------------------------------------------------
    async def _apply_to_eek(self, change: Change[Invoice]) -> None:
        mismatch: RuleViolation | None = None
        if change.action is Action.CREATE:
            invoice = await self._complete(change.item)
            draft = await self._create_draft(invoice)
            mismatch = _totals_mismatch(invoice, draft)
        await self._mark_transferred(change.item)
        assert self.statuses is not None
        was = self.statuses.name_of(change.item.status_guid)
        self.note_changes(change, [FieldChange("status", was, self.statuses.transferred.name)])
        if mismatch is not None:
            raise mismatch

    async def _complete(self, invoice: Invoice) -> Invoice:
        """The invoice with its rows, checked as planning checks it (I2-I6), when the rows are read while writing."""
        if not self.rows_while_writing:
            return invoice
        assert self._pm_ref is not None
        rows = await self.ctx.pm.invoices.rows(invoice.pm_id)
        complete = from_severa_invoice(self.wires[invoice.pm_id], rows, self._pm_ref)
        violation = check_invoice(complete, self.contexts[invoice.pm_id])
        if violation is not None:
            raise violation
        return complete

    async def _create_draft(self, invoice: Invoice) -> CustomerInvoiceDraft:
        context = self.contexts[invoice.pm_id]
        fingerprint = invoice.fingerprint()
        marker = draft_marker(invoice)
        return (
            await create_once(
                self.protocol,
                category=CATEGORY,
                target="eekonomi",
                source_id=invoice.pm_id,
                natural_key=marker,
                payload_hash=fingerprint,
                lookup=lambda: self._find_draft(marker),
                send=lambda: self.ctx.eek.invoice_drafts.create(to_eekonomi_draft(invoice, context)),
                link_for=lambda draft: self.link_row(
                    invoice.pm_id, draft.id or "", fingerprint, str(draft.total_amount)
                ),
            )
        ).remote

    async def _find_draft(self, marker: str) -> CustomerInvoiceDraft | None:
        """Reconcile (I8): the draft an interrupted attempt may have created, found by brygga's marker."""
        try:
            found = await self.ctx.eek.invoice_drafts.find_by_contract_number(marker)
        except RejectedError:  # the API refuses a filter on ContractNumber: scan the drafts
            found = [d async for d in self.ctx.eek.invoice_drafts.iter() if d.contract_number == marker]
        return found[0] if found else None

    async def _mark_transferred(self, invoice: Invoice) -> None:
        assert self.statuses is not None and self.statuses.transferred.guid
        await self.ctx.pm.invoices.set_status(invoice.pm_id, self.statuses.transferred.guid)

    async def _apply_to_pm(self, change: Change[Invoice]) -> None:
        raise AssertionError("invoices flow from Visma PM to Visma eEkonomi; their status comes back separately")


CREDIT_REASON = "Kreditfaktura: förs inte över."


def _totals_mismatch(invoice: Invoice, draft: CustomerInvoiceDraft) -> RuleViolation | None:
    """After creating a draft, eEkonomi's totals must equal PM's; a difference is reported on the invoice."""
    expected = invoice.total_including_vat
    if expected is None or draft.total_amount is None:
        return None
    actual = draft.total_amount - (draft.total_roundings or Decimal(0))  # öre rounding is eEkonomi's own (O4)
    if actual == expected:
        return None
    hint = hint_for("I6:totals")
    return RuleViolation(
        "I6",
        f"Utkastet för {invoice.customer_label} ({invoice.project_label}) summerar till {actual} i Visma eEkonomi "
        f"men fakturan i Visma PM till {expected}.",
        hint=hint,
    )

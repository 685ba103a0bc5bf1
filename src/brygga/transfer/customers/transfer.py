"""The customer transfer ("Kunder"): read both sides, plan, then apply each change by the write protocol.

Rules S1, C1-C12, X1-X3, X5, X6. The cursor of each side moves last, and only when no object read from that side
ended in an unknown or transient state; objects that failed are planned again on the next run until they pass.
"""

from __future__ import annotations

from datetime import timedelta

from brygga.domain import Customer
from brygga.eekonomi import models as eek
from brygga.errors import RuleViolation
from brygga.field_changes import diff_objects
from brygga.mapping.customer_rules import check_for_eekonomi, check_for_pm
from brygga.mapping.eekonomi_customers import (
    EekReference,
    from_eekonomi_customer,
    to_eekonomi_customer,
    to_eekonomi_fields,
)
from brygga.mapping.severa_customers import PmCustomerRecord, PmReference, from_severa_customer
from brygga.transfer.context import TransferContext
from brygga.transfer.customers.eek_side import EekCustomerSide
from brygga.transfer.customers.planner import Change, Plan, plan_customers
from brygga.transfer.customers.pm_side import PmCustomerSide
from brygga.transfer.outcome import Action
from brygga.transfer.sync.base import PairTransfer
from brygga.transfer.sync.compact import LinkView, SideView, read_changed_pages
from brygga.transfer.sync.planner import Known, Named
from brygga.transfer.write_protocol import create_once

__all__ = ["CustomersTransfer"]

CATEGORY = "customers"
PM_CURSOR_OVERLAP = timedelta(minutes=2)  # Severa's changedSince is inclusive; a re-read is harmless
LOOKUP_ALL_ABOVE = 5  # more unlinked customers than this: one list call instead of one lookup each


class CustomersTransfer(PairTransfer[Customer]):
    category = CATEGORY
    progress_label = "Kunder"

    def __init__(self, ctx: TransferContext) -> None:
        super().__init__(ctx)
        self.pm = PmCustomerSide(ctx.pm)
        self.eek = EekCustomerSide(ctx.eek, ctx.eek_company)
        self.pm_records: dict[str, PmCustomerRecord] = {}
        self.eek_customers: dict[str, eek.Customer] = {}
        self._pm_ref: PmReference | None = None
        self._eek_ref: EekReference | None = None

    # planning ----------------------------------------------------------------------------------
    async def plan(self) -> Plan[Customer]:
        started = self.ctx.clock()
        pm_since = self.protocol.cursor(CATEGORY, "pm")
        eek_since = self.protocol.cursor(CATEGORY, "eekonomi")
        retries = self.load_retries()
        pm_read_from = pm_since - PM_CURSOR_OVERLAP if pm_since else None
        read = await self.pm.read_changed(pm_read_from, retries["pm"])
        self.pm_records = read.records
        links = LinkView(self.protocol.iter_links(CATEGORY))
        pm_view = SideView.packed(Customer, links.by_pm, lambda link: link.pm_hash)
        for guid, customer in read.canon:
            pm_view.add(guid, customer)  # each canonical customer is either kept (packed) or left quiet
        # The eEkonomi index is asked only for the numbers of unlinked PM objects: quiet ones need no other entry.
        unlinked_pm = pm_view.unlinked
        eek_view = SideView.packed(
            Customer, links.by_eek, lambda link: link.eek_hash, wanted=unlinked_pm, watch=retries["eekonomi"]
        )
        pages = read_changed_pages(self.ctx.eek.customers, eek_since)
        async for wire in pages:
            await self._add_eek(eek_view, pm_view, wire)
        for eek_id in eek_view.unread():
            await self._add_eek(eek_view, pm_view, await self.eek.get(eek_id))
        self.cursors.pm, self.cursors.eek = started, pages.server_time
        if not pm_view.count and not eek_view.count:
            return Plan()
        self._pm_ref, self._eek_ref = await self.pm.reference(), await self.eek.reference()
        unlinked_eek = eek_view.unlinked
        eek_view.keep_numbers(unlinked_pm)
        pm_view.keep_numbers(unlinked_eek)
        await self._eek_index(unlinked_pm, eek_view.by_number, full=eek_since is None)
        await self._pm_index(unlinked_eek, pm_view.by_number)
        # A PM customer an interrupted eEk -> PM create left behind is finished by the eEk pass, which knows
        # the whole customer (address, contact); the PM pass must not adopt it half-made.
        half_made = {i.natural_key for i in self.protocol.pending_intents(CATEGORY) if i.target == "pm"}
        if half_made:
            pm_view.only(lambda guid, c: guid in links.by_pm or c.number not in half_made)
        return plan_customers(
            pm_view.side(),
            eek_view.side(),
            links.relevant(pm_view, eek_view),
            self.ctx.options.master_customers,
            self._check_for_eek,
            self._check_for_pm,
        )

    async def _add_eek(self, view: SideView[Customer], pm_view: SideView[Customer], wire: eek.Customer) -> None:
        """One eEkonomi customer read: planned or quiet; its wire model is kept only when a PM -> eEk change may
        write over it (it is unlinked, or its PM customer changed), as the base of that write."""
        if not wire.id:
            return
        if self._eek_ref is None:
            self._eek_ref = await self.eek.reference()
        view.add(wire.id, from_eekonomi_customer(wire, self._eek_ref))
        link = view.links.get(wire.id)
        if link is None or link.pm_id in pm_view.changed:
            self.eek_customers[wire.id] = wire

    async def _eek_index(self, unlinked: set[str], index: dict[str, tuple[str, Named]], *, full: bool) -> None:
        """``unlinked``: the numbers of the unlinked PM customers planned."""
        assert self._eek_ref is not None
        missing = sorted(n for n in unlinked if n not in index)
        if full or not missing:
            return
        if len(missing) > LOOKUP_ALL_ABOVE:
            found = await self.eek.by_numbers(set(missing))
        else:
            found = {n: c for n in missing if (c := await self.eek.find_by_number(n)) is not None}
        for number, wire in found.items():
            if wire.id:
                self.eek_customers.setdefault(wire.id, wire)
                index.setdefault(number, (wire.id, Known(from_eekonomi_customer(wire, self._eek_ref).name)))

    async def _pm_index(self, unlinked: set[str], index: dict[str, tuple[str, Named]]) -> None:
        """``unlinked``: the numbers of the unlinked eEkonomi customers planned."""
        missing = sorted(n for n in unlinked if n not in index)
        for number, wire in (await self.pm.by_numbers(missing)).items():
            if wire.guid:
                index[number] = (wire.guid, Known(wire.name))

    def _check_for_eek(self, customer: Customer, op: str) -> RuleViolation | None:
        assert self._eek_ref is not None and self._pm_ref is not None
        terms = self._eek_ref.terms_for_days(customer.payment_days)
        fields = to_eekonomi_fields(customer, terms.id if terms else None)
        return check_for_eekonomi(customer, fields, self._eek_ref, self._pm_ref, op=op)

    def _check_for_pm(self, customer: Customer, op: str) -> RuleViolation | None:
        assert self._pm_ref is not None
        return check_for_pm(customer, self._pm_ref)

    # writing ---------------------------------------------------------------------------------
    async def _apply_to_eek(self, change: Change[Customer]) -> None:
        assert self._eek_ref is not None
        terms = self._eek_ref.terms_for_days(change.item.payment_days)
        fields = to_eekonomi_fields(change.item, terms.id if terms else None)
        if change.action is Action.CREATE:
            await self._create_in_eek(change, fields)
            return
        assert change.target_id is not None
        base = self.eek_customers.get(change.target_id) or await self.eek.get(change.target_id)
        result = base
        if change.action is Action.UPDATE or self.ctx.options.master_customers == "pm":
            result = await self._put_if_different(change.target_id, base, fields)
            if result is not base:
                self.note_changes(change, diff_objects(self._eek_canon(base), self._eek_canon(result)))
        self._link(change, change.source_id, change.target_id, self._eek_fp(result))

    async def _create_in_eek(self, change: Change[Customer], fields: dict[str, object]) -> None:
        number = change.item.number or ""

        async def lookup() -> eek.Customer | None:
            found = await self.eek.find_by_number(number)
            return found if found and found.name.strip() == change.item.name.strip() else None

        await create_once(
            self.protocol,
            category=CATEGORY,
            target="eekonomi",
            source_id=change.source_id,
            natural_key=number,
            payload_hash=change.fingerprint,
            lookup=lookup,
            send=lambda: self.eek.create(to_eekonomi_customer(fields)),
            link_for=lambda remote: self.link_row(
                change.source_id, remote.id or "", change.fingerprint, self._eek_fp(remote)
            ),
        )

    async def _put_if_different(self, eek_id: str, base: eek.Customer, fields: dict[str, object]) -> eek.Customer:
        current = base.to_body()
        if all(current.get(key) == value for key, value in fields.items()):
            return base
        return await self.eek.update(eek_id, to_eekonomi_customer(fields, base))

    async def _apply_to_pm(self, change: Change[Customer]) -> None:
        if change.action is Action.CREATE:
            await self._create_in_pm(change)
            return
        assert change.target_id is not None
        record = self.pm_records.get(change.target_id)
        if record is None:
            record = await self.pm.record(await self.ctx.pm.customers.get(change.target_id))
        if change.action is Action.UPDATE or self.ctx.options.master_customers == "eekonomi":
            before, record = record, await self.pm.update(record, change.item)
            self.note_changes(change, diff_objects(self._pm_canon(before), self._pm_canon(record)))
        elif self.protocol.pending_intent(CATEGORY, "pm", change.source_id, "create") is not None:
            record = await self.pm.complete(record.customer, change.item, fresh=False)
        self._link_pm(change, record)

    async def _create_in_pm(self, change: Change[Customer]) -> None:
        number = change.item.number or ""

        async def lookup() -> PmCustomerRecord | None:
            found = (await self.pm.by_numbers([number])).get(number)
            if found is None or found.name.strip() != change.item.name.strip():
                return None
            return await self.pm.complete(found, change.item, fresh=False)

        async def send() -> PmCustomerRecord:
            created = await self.pm.create_customer(change.item)
            return await self.pm.complete(created, change.item, fresh=True)

        await create_once(
            self.protocol,
            category=CATEGORY,
            target="pm",
            source_id=change.source_id,
            natural_key=number,
            payload_hash=change.fingerprint,
            lookup=lookup,
            send=send,
            link_for=lambda record: self.link_row(
                record.guid, change.source_id, self._pm_fp(record), change.fingerprint
            ),
        )

    # links, outcomes, retries, cursors ---------------------------------------------------------
    def _eek_fp(self, customer: eek.Customer) -> str:
        return self._eek_canon(customer).fingerprint()

    def _pm_fp(self, record: PmCustomerRecord) -> str:
        return self._pm_canon(record).fingerprint()

    def _eek_canon(self, customer: eek.Customer) -> Customer:
        assert self._eek_ref is not None
        return from_eekonomi_customer(customer, self._eek_ref)

    def _pm_canon(self, record: PmCustomerRecord) -> Customer:
        assert self._pm_ref is not None
        return from_severa_customer(record, self._pm_ref)

    def _link(self, change: Change[Customer], pm_id: str, eek_id: str, eek_hash: str) -> None:
        self.save_link(change, self.link_row(pm_id, eek_id, change.fingerprint, eek_hash))

    def _link_pm(self, change: Change[Customer], record: PmCustomerRecord) -> None:
        self.save_link(change, self.link_row(record.guid, change.source_id, self._pm_fp(record), change.fingerprint))

"""The invoice compare: every PM invoice brygga marked transferred against eEkonomi's drafts and booked invoices.

A PM invoice counts as transferred when it has the "transferred" status (S6), or a later one ("sent", "paid") and a
link from brygga's invoice transfer. Its eEkonomi counterpart is found by brygga's marker (``ContractNumber = "PM
<guid>"``, I8), which survives booking, or by the linked draft id. Totals (net, VAT, gross) are compared to the öre;
eEkonomi's öre rounding is its own (O4) and is left out. Only the list endpoints are read (their answers carry the
totals), so no invoice's rows are fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from brygga.eekonomi.models_invoices import CustomerInvoice, CustomerInvoiceDraft
from brygga.errors import ApiError
from brygga.reconcile import words
from brygga.reconcile.model import CategoryCheck, Sources
from brygga.severa.invoice_models import Invoice as SeveraInvoice
from brygga.store.reconcile import NewFinding
from brygga.transfer.invoices.statuses import resolve_statuses

__all__ = ["check_invoices"]

MARKER = "PM "
Document = CustomerInvoiceDraft | CustomerInvoice
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Totals:
    net: Decimal | None
    vat: Decimal | None
    gross: Decimal | None

    def as_text(self) -> str:
        return ", ".join(f"{name} {_amount(value)}" for name, value in self.named())

    def named(self) -> list[tuple[str, Decimal | None]]:
        return [("net", self.net), ("vat", self.vat), ("gross", self.gross)]


def _amount(value: Decimal | None) -> str:
    return "-" if value is None else str(value.quantize(CENT))


def _pm_totals(wire: SeveraInvoice) -> Totals:
    def money(m: object) -> Decimal | None:
        return getattr(m, "amount", None)

    return Totals(money(wire.totalExcludingTax), money(wire.totalTax), money(wire.totalIncludingTax))


def _eek_totals(doc: Document) -> Totals:
    if isinstance(doc, CustomerInvoice):
        total = doc.total_amount_invoice_currency if doc.total_amount_invoice_currency is not None else doc.total_amount
        vat = doc.total_vat_amount_invoice_currency
        vat = doc.total_vat_amount if vat is None else vat
    else:
        total, vat = doc.total_amount, doc.total_vat_amount
    if total is None:
        return Totals(None, vat, None)
    gross = total - (doc.total_roundings or Decimal(0))  # öre rounding is eEkonomi's own (O4)
    return Totals(None if vat is None else gross - vat, vat, gross)


def _differing(pm: Totals, eek: Totals) -> list[str]:
    differing = []
    for (name, a), (_, b) in zip(pm.named(), eek.named(), strict=True):
        if a is not None and b is not None and a.quantize(CENT) != b.quantize(CENT):
            differing.append(name)
    return differing


def _is_credit(wire: SeveraInvoice) -> bool:
    total = wire.totalIncludingTax.amount if wire.totalIncludingTax else None
    return total is not None and total < 0


def _key(wire: SeveraInvoice) -> str:
    """The invoice as a person (and the object history) knows it: PM's number once it has one, else customer
    number/project number, as ``brygga.domain.Invoice.number``."""
    if wire.number is not None:
        return str(wire.number)
    customer = wire.customer.number if wire.customer and wire.customer.number is not None else "?"
    project = wire.projects[0] if wire.projects else None
    return f"{customer}/{project.number if project and project.number is not None else '-'}"


def _name(wire: SeveraInvoice) -> str:
    return (wire.customer.name if wire.customer else None) or wire.receiverCustomerName or ""


async def check_invoices(src: Sources) -> CategoryCheck:
    check = CategoryCheck("invoices")
    statuses = await resolve_statuses(src.pm, src.options)
    marked_guids = [s.guid for s in (statuses.transferred, statuses.sent, statuses.paid) if s.guid]
    links = {link.pm_id: link.eek_id for link in src.store.protocol.links("invoices")}
    wires = [w async for w in src.pm.invoices.iter(status_guids=marked_guids)]
    marked = {
        w.guid: w
        for w in wires
        if w.guid
        and w.status
        and (w.status.guid == statuses.transferred.guid or (w.status.guid in marked_guids and w.guid in links))
        and not _is_credit(w)  # credit invoices are skipped (I7)
    }
    drafts: list[CustomerInvoiceDraft] = [d async for d in src.eek.invoice_drafts.iter()]
    booked: list[CustomerInvoice] = [b async for b in src.eek.customer_invoices.iter()]
    check.objects_read = len(wires) + len(drafts) + len(booked)
    by_marker: dict[str, Document] = {}
    copies: dict[str, list[Document]] = {}
    booked_drafts = {b.created_from_draft_id for b in booked if b.created_from_draft_id}
    documents: list[Document] = [*drafts, *booked]
    for document in documents:  # a booked invoice wins over a draft with the same marker
        marker = document.contract_number
        if marker and marker.startswith(MARKER):
            guid = marker[len(MARKER) :].strip()
            by_marker[guid] = document
            if document.id not in booked_drafts:  # a draft and the invoice booked from it are one
                copies.setdefault(guid, []).append(document)
    by_draft_id: dict[str, Document] = {d.id: d for d in drafts if d.id}
    by_draft_id.update({b.created_from_draft_id: b for b in booked if b.created_from_draft_id})
    for guid, wire in marked.items():
        doc = by_marker.get(guid) or by_draft_id.get(links.get(guid, ""))
        if doc is None:
            check.findings.append(_without_draft(wire, links.get(guid)))
            continue
        pm_totals, eek_totals = _pm_totals(wire), _eek_totals(doc)
        differing = _differing(pm_totals, eek_totals)
        if differing:
            check.findings.append(_totals(wire, doc, pm_totals, eek_totals, differing))
    for guid, found in sorted(copies.items()):
        if len(found) > 1:
            check.findings.append(_duplicate(guid, marked.get(guid), found))
    for guid in sorted(set(by_marker) - set(marked)):
        check.findings.append(await _orphan(src, guid, by_marker[guid]))
    return check


def _without_draft(wire: SeveraInvoice, draft_id: str | None) -> NewFinding:
    said = words.invoice_without_draft()
    linked = f", kopplat utkast {draft_id} finns inte" if draft_id else ""
    return NewFinding(
        category="invoices",
        kind="missing_in_eekonomi",
        object_key=_key(wire),
        object_name=_name(wire),
        title=said.title,
        title_en=said.title_en,
        hint=said.hint,
        hint_en=said.hint_en,
        detail=f"I1/I8: PM-faktura {wire.guid}, inget utkast eller faktura med märkningen {MARKER}{wire.guid}{linked}",
        changed_in="eekonomi",
    )


def _totals(wire: SeveraInvoice, doc: Document, pm: Totals, eek: Totals, differing: list[str]) -> NewFinding:
    is_booked = isinstance(doc, CustomerInvoice)
    said = words.totals_differ(differing, is_booked)
    where = f"faktura {doc.invoice_number}" if isinstance(doc, CustomerInvoice) else "utkast"
    return NewFinding(
        category="invoices",
        kind="totals_differ",
        object_key=_key(wire),
        object_name=_name(wire),
        field=",".join(differing),
        pm_value=pm.as_text(),
        eek_value=eek.as_text(),
        title=said.title,
        title_en=said.title_en,
        hint=said.hint,
        hint_en=said.hint_en,
        detail=f"I6: PM-faktura {wire.guid}, eEkonomi {where} {doc.id}",
    )


def _duplicate(guid: str, wire: SeveraInvoice | None, found: list[Document]) -> NewFinding:
    said = words.duplicate_in_eekonomi(len(found))
    ids = ", ".join(f"{'faktura' if isinstance(d, CustomerInvoice) else 'utkast'} {d.id}" for d in found)
    return NewFinding(
        category="invoices",
        kind="duplicate_in_eekonomi",
        object_key=_key(wire) if wire is not None else guid,
        object_name=_name(wire) if wire is not None else (found[0].customer_name or ""),
        title=said.title,
        title_en=said.title_en,
        hint=said.hint,
        hint_en=said.hint_en,
        detail=f"I8: märkningen {MARKER}{guid} finns på {ids}",
        changed_in="eekonomi",
    )


async def _orphan(src: Sources, guid: str, doc: Document) -> NewFinding:
    """A draft or invoice with brygga's marker whose PM invoice is gone or not marked transferred."""
    gone = False
    status = None
    try:
        wire = await src.pm.invoices.get(guid)
        status = wire.status.name if wire.status else None
        key = _key(wire)
        name = _name(wire)
    except ApiError as exc:
        if exc.status != 404:
            raise
        gone, key, name = True, guid, doc.customer_name or ""
    said = words.draft_without_invoice(gone)
    what = f"faktura {doc.invoice_number}" if isinstance(doc, CustomerInvoice) else "utkast"
    state = "finns inte i Visma PM" if gone else f"har statusen {status!r} i Visma PM"
    return NewFinding(
        category="invoices",
        kind="missing_in_pm",
        object_key=key,
        object_name=name,
        title=said.title,
        title_en=said.title_en,
        hint=said.hint,
        hint_en=said.hint_en,
        detail=f"I8: eEkonomi {what} {doc.id} med märkningen {MARKER}{guid}; PM-fakturan {state}",
        changed_in="pm",
    )

"""Build a month-end report: brygga's store says which PM invoices were transferred in the month, both systems are
read for their totals, paged (1,000 a page) and filtered to the month where the APIs allow:

- Visma PM: ``/v1/invoices?changedSince=<month start>`` (a transfer sets the invoice's status, so every invoice
  transferred in the month or later changed at or after its start); up to 10 not among them (a PM that ignores
  the filter, or deleted) are read one by one, more with the whole list (again 1,000 a page);
- Visma eEkonomi: every draft (drafts have no modified time and live only until booked) and the booked invoices
  modified since the month's start (``modifiedSinceUtc``: a draft is booked after it was transferred).

Nothing is written anywhere. A month that has not begun reads nothing, and neither does a month in which nothing
was transferred.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import httpx

from brygga.config import Settings
from brygga.connections import Sleep, eekonomi_client, severa_client
from brygga.eekonomi.client import EEkonomiClient
from brygga.eekonomi.models_invoices import CustomerInvoice, CustomerInvoiceDraft
from brygga.errors import ConfigError, RejectedError
from brygga.report import store_facts
from brygga.report.model import EekState, InvoiceLine, MonthReport, Totals
from brygga.report.month import Month
from brygga.report.store_facts import TransferredInvoice
from brygga.severa.client import SeveraClient
from brygga.severa.invoice_models import Invoice as PmInvoice
from brygga.store import Store

__all__ = ["build_month_report", "require_connections"]

_ZERO = Decimal("0.00")
_SINGLE_READS = 10  # PM invoices read one by one at most; more are read with the whole list


def require_connections(store: Store) -> None:
    """Both systems must be connected; a ``ConfigError`` names the ones that are not and how to connect them."""
    missing = [
        name
        for system, name in (("severa", "Visma PM"), ("eekonomi", "Visma eEkonomi"))
        if (info := store.connections.get(system)) is None or info.client_secret is None
    ]
    if not missing:
        return
    sv, en = " och ".join(missing), " and ".join(missing)
    plural = len(missing) > 1
    raise ConfigError(
        f"Månadsrapporten kan inte tas fram: {sv} är inte {'anslutna' if plural else 'ansluten'}.",
        hint=f"Anslut {sv} under Anslutningar (brygga connect) och ta sedan fram rapporten igen.",
        message_en=f"The month-end report cannot be made: {en} {'are' if plural else 'is'} not connected.",
        hint_en=f"Connect {en} under Connections (brygga connect), then make the report again.",
    )


async def build_month_report(
    store: Store,
    settings: Settings,
    month: Month,
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    transport: httpx.AsyncBaseTransport | None = None,
    sleep: Sleep = asyncio.sleep,
) -> MonthReport:
    generated = now()
    report = MonthReport(store.tenant, store_facts.company_name(store), month, generated)
    if month.is_future(generated):
        return replace(report, future=True)
    require_connections(store)
    report = replace(
        report,
        credit_skipped=tuple(store_facts.credit_skips(store, month)),
        orders=tuple(store_facts.orders_drafted(store, month)),
        open_findings=store_facts.open_findings(store),
    )
    transferred = store_facts.transferred(store, month)
    if not transferred:
        return report
    eek = eekonomi_client(store, settings, transport=transport, sleep=sleep)
    pm = severa_client(store, settings, transport=transport, sleep=sleep)
    try:
        lines = await _lines(transferred, month, pm, eek)
        reads = {f"{key} [eekonomi]": n for key, n in eek.calls_by_endpoint.items()}
        reads.update({f"{key} [severa]": n for key, n in pm.calls_by_endpoint.items()})
    finally:
        await eek.aclose()
        await pm.aclose()
    return replace(report, invoices=tuple(lines), api_reads=reads)


async def _lines(
    transferred: list[TransferredInvoice], month: Month, pm: SeveraClient, eek: EEkonomiClient
) -> list[InvoiceLine]:
    wanted = {item.pm_id for item in transferred}
    pm_invoices = {
        invoice.guid: invoice async for invoice in pm.invoices.iter(changed_since=month.start) if invoice.guid in wanted
    }
    missing = wanted - set(pm_invoices)  # not changed since the month began: a PM that ignores changedSince, or gone
    if len(missing) > _SINGLE_READS:  # many: the whole list, paged, costs less than one read each
        async for invoice in pm.invoices.iter():
            if invoice.guid in missing:
                pm_invoices[invoice.guid] = invoice
    else:
        for pm_id in sorted(missing):
            found = await _pm_invoice(pm, pm_id)
            if found is not None:
                pm_invoices[pm_id] = found
    drafts = {draft.id: draft async for draft in eek.invoice_drafts.iter() if draft.id}
    booked: dict[str, CustomerInvoice] = {}
    async for document in eek.customer_invoices.iter(modified_since=month.start):
        for key in (document.created_from_draft_id, document.contract_number):
            if key:
                booked[key] = document
    return [
        _line(item, pm_invoices.get(item.pm_id), drafts.get(item.draft_id), _booked_for(item, booked))
        for item in transferred
    ]


async def _pm_invoice(pm: SeveraClient, pm_id: str) -> PmInvoice | None:
    try:
        return await pm.invoices.get(pm_id)
    except RejectedError:  # deleted in Visma PM (404): the report says it is missing there
        return None


def _booked_for(item: TransferredInvoice, booked: dict[str, CustomerInvoice]) -> CustomerInvoice | None:
    return booked.get(item.draft_id) or booked.get(f"PM {item.pm_id}")  # brygga's marker (rule I8)


def _line(
    item: TransferredInvoice,
    pm: PmInvoice | None,
    draft: CustomerInvoiceDraft | None,
    booked: CustomerInvoice | None,
) -> InvoiceLine:
    eek_totals, roundings, state = None, _ZERO, EekState.MISSING
    currency = (pm.currency.code if pm is not None and pm.currency else None) or "SEK"
    number = None
    if booked is not None:
        roundings = booked.total_roundings or _ZERO
        gross = (booked.total_amount_invoice_currency or booked.total_amount or _ZERO) - roundings
        eek_totals = _from_gross(gross, booked.total_vat_amount_invoice_currency or booked.total_vat_amount)
        state = EekState.PAID if booked.is_paid else EekState.BOOKED
        number = booked.invoice_number
        currency = booked.currency_code or currency
    elif draft is not None:
        roundings = draft.total_roundings or _ZERO
        eek_totals = _from_gross((draft.total_amount or _ZERO) - roundings, draft.total_vat_amount)
        state = EekState.DRAFT
    customer = (pm.customer if pm is not None else None) or None
    return InvoiceLine(
        pm_id=item.pm_id,
        pm_number=_pm_number(pm) if pm is not None else item.pm_id[:8],
        customer=f"{customer.number} {customer.name}" if customer is not None else _eek_customer(draft, booked),
        transferred_at=item.at,
        currency=currency,
        pm=_pm_totals(pm) if pm is not None else None,
        eek=eek_totals,
        eek_state=state,
        eek_number=number,
        roundings=roundings,
    )


def _from_gross(gross: Decimal, vat: Decimal | None) -> Totals:
    vat = vat if vat is not None else _ZERO
    return Totals(gross - vat, vat, gross)


def _pm_totals(invoice: PmInvoice) -> Totals:
    def amount(money: object) -> Decimal | None:
        value = getattr(money, "amount", None)
        return value if isinstance(value, Decimal) else None

    net, vat, gross = amount(invoice.totalExcludingTax), amount(invoice.totalTax), amount(invoice.totalIncludingTax)
    net = net if net is not None else (gross - vat if gross is not None and vat is not None else _ZERO)
    vat = vat if vat is not None else (gross - net if gross is not None else _ZERO)
    return Totals(net, vat, gross if gross is not None else net + vat)


def _pm_number(invoice: PmInvoice) -> str:
    """How a person finds the invoice in Visma PM: its number once it has one, else customer/project."""
    if invoice.number is not None:
        return str(invoice.number)
    customer = invoice.customer.number if invoice.customer else None
    project = invoice.projects[0].number if invoice.projects else None
    return f"{customer if customer is not None else '?'}/{project if project is not None else '-'}"


def _eek_customer(draft: CustomerInvoiceDraft | None, booked: CustomerInvoice | None) -> str:
    for document in (booked, draft):
        if document is not None and document.customer_name:
            return f"{document.customer_number or ''} {document.customer_name}".strip()
    return ""

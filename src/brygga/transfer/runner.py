"""Runs categories in order, one company at a time, and builds the report (rules X1, X2, X4, X5).

The only place that catches ``BryggaError`` broadly: an error that stops a whole category (an expired
connection, a settings problem) becomes one failed line with its hint, and the next category still runs.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from brygga.company_guard import company_change_error, identity_of, linked_company
from brygga.errors import BryggaError, ConfigError
from brygga.metrics.runs import category_broken, category_done
from brygga.store import ItemRecord, LeaseLostError, Store
from brygga.store.lease import LEASE_TTL, lease_holder
from brygga.transfer.articles.transfer import ArticlesTransfer
from brygga.transfer.context import TransferContext
from brygga.transfer.customers.transfer import CustomersTransfer
from brygga.transfer.invoices.status_back import InvoiceStatusTransfer
from brygga.transfer.invoices.transfer import InvoicesTransfer
from brygga.transfer.orders.transfer import OrdersTransfer
from brygga.transfer.outcome import Action, ObjectOutcome, Outcome, failure_from_error
from brygga.transfer.projects.transfer import ProjectsTransfer
from brygga.transfer.report import CategoryReport, RunReport
from brygga.transfer.retry_failed import keep_only_failed
from brygga.transfer.supplier_costs.transfer import SupplierCostsTransfer

__all__ = ["CATEGORIES", "CategoryTransfer", "LeaseBusyError", "check_company", "run_transfers"]

logger = logging.getLogger(__name__)


class LeaseBusyError(ConfigError):
    """Another run of the same company holds its lease (the queue retries such a job later)."""


class CategoryTransfer(Protocol):
    """One category ("Kunder", "Artiklar", …): read and decide in ``plan``, write in ``execute``. Each category
    has its own kind of plan, which only it reads."""

    category: str

    async def plan(self) -> Any: ...

    async def execute(self, plan: Any, report: CategoryReport) -> None: ...

    def outcomes_for_plan(self, plan: Any) -> list[ObjectOutcome]: ...


# In the order "--all" runs them: invoices need customers, articles and projects first.
CATEGORIES: dict[str, Callable[[TransferContext], CategoryTransfer]] = {
    "customers": CustomersTransfer,
    "articles": ArticlesTransfer,
    "projects": ProjectsTransfer,
    "invoices": InvoicesTransfer,
    "invoice-status": InvoiceStatusTransfer,
    "supplier-invoices": SupplierCostsTransfer,
    "orders": OrdersTransfer,
}


async def check_company(ctx: TransferContext) -> None:
    """Rule X4: stop when the eEkonomi connection now points at another company than the links belong to."""
    linked = linked_company(ctx.store)
    if linked is None:
        return
    company = await ctx.eek.company_settings.get()
    ctx.eek_company = company
    change = company_change_error(linked, identity_of(company))
    if change is not None:
        raise change


async def run_transfers(ctx: TransferContext, categories: list[str]) -> RunReport:
    unknown = [c for c in categories if c not in CATEGORIES]
    if unknown:
        raise ConfigError(
            f"Okänd kategori: {', '.join(unknown)}",
            hint=f"Välj bland: {', '.join(CATEGORIES)}",
            message_en=f"Unknown category: {', '.join(unknown)}",
            hint_en=f"Choose from: {', '.join(CATEGORIES)}",
        )
    if ctx.dry_run:  # a dry run writes nothing: no lease, no run record
        return await _run_in_order(ctx, categories, run_id=None)
    holder = lease_holder()
    token = ctx.store.lease.acquire(holder)
    if token is None:
        raise LeaseBusyError(
            "En annan överföring för samma företag pågår redan.",
            hint="Vänta tills den är klar och försök igen.",
            message_en="Another transfer for the same company is already running.",
            hint_en="Wait until it has finished and try again.",
        )
    unfenced = ctx.store
    ctx.store = unfenced.fenced(token)  # from here on, a run whose lease was taken over cannot commit
    heartbeat = asyncio.create_task(_keep_lease(unfenced, holder, token))
    try:
        # Holding the lease, no other run of this company can still be going.
        ctx.store.runs.interrupt_stale("Avbruten: processen som körde överföringen avslutades innan den var klar.")
        return await _run_in_order(ctx, categories, run_id=-1)
    finally:
        heartbeat.cancel()
        ctx.store = unfenced
        unfenced.lease.release(holder, token)


async def _keep_lease(store: Store, holder: str, token: int) -> None:
    """Renew the lease while the run works; a lease lost to a take-over is left alone (the fence stops the run)."""
    while True:
        await asyncio.sleep(LEASE_TTL.total_seconds() / 3)
        try:
            if not await asyncio.to_thread(store.lease.renew, holder, token):
                return
        except Exception:  # a store that is briefly unreachable: the next beat tries again
            logger.warning("could not renew the lease of %s", store.tenant, exc_info=True)


async def _run_in_order(ctx: TransferContext, categories: list[str], *, run_id: int | None) -> RunReport:
    await check_company(ctx)
    ordered = [name for name in CATEGORIES if name in categories]  # dependencies first, whatever was typed
    if run_id is not None:
        run_id = ctx.store.runs.start(ordered, dry_run=False)
    report = RunReport(run_id=run_id, dry_run=ctx.dry_run)
    current, started = "", time.monotonic()
    try:
        for name in ordered:
            current, started = name, time.monotonic()
            report.categories[name] = await _run_category(ctx, name)
            if run_id is not None:  # a dry run is not counted in the metrics
                category_done(ctx.store.tenant, report.categories[name], started)
    except BaseException as exc:  # closed with its outcome whatever stops it, then re-raised
        if run_id is not None and current and current not in report.categories:
            category_broken(ctx.store.tenant, current, exc, started)
        if run_id is not None and not isinstance(exc, LeaseLostError):  # a lost lease may not write: the next
            _close_broken(ctx.store, run_id, report, exc)  # holder closes this run as interrupted
        raise
    if run_id is not None:
        _record(ctx.store, run_id, report)
    return report


async def _run_category(ctx: TransferContext, name: str) -> CategoryReport:
    report = CategoryReport(name, planned_only=ctx.dry_run)
    calls_before = (ctx.eek.api_calls, ctx.pm.api_calls)
    ctx.progress.category(name)
    transfer = CATEGORIES[name](ctx)
    try:
        plan = await transfer.plan()
        if ctx.failed_only:
            keep_only_failed(ctx.store, name, plan, transfer, report)
        report.already_linked = ctx.store.protocol.link_count(name)
        if ctx.dry_run:
            report.outcomes = transfer.outcomes_for_plan(plan)
            report.notices.extend(getattr(plan, "notices", []))
        else:
            await transfer.execute(plan, report)
    except LeaseLostError:
        raise
    except BryggaError as exc:
        report.outcomes.append(_run_level_failure(name, exc))
    report.api_calls = {"eekonomi": ctx.eek.api_calls - calls_before[0], "severa": ctx.pm.api_calls - calls_before[1]}
    return report


def _run_level_failure(category: str, exc: BryggaError) -> ObjectOutcome:
    """What stopped a whole category, with the system it concerns and what to do."""
    return failure_from_error(exc, category=category, direction="", key="", name="", action=Action.NONE)


def _items(report: RunReport) -> Iterator[ItemRecord]:
    """The run log's items, made one at a time as the store writes them (a list of all was a peak of its own)."""
    return (
        ItemRecord(
            o.category,
            o.direction,
            o.key,
            o.name,
            o.action.value,
            o.outcome.value,
            o.rule_id,
            o.message,
            o.hint,
            o.hint_en,
            title=o.title,
            title_en=o.title_en,
            changes=o.changes,
            pm_id=o.pm_id or None,
            eek_id=o.eek_id or None,
        )
        for category in report.categories.values()
        for o in category.outcomes
    )


def _summary(report: RunReport) -> str:
    return "; ".join(
        f"{name}: {c.count(Outcome.SUCCEEDED)} ok, {c.count(Outcome.FAILED)} fel, "
        f"{c.count(Outcome.SKIPPED)} överhoppade"
        for name, c in report.categories.items()
    )


def _record(store: Store, run_id: int, report: RunReport) -> None:
    store.runs.add_items(run_id, _items(report))
    state = report.state
    store.runs.finish(run_id, "ok" if state == "nothing" else state, _summary(report))


def _close_broken(store: Store, run_id: int, report: RunReport, exc: BaseException) -> None:
    """Keep what the finished categories did, and say why the run stopped: "interrupted" for Ctrl+C or a
    cancelled task, "failed" with the cause for anything else."""
    interrupted = isinstance(exc, KeyboardInterrupt | asyncio.CancelledError)
    cause = "Avbruten av användaren." if interrupted else f"Stoppades av ett oväntat fel ({type(exc).__name__})."
    try:
        store.runs.add_items(run_id, _items(report))
        store.runs.finish(run_id, "interrupted" if interrupted else "failed", f"{cause} {_summary(report)}".strip())
    except Exception:
        logger.exception("could not close run %s", run_id)

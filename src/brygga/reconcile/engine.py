"""One reconcile run of one company: hold the company's lease (no transfer at the same time), read each category
whole from both systems, store its findings with a "done" mark, and finish with the run's state.

An interrupted run (Ctrl+C, a killed process, a system that could not be reached) is continued by the next run for
the same categories: the categories it had finished are not read again. Repairs are made after the lease is let go,
through the transfer itself (``brygga.reconcile.repair``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from brygga.errors import BryggaError, ConfigError
from brygga.reconcile.invoices import check_invoices
from brygga.reconcile.model import CATEGORY_ALIASES, RECONCILE_CATEGORIES, CategoryCheck, ReconcileResult, Sources
from brygga.reconcile.supplier_costs import check_supplier_costs
from brygga.reconcile.twoway import check_articles, check_customers, check_projects
from brygga.store import Store
from brygga.store.lease import LEASE_TTL, lease_holder
from brygga.store.reconcile import ReconcileStore
from brygga.transfer.options import TransferOptions
from brygga.transfer.runner import LeaseBusyError

if TYPE_CHECKING:
    from brygga.session import TransferSession

__all__ = ["CHECKS", "TRIGGERS", "choose_categories", "reconcile_store", "run_reconcile"]

logger = logging.getLogger(__name__)

TRIGGERS = ("cli", "web", "schedule")
Check = Callable[[Sources], Awaitable[CategoryCheck]]
CHECKS: dict[str, Check] = {
    "customers": check_customers,
    "articles": check_articles,
    "projects": check_projects,
    "invoices": check_invoices,
    "supplier_costs": check_supplier_costs,
}


def reconcile_store(store: Store) -> ReconcileStore:
    return ReconcileStore(store.db, store.tenant)


def choose_categories(categories: Sequence[str] | None) -> tuple[str, ...]:
    """The categories asked for, in the run's order; none means all. An unknown one is a ConfigError."""
    if not categories:
        return RECONCILE_CATEGORIES
    wanted = {CATEGORY_ALIASES.get(c, c) for c in categories}
    unknown = sorted(wanted - set(RECONCILE_CATEGORIES))
    if unknown:
        choose = ", ".join(RECONCILE_CATEGORIES)
        raise ConfigError(
            f"Okänd kategori för avstämning: {', '.join(unknown)}",
            hint=f"Välj bland: {choose}",
            message_en=f"Unknown category for the reconcile: {', '.join(unknown)}",
            hint_en=f"Choose from: {choose}",
        )
    return tuple(c for c in RECONCILE_CATEGORIES if c in wanted)


async def run_reconcile(
    session: TransferSession,
    categories: Sequence[str] | None,
    *,
    trigger: str,
    repair: bool = False,
    dry_run: bool = True,
) -> ReconcileResult:
    """Compare both systems for ``categories`` (all when None) and store the findings. With ``repair`` the
    repairable findings are shown (``dry_run``) or made, after the compare."""
    chosen = choose_categories(categories)
    store = session.store
    holder = lease_holder()
    token = store.lease.acquire(holder)
    if token is None:
        raise LeaseBusyError(
            "En överföring eller avstämning för samma företag pågår redan.",
            hint="Vänta tills den är klar och försök igen.",
            message_en="A transfer or reconcile for the same company is already running.",
            hint_en="Wait until it has finished and try again.",
        )
    fenced = store.fenced(token)
    heartbeat = asyncio.create_task(_keep_lease(store, holder, token))
    try:
        result = await _compare(session, fenced, chosen, trigger)
    finally:
        heartbeat.cancel()
        store.lease.release(holder, token)
    if repair and any(f.repair and f.state == "open" for f in result.findings):
        from brygga.reconcile.repair import repair_findings

        result.repairs = await repair_findings(session, result, dry_run=dry_run)
        result.dry_run = dry_run
        result.findings = reconcile_store(store).findings(result.run_id)
    return result


async def _compare(session: TransferSession, store: Store, chosen: tuple[str, ...], trigger: str) -> ReconcileResult:
    runs = reconcile_store(store)
    runs.interrupt_stale()  # holding the lease: a run still "running" was left by a process that died
    run_id, resumed = runs.start_or_resume(chosen, trigger)
    done = set(runs.progress(run_id).get("done", {}))
    src = Sources(session.eek, session.pm, store, TransferOptions.from_store(store.settings.all()))
    status = "ok"
    try:
        for category in chosen:
            if category in done:
                continue
            before = src.reads()
            try:
                check = await CHECKS[category](src)
            except ConfigError as exc:  # a setting this category needs: said, and the other categories go on
                said, said_en = _words(exc)
                runs.category_not_checked(run_id, category, said, said_en, src.reads() - before)
                status = "failed"
                continue
            reads = src.reads() - before
            runs.category_done(
                run_id, category, check.findings, objects_read=check.objects_read, api_reads=reads, pages=reads
            )
    except BryggaError as exc:
        runs.finish(run_id, "failed", error=_said(exc))
        raise
    except (asyncio.CancelledError, KeyboardInterrupt):
        with contextlib.suppress(Exception):
            runs.finish(run_id, "interrupted")
        raise
    runs.finish(run_id, status)
    progress = runs.progress(run_id)
    latest = runs.latest_run()
    assert latest is not None and latest.id == run_id
    return ReconcileResult(
        run_id=run_id,
        status=latest.status,
        categories=chosen,
        findings=runs.findings(run_id),
        objects_read=latest.objects_read,
        api_reads=latest.api_reads,
        resumed=resumed,
        skipped_done=tuple(c for c in chosen if c in done),
        not_checked={c: (w["sv"], w["en"]) for c, w in progress.get("not_checked", {}).items()},
    )


def _words(exc: ConfigError) -> tuple[str, str]:
    sv = f"{exc} {exc.hint}".strip() if exc.hint else str(exc)
    en_message = exc.message_en or str(exc)
    en = f"{en_message} {exc.hint_en}".strip() if exc.hint_en else en_message
    return sv, en


def _said(exc: BryggaError) -> str:
    hint = getattr(exc, "hint", None)
    return f"{exc} {hint}".strip() if hint else str(exc)


async def _keep_lease(store: Store, holder: str, token: int) -> None:
    while True:
        await asyncio.sleep(LEASE_TTL.total_seconds() / 3)
        try:
            if not await asyncio.to_thread(store.lease.renew, holder, token):
                return
        except Exception:  # a store briefly unreachable: the next beat tries again
            logger.warning("could not renew the lease of %s", store.tenant, exc_info=True)

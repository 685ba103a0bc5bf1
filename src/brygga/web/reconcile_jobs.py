"""Reconciles and repairs started from the Avstämning page, run as tasks in the server's event loop like the
transfers of Dataöverföring (``brygga.web.jobs``); the page polls until the job is done.

One job at a time per company (a second click is a double click); a job is only shown to the company it ran for.
A "Reparera" job repairs exactly one finding, through the transfer's write protocol (``brygga.reconcile``).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from brygga.config import Settings
from brygga.errors import BryggaError
from brygga.reconcile import ReconcileResult, RepairOutcome, run_reconcile
from brygga.reconcile.repair import repair_findings
from brygga.session import TransferSession
from brygga.store import Store
from brygga.store.reconcile import Finding

__all__ = ["ReconcileBusy", "ReconcileJob", "ReconcileJobs", "one_finding", "preview_repair"]

logger = logging.getLogger(__name__)


class ReconcileBusy(RuntimeError):
    pass


@dataclass
class ReconcileJob:
    company: str
    kind: str  # "reconcile" or "repair"
    finding_id: int | None = None
    result: ReconcileResult | None = None
    repairs: list[RepairOutcome] = field(default_factory=list)
    problem: str = ""
    hint: str = ""
    problem_en: str = ""
    hint_en: str = ""
    unexpected: bool = False  # stopped by a defect: logged for the admin, said in words on the page
    done: bool = False
    task: asyncio.Task[None] | None = field(default=None, repr=False)


def one_finding(finding: Finding) -> ReconcileResult:
    """A result that holds only ``finding``: what ``repair_findings`` repairs, without reading both systems again."""
    return ReconcileResult(finding.run_id, "findings", (finding.category,), [finding], 0, 0)


async def preview_repair(store: Store, settings: Settings, finding: Finding) -> list[RepairOutcome]:
    """ "Visa reparation": what repairing ``finding`` would do; a dry run that writes nothing and reads nothing."""
    session = TransferSession(store, settings)
    try:
        return await repair_findings(session, one_finding(finding), dry_run=True)
    finally:
        await session.aclose()


class ReconcileJobs:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._latest: dict[str, ReconcileJob] = {}

    def start(self, store: Store, kind: str, finding: Finding | None = None) -> ReconcileJob:
        running = self._latest.get(store.tenant)
        if running is not None and not running.done:
            raise ReconcileBusy
        job = ReconcileJob(store.tenant, kind, finding.id if finding else None)
        self._latest[store.tenant] = job
        job.task = asyncio.get_running_loop().create_task(self._run(job, store, finding))
        return job

    def latest(self, company: str) -> ReconcileJob | None:
        return self._latest.get(company)

    async def wait_all(self) -> None:
        tasks = [job.task for job in self._latest.values() if job.task is not None and not job.done]
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _run(self, job: ReconcileJob, store: Store, finding: Finding | None) -> None:
        try:
            session = TransferSession(store, self.settings.model_copy(update={"tenant": store.tenant}))
            try:
                if finding is None:
                    job.result = await run_reconcile(session, None, trigger="web")
                else:
                    job.repairs = await repair_findings(session, one_finding(finding), dry_run=False)
            finally:
                await session.aclose()
        except BryggaError as exc:  # not connected, a transfer running: said on the page, with what to do
            job.problem = str(getattr(exc, "message", None) or exc)
            job.hint = str(getattr(exc, "hint", "") or "")
            job.problem_en = str(getattr(exc, "message_en", "") or "")
            job.hint_en = str(getattr(exc, "hint_en", "") or "")
        except Exception:
            logger.exception("reconcile job (%s) for %s stopped", job.kind, job.company)
            job.unexpected = True
        finally:
            job.done = True

"""Transfers started from the web page, run as tasks in the server's event loop; the page polls their state.

One transfer at a time per company: the runner serialises runs per company anyway, and a second click while one
runs is far more likely a double click than a wish for a second run. Companies do not wait for each other, and a
job is only ever shown to the company it ran for.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from dataclasses import dataclass, field

from brygga.config import Settings
from brygga.errors import BryggaError
from brygga.session import TransferSession
from brygga.store import Store
from brygga.transfer.report import RunReport

__all__ = ["Job", "JobProgress", "TransferBusy", "TransferJobs"]

logger = logging.getLogger(__name__)


class TransferBusy(RuntimeError):
    pass


@dataclass
class JobProgress:
    """The runner's progress reports (``brygga.transfer.context.Progress``), kept for the polled fragment.

    ``current`` is the category being worked on: set when it begins, while it still reads both systems
    (planning, ``total`` 0), and kept while ``start``/``advance`` count its writes ("x av N").
    """

    label: str = ""
    done: int = 0
    total: int = 0
    current: str = ""

    def category(self, name: str) -> None:
        """A category begins: it reads and plans before ``start`` says how many objects it will write."""
        self.current, self.label, self.done, self.total = name, "", 0, 0

    def start(self, label: str, total: int) -> None:
        self.label, self.done, self.total = label, 0, total

    def advance(self, steps: int = 1) -> None:
        self.done = min(self.total, self.done + steps)

    @property
    def percent(self) -> int:
        return 100 * self.done // self.total if self.total else 0


@dataclass
class Job:
    id: int
    categories: list[str]
    dry_run: bool
    company: str = "default"
    failed_only: bool = False  # "Försök igen med de misslyckade": only what failed in the latest real run
    report: RunReport | None = None
    problem: str | None = None
    hint: str = ""
    problem_en: str = ""  # the English texts where the error has them (empty: the Swedish ones stand)
    hint_en: str = ""
    unexpected: bool = False  # stopped by a defect, not by a BryggaError: the page says so in words
    done: bool = False
    progress: JobProgress = field(default_factory=JobProgress)
    task: asyncio.Task[None] | None = field(default=None, repr=False)


class TransferJobs:
    def __init__(self, settings: Settings, keep: int = 200) -> None:
        self.settings = settings
        self._jobs: dict[int, Job] = {}
        self._ids = itertools.count(1)
        self._keep = keep

    def start(self, store: Store, categories: list[str], *, dry_run: bool, failed_only: bool = False) -> Job:
        if any(not job.done and job.company == store.tenant for job in self._jobs.values()):
            raise TransferBusy
        job = Job(next(self._ids), categories, dry_run, company=store.tenant, failed_only=failed_only and not dry_run)
        self._jobs[job.id] = job
        self._forget_old()
        job.task = asyncio.get_running_loop().create_task(self._run(job, store))
        return job

    def get(self, job_id: int, company: str) -> Job | None:
        """Job ``job_id`` when it ran for ``company``; another company's job is not there."""
        job = self._jobs.get(job_id)
        return job if job is not None and job.company == company else None

    async def wait_all(self) -> None:
        """For shutdown: let running transfers finish their writes to the store."""
        tasks = [job.task for job in self._jobs.values() if job.task is not None and not job.done]
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _run(self, job: Job, store: Store) -> None:
        try:
            session = TransferSession(store, self.settings.model_copy(update={"tenant": store.tenant}))
            try:
                job.report = await session.run(
                    job.categories, dry_run=job.dry_run, progress=job.progress, failed_only=job.failed_only
                )
            finally:
                await session.aclose()
        except BryggaError as exc:  # not connected, settings unreadable: said on the page, with what to do
            job.problem = str(getattr(exc, "message", None) or exc)
            job.hint = str(getattr(exc, "hint", ""))
            job.problem_en = str(getattr(exc, "message_en", "") or "")
            job.hint_en = str(getattr(exc, "hint_en", "") or "")
        except Exception:  # a defect: logged with its traceback for the admin, said in words on the page
            logger.exception("transfer job %s (%s) stopped", job.id, ",".join(job.categories))
            job.unexpected = True
        finally:
            job.done = True

    def _forget_old(self) -> None:
        for job_id in sorted(self._jobs)[: -self._keep]:
            if self._jobs[job_id].done:
                del self._jobs[job_id]

""" "Överför nu" through the job queue: on PostgreSQL with the queue installed, a category's Överför button and
"Överför allt" put the company's transfer in the queue (``brygga.jobs.defer_now``, before scheduled work) instead of
running it in the web process; ``brygga worker`` runs it. The page polls what became of the job: "I kö" while it
waits, "Körs" while a worker runs it, then the run's result read from the run history, like a run started on the
page. On SQLite (no queue) the buttons run the transfer in the web process as before.

The job is found again by the page without server memory: its id, its company, its categories and the newest run id
when it was queued travel in the polling URL; the job's run is the first real run after that one that covers its
categories. A poll for another company than the chosen one (switched in another tab) is refused, never answered with
the chosen company's runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from brygga import jobs
from brygga.store import Store
from brygga.web.history import MessageRow, message_rows, run_counts
from brygga.web.run_result import CategoryResult

__all__ = ["QueuedRun", "enqueue", "queue_in_use", "queued_state"]


@dataclass
class QueuedRun:
    """A queued "Överför nu" as the status fragment shows it."""

    job_id: int
    company: str
    categories: list[str]
    after_run: int  # the newest run when it was queued: the job's run comes after it
    state: str = "todo"  # "todo" (I kö) | "doing" (Körs) | "done" (its run's result) | "lost"
    run_id: int | None = None
    run_state: str = ""  # the run's state when done: ok | partial | failed | interrupted
    results: list[CategoryResult] = field(default_factory=list)
    errors: list[MessageRow] = field(default_factory=list)
    skipped: list[MessageRow] = field(default_factory=list)

    @property
    def waiting(self) -> bool:
        return self.state in ("todo", "doing")

    @property
    def poll_url(self) -> str:
        query = urlencode([("company", self.company), ("after", self.after_run), *(("c", c) for c in self.categories)])
        return f"/transfer/queued/{self.job_id}?{query}"


def queue_in_use(store: Store) -> bool:
    """Whether "Överför nu" goes through the queue: PostgreSQL with the queue's tables."""
    return jobs.queue_installed(store.db)


def enqueue(store: Store, categories: list[str]) -> QueuedRun:
    """Queue ``categories`` of the store's company; a "now" job already waiting takes them instead of a second."""
    newest = store.runs.history(1)
    job_id = jobs.defer_now(store.db, store.tenant, categories)
    return QueuedRun(job_id, store.tenant, list(categories), newest[0][0] if newest else 0)


def queued_state(store: Store, job: QueuedRun, lang: str) -> QueuedRun:
    """``job`` as it stands now: still in the queue (waiting or running), or done with its run's result."""
    for waiting in jobs.queued_for(store.db, store.tenant):
        if waiting.id == job.job_id:
            job.state = waiting.status
            job.categories = list(waiting.categories) or job.categories  # a later click may have added some
            return job
    run = _run_of(store, job)
    if run is None:
        job.state = "lost"
        return job
    run_id, status = run
    if status == "running":  # the job just left the queue's "doing" and the run is closing
        job.state = "doing"
        return job
    job.state, job.run_id, job.run_state = "done", run_id, status
    counts = run_counts(store, [run_id]).get(run_id, {})
    job.results = [
        CategoryResult(category, status, counts.get(category, {}), {}, {}, [])
        for category in [*job.categories, *(c for c in counts if c not in job.categories)]
    ]
    job.errors = message_rows(store, lang, ("failed",), run_id=run_id)
    job.skipped = message_rows(store, lang, ("skipped",), run_id=run_id)
    return job


def _run_of(store: Store, job: QueuedRun) -> tuple[int, str] | None:
    """The first real run after ``job.after_run`` that covers the job's categories."""
    wanted = set(job.categories)
    for run_id, categories, status, _started, _summary in reversed(store.runs.history(50)):
        if run_id > job.after_run and status != "dry-run" and wanted <= set(categories.split(",")):
            return run_id, status
    return None

"""The names the queue shares between the worker, the web page and the CLI: the task, the locks and the priorities.

Procrastinate fetches the job with the **highest** ``priority`` first (``ORDER BY priority DESC``), and a job whose
``lock`` is held by a running job, or by a waiting job of higher priority, waits. So every job of one company has
the same ``lock`` (one run per company at a time, whichever worker), and "Överför nu" has a higher priority than
scheduled work: it runs before the company's waiting scheduled job, never beside its running one.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "NOW_PRIORITY",
    "QUEUE",
    "RUN_TASK",
    "SCHEDULED_PRIORITY",
    "Kind",
    "company_lock",
    "queueing_lock",
]

Kind = Literal["now", "scheduled"]

RUN_TASK = "brygga.run_company"  # one job = one company's categories, in dependency order
QUEUE = "transfers"
NOW_PRIORITY = 10  # "Överför nu": fetched before scheduled work
SCHEDULED_PRIORITY = 0


def company_lock(company: str) -> str:
    """The lock every job of ``company`` holds while it runs: one run per company at a time."""
    return f"company:{company}"


def queueing_lock(company: str, kind: Kind) -> str:
    """At most one waiting job per company and kind: a second enqueue collapses into the waiting one."""
    return f"{kind}:{company}"

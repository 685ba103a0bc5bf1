"""The transfer queue on PostgreSQL (Procrastinate): "Överför nu", scheduled runs, and ``brygga worker``.

Importing this package needs no server: the worker's App is built only when a worker starts
(``brygga.jobs.worker``)."""

from __future__ import annotations

from brygga.jobs.queue import QueuedJob, defer_now, queue_installed, queued_for

__all__ = ["QueuedJob", "defer_now", "queue_installed", "queued_for"]

"""Who is acting: the person or process a change in the store is recorded under (``brygga.store.audit``).

A context variable, so every path sets it once at its entry and the store reads it wherever the change happens: the
web sets it per request from the logged-in session (``webb (admin)``, source ``web``), the CLI at its start
(``cli:<OS user>``, source ``cli``), the worker for its automatic changes (``worker``). Unset, it is ``okänd``.
Threads started with a copied context (Starlette's thread pool, asyncio tasks) see the value of their request.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

__all__ = ["UNKNOWN", "WORKER", "Actor", "act_as", "acting", "cli_actor", "current_actor", "web_actor"]


@dataclass(frozen=True)
class Actor:
    name: str  # who: "webb (admin)", "cli:anna", "worker"
    source: str  # from where: "web", "cli" or "worker" ("okänd" when nobody said)


UNKNOWN = Actor("okänd", "okänd")
WORKER = Actor("worker", "worker")

_CURRENT: ContextVar[Actor] = ContextVar("brygga_actor", default=UNKNOWN)


def current_actor() -> Actor:
    return _CURRENT.get()


def act_as(actor: Actor) -> None:
    """``actor`` acts from here on in this context (the CLI's start)."""
    _CURRENT.set(actor)


@contextmanager
def acting(actor: Actor) -> Iterator[Actor]:
    """``actor`` acts inside the block; the one before acts again after it."""
    token = _CURRENT.set(actor)
    try:
        yield actor
    finally:
        _CURRENT.reset(token)


def cli_actor() -> Actor:
    """The OS user running the command line: ``cli:anna``."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in the environment or the password database
        user = "okänd"
    return Actor(f"cli:{user}", "cli")


def web_actor(logged_in: bool) -> Actor:
    """The web has one admin password: a logged-in request acts as ``webb (admin)``, any other as ``webb``."""
    return Actor("webb (admin)" if logged_in else "webb", "web")

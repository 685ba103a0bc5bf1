"""Ändringslogg: the chosen company's audit (who changed which setting, connection, schedule or pause, and when),
newest first, in Swedish local time, paged."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from brygga.audit_text import actor_text, event_text, local_time
from brygga.store import Store
from brygga.store.audit import AuditStore
from brygga.web.pages import PageKit, lang_of

__all__ = ["PAGE_SIZE", "audit_router"]

PAGE_SIZE = 50

_TEXTS = {
    "title": ("Ändringslogg", "Change log"),
    "intro": (
        "Vem som ändrade inställningar, anslutningar och scheman för företaget, och när (svensk tid).",
        "Who changed the company's settings, connections and schedules, and when (Swedish time).",
    ),
    "when": ("När", "When"),
    "who": ("Vem", "Who"),
    "what": ("Vad", "What"),
    "none": ("Inga ändringar ännu.", "No changes yet."),
    "newer": ("Nyare", "Newer"),
    "older": ("Äldre", "Older"),
    "page": ("Sida", "Page"),
}


def audit_router(kit: PageKit) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin), Depends(kit.require_csrf)])

    @router.get("/audit")
    async def audit_page(request: Request) -> Response:
        store = await kit.store(request)
        raw = request.query_params.get("page", "1")
        page = int(raw) if raw.isdigit() and int(raw) > 0 else 1
        context = await run_in_threadpool(_context, store, lang_of(request), page)
        return kit.render(request, "audit.html", **context)

    return router


def _context(store: Store, lang: str, page: int) -> dict[str, Any]:
    audit = AuditStore(store.db, store.tenant)
    total = audit.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    events = audit.events(PAGE_SIZE, (page - 1) * PAGE_SIZE)
    index = 1 if lang == "en" else 0
    return {
        "audit_texts": {key: pair[index] for key, pair in _TEXTS.items()},
        "audit_rows": [
            {"at": local_time(e.at), "who": actor_text(e, lang), "source": e.source, "what": event_text(e, lang)}
            for e in events
        ],
        "audit_page": page,
        "audit_pages": pages,
    }

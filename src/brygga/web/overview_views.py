"""Översikt (``/overview``): every company at a glance for whoever is responsible for many, the same as
``brygga overview``. It needs no chosen company and only reads (one query for the companies, one for the page)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from brygga.overview import FILTERS, SORTS, Listing, overview_page
from brygga.overview.words import (
    COMPANY_STATES,
    CONNECTION_WORDS,
    FILTER_WORDS,
    SORT_WORDS,
    SYSTEM_NAMES,
    last_runs_text,
    local,
    next_run_text,
    pick,
)
from brygga.report_text import category_label
from brygga.store.overview import PolicyMissing
from brygga.web.pages import PageKit, lang_of

__all__ = ["overview_router"]

# The existing status colours (app.css) for a company's state.
_STYLE = {"failing": "failed", "paused": "failed", "attention": "partial", "idle": "interrupted", "ok": "ok"}
_TEXTS = {
    "title": ("Översikt", "Overview"),
    "intro": (
        "Alla företag: läge, anslutningar, senaste körning per kategori, nästa körning och öppna larm.",
        "Every company: state, connections, last run per category, next run and open alerts.",
    ),
    "none": (
        "Inga företag ännu. Lägg till ett under Företag eller med brygga companies add ID.",
        "No companies yet. Add one under Companies or with brygga companies add ID.",
    ),
    "no_match": ("Inga företag matchar urvalet.", "No company matches the selection."),
    "company": ("Företag", "Company"),
    "state": ("Läge", "State"),
    "connections": ("Anslutningar", "Connections"),
    "last_run": ("Senaste körning", "Last run"),
    "next_run": ("Nästa körning", "Next run"),
    "alerts": ("Öppna larm", "Open alerts"),
    "sort": ("Sortera", "Sort"),
    "filter": ("Visa", "Show"),
    "search": ("Sök id eller namn", "Search id or name"),
    "apply": ("Visa", "Show"),
    "previous": ("Föregående sida", "Previous page"),
    "next": ("Nästa sida", "Next page"),
    "pages": ("Sidor", "Pages"),
    "policy": (
        "Översikten kan inte läsa företagens rader i den här databasen ännu (PostgreSQL saknar översiktens läsregel, "
        "brygga_overview_read). Uppdatera brygga så att databasen migreras.",
        "The overview cannot read the companies' rows in this database yet (PostgreSQL lacks the overview's read "
        "policy, brygga_overview_read). Update brygga so the database is migrated.",
    ),
}


def overview_router(kit: PageKit) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin)])

    @router.get("/overview")
    async def overview(
        request: Request, sort: str = "name", show: str = "all", q: str = "", page: str = "1"
    ) -> Response:
        lang = lang_of(request)
        listing = Listing.of(sort, show, q, page)
        try:
            result = await run_in_threadpool(overview_page, kit.stores.database(), listing)
        except PolicyMissing:
            result = None

        def link(number: int) -> str:
            return "/overview?" + urlencode({"sort": listing.sort, "show": listing.filter, "q": listing.text,
                                             "page": number})  # fmt: skip

        return kit.render(
            request,
            "overview.html",
            result=result,
            listing=listing,
            link=link,
            w=lambda key: pick(_TEXTS[key], lang),
            state_text=lambda state: pick(COMPANY_STATES[state], lang),
            state_style=_STYLE,
            connection_text=lambda state: pick(CONNECTION_WORDS[state], lang),
            systems=SYSTEM_NAMES,
            runs_text=lambda line: last_runs_text(line, lang),
            next_text=lambda line: next_run_text(line, lang),
            reason=lambda line: pick(line.pause_reason, lang) if line.pause_reason else "",
            category=lambda name: category_label(name, lang),
            sorts=[(value, pick(SORT_WORDS[value], lang)) for value in SORTS],
            filters=[(value, pick(FILTER_WORDS[value], lang)) for value in FILTERS],
            local=local,
        )

    return router

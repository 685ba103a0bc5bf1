"""Objekthistorik: one object's history (``/object/{category}/{key}``), the search that finds an object in any
category (``/object?key=…``), and every object of one run (``/runs/{id}/items``), each linking to the history.

Reached from Felmeddelanden (each object links here), Körningshistorik (each run's objects) and the reconcile
report. The words are :mod:`brygga.object_history_text`'s, the same as ``brygga history``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from brygga.calendar_se import local_time
from brygga.categories import CATEGORY_LABELS
from brygga.object_history_text import (
    category_word,
    change_text,
    entry_text,
    not_found_text,
    object_path,
    what_word,
)
from brygga.store import Store
from brygga.store.object_history import ObjectHistoryStore
from brygga.web.pages import PageKit, lang_of

__all__ = ["RUN_PAGE_SIZE", "object_router"]

RUN_PAGE_SIZE = 200

_TEXTS = {
    "title": ("Objekthistorik", "Object history"),
    "intro": (
        "Varje körning som rörde objektet, nyast först: vad som skapades, ändrades (fält, gammalt → nytt), kopplades, "
        "hoppades över eller misslyckades, och objektets kopplingar i båda systemen.",
        "Every run that touched the object, newest first: what was created, changed (field, old → new), linked, "
        "skipped or failed, and the object's links in both systems.",
    ),
    "search_label": ("Nummer eller namn", "Number or name"),
    "search": ("Sök", "Search"),
    "search_intro": (
        "Sök på kund-, artikel-, projekt-, faktura- eller ordernummer, ett id i Visma PM eller Visma eEkonomi, "
        "eller en del av namnet.",
        "Search by customer, article, project, invoice or order number, an id in Visma PM or Visma eEkonomi, "
        "or part of the name.",
    ),
    "matches": ("Träffar", "Matches"),
    "category": ("Kategori", "Category"),
    "object": ("Objekt", "Object"),
    "last": ("Senast", "Last"),
    "runs": ("Körningar", "Runs"),
    "also": ("Även känt som", "Also known as"),
    "links": ("Kopplingar", "Links"),
    "no_links": ("Inte kopplat i något system ännu.", "Not linked in either system yet."),
    "linked_at": ("kopplad", "linked"),
    "synced_at": ("senast synkad", "last synced"),
    "history": ("Körningar, nyast först", "Runs, newest first"),
    "when": ("När", "When"),
    "run": ("Körning", "Run"),
    "what": ("Vad", "What"),
    "details": ("Ändringar och skäl", "Changes and reasons"),
    "hint": ("Gör så här", "What to do"),
    "tech": ("Teknisk detalj", "Technical detail"),
    "only_skipped": (
        "Objektet har bara hoppats över: det har aldrig förts över.",
        "The object has only been skipped: it has never been transferred.",
    ),
    "run_items": ("Objekten i körning", "The objects of run"),
    "run_none": ("Körningen rörde inga objekt.", "The run touched no objects."),
    "whole_category": ("Hela kategorin", "The whole category"),
    "newer": ("Föregående", "Previous"),
    "older": ("Nästa", "Next"),
    "page": ("Sida", "Page"),
}


def _texts(lang: str) -> dict[str, str]:
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in _TEXTS.items()}


def object_router(kit: PageKit) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin), Depends(kit.require_csrf)])

    @router.get("/object")
    async def search(request: Request) -> Response:
        store = await kit.store(request)
        key = request.query_params.get("key", "").strip()
        category = request.query_params.get("category") or None
        category = category if category in CATEGORY_LABELS else None
        lang = lang_of(request)
        context = await run_in_threadpool(_search_context, store, lang, key, category)
        status = 404 if context.get("not_found") else 200
        return kit.render(request, "object_history.html", status_code=status, **context)

    @router.get("/object/{category}/{object_key:path}")
    async def history(request: Request, category: str, object_key: str) -> Response:
        store = await kit.store(request)
        lang = lang_of(request)
        context = await run_in_threadpool(_history_context, store, lang, category, object_key)
        status = 404 if context.get("not_found") else 200
        return kit.render(request, "object_history.html", status_code=status, **context)

    @router.get("/runs/{run_id}/items")
    async def run_items(request: Request, run_id: int) -> Response:
        store = await kit.store(request)
        raw = request.query_params.get("page", "1")
        page = int(raw) if raw.isdigit() and int(raw) > 0 else 1
        context = await run_in_threadpool(_run_context, store, lang_of(request), run_id, page)
        return kit.render(request, "object_history.html", **context)

    return router


def _not_found(key: str, category: str | None, lang: str) -> dict[str, str]:
    message, hint = not_found_text(key, category, lang)
    return {"message": message, "hint": hint}


def _search_context(store: Store, lang: str, key: str, category: str | None) -> dict[str, Any]:
    context: dict[str, Any] = {
        "ot": _texts(lang),
        "mode": "search",
        "search_key": key,
        "search_category": category,
        "categories": CATEGORY_LABELS,
    }
    if not key:
        return context
    matches = ObjectHistoryStore(store.db, store.tenant).find(key, category)
    if not matches:
        context["not_found"] = _not_found(key, category, lang)
    context["matches"] = [
        {
            "category": category_word(m.category, lang),
            "key": m.object_key,
            "name": m.name,
            "last": local_time(m.last_at),
            "runs": m.runs,
            "path": object_path(m.category, m.object_key),
        }
        for m in matches
    ]
    return context


def _history_context(store: Store, lang: str, category: str, key: str) -> dict[str, Any]:
    context: dict[str, Any] = {
        "ot": _texts(lang),
        "mode": "history",
        "search_key": key,
        "search_category": category,
        "categories": CATEGORY_LABELS,
    }
    found = ObjectHistoryStore(store.db, store.tenant).history(category, key) if category in CATEGORY_LABELS else None
    if found is None:  # said, and the same number in other categories (or names holding it) listed under it
        known = category if category in CATEGORY_LABELS else None
        return {**_search_context(store, lang, key, None), "not_found": _not_found(key, known, lang)}
    context["object"] = {
        "category": category_word(found.category, lang),
        "key": found.object_key,
        "name": found.name,
        "also": [k for k in found.keys if k != found.object_key],
        "only_skipped": found.only_skipped,
        "links": [
            {
                "category": category_word(link.category, lang),
                "pm_id": link.pm_id,
                "eek_id": link.eek_id,
                "linked": local_time(link.created_at),
                "synced": local_time(link.updated_at),
            }
            for link in found.links
        ],
        "entries": [entry_text(entry, lang) for entry in found.entries],
    }
    return context


def _run_context(store: Store, lang: str, run_id: int, page: int) -> dict[str, Any]:
    total, items = ObjectHistoryStore(store.db, store.tenant).run_items(
        run_id, RUN_PAGE_SIZE, (page - 1) * RUN_PAGE_SIZE
    )
    rows = []
    for item in items:
        rows.append(
            {
                "category": category_word(item.category, lang),
                "key": item.object_key,
                "name": item.object_name,
                "path": object_path(item.category, item.object_key) if item.object_key else "",
                "outcome": item.outcome,
                "what": what_word(item.action, item.outcome, lang),
                "headline": item.headline(lang) if item.outcome in ("failed", "skipped") else "",
                "changes": [change_text(change, lang) for change in item.changes],
            }
        )
    return {
        "ot": _texts(lang),
        "mode": "run",
        "run_id": run_id,
        "run_rows": rows,
        "run_page": page,
        "run_pages": max(1, -(-total // RUN_PAGE_SIZE)),
        "search_key": "",
        "categories": CATEGORY_LABELS,
    }

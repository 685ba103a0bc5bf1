"""Felmeddelanden (rule X2): the failed and the skipped objects (I7, C1) of the latest runs or of one run, with
filters; and Körningshistorik, the runs with their state and counts (X3)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from brygga.store import Store
from brygga.transfer.runner import CATEGORIES
from brygga.web.history import message_rows, run_lines
from brygga.web.pages import PageKit, lang_of

__all__ = ["history_router"]


def history_router(kit: PageKit) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin), Depends(kit.require_csrf)])

    @router.get("/errors")
    async def errors(request: Request) -> Response:
        template = "errors.html" if request.headers.get("HX-Request") else "errors_page.html"
        store = await kit.store(request)
        category = request.query_params.get("category") or None
        run = request.query_params.get("run", "")
        context = await run_in_threadpool(
            _errors_context,
            store,
            lang_of(request),
            category if category in CATEGORIES else None,
            int(run) if run.isdigit() else None,
        )
        return kit.render(request, template, **context)

    @router.get("/runs")
    async def runs(request: Request) -> Response:
        store = await kit.store(request)
        return kit.render(request, "runs.html", runs=await run_in_threadpool(run_lines, store, lang_of(request), 100))

    return router


def _errors_context(store: Store, lang: str, category: str | None, run_id: int | None) -> dict[str, Any]:
    return {
        "errors": message_rows(store, lang, ("failed",), category=category, run_id=run_id),
        "skipped": message_rows(store, lang, ("skipped",), category=category, run_id=run_id),
        "error_category": category,
        "error_run": run_id,
        "categories": list(CATEGORIES),
        "runs": run_lines(store, lang),
    }

"""Dataöverföring: each category's last run with its buttons (Torrkörning, Överför, and "Försök igen med de
misslyckade" after failures), the result box (rules X1, X5) polled as an htmx fragment, and the settings form.
Felmeddelanden and the run history are pages of their own (``history_views``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from brygga.store import Store
from brygga.transfer.runner import CATEGORIES
from brygga.web import schedule_form
from brygga.web.history import category_summaries
from brygga.web.i18n import translator
from brygga.web.jobs import Job, TransferBusy, TransferJobs
from brygga.web.pages import PageKit, lang_of
from brygga.web.queued import QueuedRun, enqueue, queue_in_use, queued_state
from brygga.web.run_result import box_state, category_results
from brygga.web.schedule_form import schedule_section
from brygga.web.schedule_views import schedule_context, schedule_router
from brygga.web.settings_form import save_settings, setting_fields

__all__ = ["transfer_router"]

MODES = ("dry-run", "run", "retry")
ALL = "all"


def transfer_router(kit: PageKit, jobs: TransferJobs) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin), Depends(kit.require_csrf)])

    async def page_context(request: Request) -> dict[str, Any]:
        """Everything Dataöverföring shows of the request's company."""
        store = await kit.store(request)
        lang = lang_of(request)
        return {
            "fields": setting_fields(await run_in_threadpool(store.settings.all), lang),
            "problems": [],
            "saved": False,
            "summaries": await run_in_threadpool(category_summaries, store),
            "connected": await run_in_threadpool(_connected, store),
            "section": await run_in_threadpool(schedule_section, store, lang, schedule_form.now()),
            "resumed": request.query_params.get("resumed", ""),
            **schedule_context(lang),
        }

    @router.get("/")
    async def transfer_page(request: Request) -> Response:
        return kit.render(request, "transfer.html", **await page_context(request))

    router.include_router(schedule_router(kit, page_context))

    @router.post("/settings")
    async def save(request: Request) -> Response:
        store = await kit.store(request)
        form = {key: value for key, value in (await request.form()).items() if isinstance(value, str)}
        problems = await save_settings(store, kit.settings, form)
        stored = await run_in_threadpool(store.settings.all)
        fields = setting_fields(stored, lang_of(request), proposed=form if problems else None)
        status = 422 if problems else 200
        return kit.render(
            request, "settings_form.html", status_code=status, fields=fields, problems=problems, saved=not problems
        )

    @router.post("/transfer")
    async def start(request: Request) -> Response:
        form = await request.form()
        category, mode = str(form.get("category", "")), str(form.get("mode", ""))
        everything = category == ALL and mode == "run"  # "Överför allt": every category, in dependency order
        if (category not in CATEGORIES and not everything) or mode not in MODES:
            raise HTTPException(status_code=400, detail="Okänd programdel eller körsätt.")
        store = await kit.store(request)
        categories = list(CATEGORIES) if everything else [category]
        if mode == "run" and await run_in_threadpool(queue_in_use, store):
            queued = await run_in_threadpool(enqueue, store, categories)
            return await _queued_status(kit, request, queued)
        try:
            job = jobs.start(store, categories, dry_run=mode == "dry-run", failed_only=mode == "retry")
        except TransferBusy:
            busy = translator(lang_of(request))("transfer.busy")
            return kit.render(request, "run_status.html", status_code=409, job=None, busy=busy)
        return await _status(kit, request, job)

    @router.get("/transfer/queued/{job_id}")
    async def queued_status(request: Request, job_id: int) -> Response:
        store = await kit.store(request)
        if request.query_params.get("company") != store.tenant:  # the page was of another company
            changed = translator(lang_of(request))("company.changed")
            return kit.render(request, "run_status.html", status_code=409, job=None, busy=changed)
        categories = [name for name in request.query_params.getlist("c") if name in CATEGORIES]
        after = request.query_params.get("after", "0")
        queued = QueuedRun(job_id, store.tenant, categories, int(after) if after.isdigit() else 0)
        return await _queued_status(kit, request, queued)

    @router.get("/transfer/{job_id}")
    async def status(request: Request, job_id: int) -> Response:
        job = jobs.get(job_id, (await kit.store(request)).tenant)
        if job is None:
            raise HTTPException(status_code=404, detail="Okänd överföring.")
        return await _status(kit, request, job)

    return router


def _connected(store: Store) -> bool:
    return store.connections.get("eekonomi") is not None and store.connections.get("severa") is not None


async def _queued_status(kit: PageKit, request: Request, queued: QueuedRun) -> Response:
    """The queued job's state (polled while it waits or runs), then its run's result from the run history."""
    store = await kit.store(request)
    queued = await run_in_threadpool(queued_state, store, queued, lang_of(request))
    context: dict[str, Any] = {"job": None, "busy": None, "queued": queued}
    if not queued.waiting:
        context["summaries"] = await run_in_threadpool(category_summaries, store)
    return kit.render(request, "run_status.html", **context)


async def _status(kit: PageKit, request: Request, job: Job) -> Response:
    context: dict[str, Any] = {"job": job, "busy": None}
    if job.done:
        # The category table is sent along (out of band), so it shows this run as its last one at once.
        context["summaries"] = await run_in_threadpool(category_summaries, await kit.store(request))
        context["results"] = category_results(job.report, lang_of(request))
        context["box_state"] = box_state(job.report, dry_run=job.dry_run)
    return kit.render(request, "run_status.html", **context)

"""Dataöverföring: the settings form, one "Torrkörning" and one "Överför" button per category, the result box
(rule X1) polled as an htmx fragment, Felmeddelanden (X2) with filters, and the history (X3)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from brygga.transfer.outcome import Action, Outcome
from brygga.transfer.report import RunReport
from brygga.transfer.runner import CATEGORIES
from brygga.web.history import error_rows, last_transfers, run_lines
from brygga.web.i18n import translator
from brygga.web.jobs import Job, TransferBusy, TransferJobs
from brygga.web.pages import PageKit, lang_of
from brygga.web.settings_form import save_settings, setting_fields

__all__ = ["transfer_router"]


def transfer_router(kit: PageKit, jobs: TransferJobs) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin), Depends(kit.require_csrf)])

    @router.get("/")
    async def transfer_page(request: Request) -> Response:
        store = await kit.store()
        lang = lang_of(request)
        return kit.render(
            request,
            "transfer.html",
            fields=setting_fields(await run_in_threadpool(store.settings.all), lang),
            problems=[],
            saved=False,
            **await _errors_context(kit, request),
            last=await run_in_threadpool(last_transfers, store),
        )

    @router.post("/settings")
    async def save(request: Request) -> Response:
        store = await kit.store()
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
        if category not in CATEGORIES or mode not in ("dry-run", "run"):
            raise HTTPException(status_code=400, detail="Okänd programdel eller körsätt.")
        try:
            job = jobs.start(await kit.store(), [category], dry_run=mode == "dry-run")
        except TransferBusy:
            busy = translator(lang_of(request))("transfer.busy")
            return kit.render(request, "run_status.html", status_code=409, job=None, busy=busy)
        return _status(kit, request, job)

    @router.get("/transfer/{job_id}")
    async def status(request: Request, job_id: int) -> Response:
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(status_code=404, detail="Okänd överföring.")
        return _status(kit, request, job)

    @router.get("/errors")
    async def errors(request: Request) -> Response:
        template = "errors.html" if request.headers.get("HX-Request") else "errors_page.html"
        return kit.render(request, template, **await _errors_context(kit, request))

    return router


async def _errors_context(kit: PageKit, request: Request) -> dict[str, Any]:
    store = await kit.store()
    category = request.query_params.get("category") or None
    run = request.query_params.get("run", "")
    run_id = int(run) if run.isdigit() else None
    rows = await run_in_threadpool(
        lambda: error_rows(
            store, lang_of(request), category=category if category in CATEGORIES else None, run_id=run_id
        )
    )
    return {
        "errors": rows,
        "error_category": category,
        "error_run": run_id,
        "categories": list(CATEGORIES),
        "runs": await run_in_threadpool(run_lines, store, lang_of(request)),
    }


def _status(kit: PageKit, request: Request, job: Job) -> Response:
    return kit.render(request, "run_status.html", job=job, busy=None, summary=_summary(job.report))


def _summary(report: RunReport | None) -> list[dict[str, object]]:
    """Per category: the counts of the red or green box (rule X1) and, for a dry run, the plan table."""
    if report is None:
        return []
    return [
        {
            "category": name,
            "succeeded": category.count(Outcome.SUCCEEDED),
            "failed": category.count(Outcome.FAILED),
            "skipped": category.count(Outcome.SKIPPED),
            "api_calls": category.api_calls,
            "notices": category.notices,
            "plan": [item for item in category.outcomes if item.action is not Action.NONE],
            "errors": category.failed,
        }
        for name, category in report.categories.items()
    ]

"""Avstämning (``/reconcile``): the chosen company's latest reconcile (when, how many objects read, status) and its
findings grouped by category, each with its headline, both values, "ändrad i fel system" when the side that is not
the master changed it, what to do, the ids and rule in a detail line, and a link to the object's history. "Stäm av nu"
runs a reconcile in the background; a repairable finding has "Visa reparation" (a dry run) and then "Reparera"."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from brygga.errors import BryggaError
from brygga.reconcile import RECONCILE_CATEGORIES
from brygga.reconcile.words import THINGS, field_label
from brygga.store import Store
from brygga.store.reconcile import Finding, ReconcileStore
from brygga.transfer.options import TransferOptions
from brygga.web.i18n import category_label
from brygga.web.pages import PageKit, lang_of, redirect_response
from brygga.web.reconcile_jobs import ReconcileBusy, ReconcileJob, ReconcileJobs, preview_repair
from brygga.web.texts_report import report_translator

__all__ = ["reconcile_router"]

SYSTEMS = {"pm": "Visma PM", "eekonomi": "Visma eEkonomi"}


def reconcile_router(kit: PageKit, jobs: ReconcileJobs) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin), Depends(kit.require_csrf)])

    async def page(request: Request, status_code: int = 200, **extra: Any) -> Response:
        store = await kit.store(request)
        lang = lang_of(request)
        context = await run_in_threadpool(_context, store, lang)
        job = jobs.latest(store.tenant)
        context.update(job=job, job_view=_job_view(job, lang) if job else None, **extra)
        return kit.render(request, "reconcile.html", status_code=status_code, **context)

    @router.get("/reconcile")
    async def reconcile_page(request: Request) -> Response:
        return await page(request)

    @router.post("/reconcile")
    async def reconcile_now(request: Request) -> Response:
        store = await kit.store(request)
        try:
            jobs.start(store, "reconcile")
        except ReconcileBusy:
            return await page(request, status_code=409, busy=True)
        return redirect_response(request, "/reconcile")

    @router.post("/reconcile/findings/{finding_id}/preview")
    async def preview(request: Request, finding_id: int) -> Response:
        store = await kit.store(request)
        finding = await run_in_threadpool(_finding, store, finding_id)
        try:
            planned = await preview_repair(store, kit.settings.model_copy(update={"tenant": store.tenant}), finding)
        except BryggaError as exc:
            return await page(request, status_code=409, preview_problem=_words(exc, lang_of(request)))
        english = lang_of(request) == "en"
        texts = [outcome.text_en if english else outcome.text for outcome in planned]
        return await page(request, preview_id=finding_id, preview_texts=texts)

    @router.post("/reconcile/findings/{finding_id}/repair")
    async def repair(request: Request, finding_id: int) -> Response:
        store = await kit.store(request)
        finding = await run_in_threadpool(_finding, store, finding_id)
        try:
            jobs.start(store, "repair", finding)
        except ReconcileBusy:
            return await page(request, status_code=409, busy=True)
        return redirect_response(request, f"/reconcile#finding-{finding_id}")

    return router


def _finding(store: Store, finding_id: int) -> Finding:
    """An open, repairable finding of the company's latest reconcile; anything else is not there to repair."""
    reconcile = ReconcileStore(store.db, store.tenant)
    latest = reconcile.latest_run()
    found = [f for f in reconcile.findings(latest.id) if f.id == finding_id] if latest else []
    if not found or not found[0].repair or found[0].state != "open":
        raise HTTPException(status_code=404, detail="Okänd avvikelse.")
    return found[0]


def _context(store: Store, lang: str) -> dict[str, Any]:
    rt = report_translator(lang)
    reconcile = ReconcileStore(store.db, store.tenant)
    latest = reconcile.latest_run()
    findings = reconcile.findings(latest.id) if latest else []
    options = TransferOptions.from_store(store.settings.all())
    groups = []
    for category in RECONCILE_CATEGORIES:
        views = [_finding_view(f, lang, _master(options, category)) for f in findings if f.category == category]
        if views:
            groups.append(
                {"category": category, "label": category_label(THINGS[category].transfer, lang), "items": views}
            )
    open_count = sum(1 for f in findings if f.state == "open")
    not_checked = reconcile.progress(latest.id).get("not_checked", {}) if latest else {}
    return {
        "not_checked": [
            {"label": category_label(THINGS[c].transfer, lang) if c in THINGS else c, "text": words.get(lang, "")}
            for c, words in not_checked.items()
        ],
        "rt": rt,
        "latest": latest,
        "status_text": rt(f"reconcile.state.{latest.status}") if latest else "",
        "trigger_text": rt(f"reconcile.trigger.{latest.trigger}") if latest else "",
        "groups": groups,
        "open_count": open_count,
        "found_text": rt("reconcile.found").replace("{count}", str(open_count)),
    }


def _master(options: TransferOptions, category: str) -> str:
    """Which system owns the category's fields: the settings S1 and S2; Visma PM for everything else."""
    if category == "customers":
        return options.master_customers
    if category == "articles":
        return options.master_articles
    return "pm"


def _finding_view(finding: Finding, lang: str, master: str) -> dict[str, Any]:
    english = lang == "en"
    label = field_label(finding.field)[1 if english else 0] if finding.field else ""
    transfer = THINGS[finding.category].transfer if finding.category in THINGS else finding.category
    detail = [part for part in (finding.detail, finding.kind) if part]
    return {
        "finding": finding,
        "title": finding.title_en if english and finding.title_en else finding.title,
        "hint": finding.hint_en if english and finding.hint_en else finding.hint,
        "field": label,
        "wrong_system": finding.changed_in is not None and finding.changed_in != master,
        "changed_in": SYSTEMS.get(finding.changed_in or "", ""),
        "detail": " · ".join(detail),
        "history": f"/object/{quote(transfer, safe='')}/{quote(finding.object_key, safe='')}",
    }


def _words(exc: BryggaError, lang: str) -> dict[str, str]:
    english = lang == "en"
    message = (getattr(exc, "message_en", "") if english else "") or getattr(exc, "message", None) or str(exc)
    hint = (getattr(exc, "hint_en", "") if english else "") or getattr(exc, "hint", "") or ""
    return {"message": str(message), "hint": str(hint)}


def _job_view(job: ReconcileJob, lang: str) -> dict[str, Any]:
    english = lang == "en"
    return {
        "running": not job.done,
        "problem": (job.problem_en if english and job.problem_en else job.problem),
        "hint": (job.hint_en if english and job.hint_en else job.hint),
        "repairs": [
            {"text": r.text_en if english else r.text, "applied": r.applied, "error": r.error, "id": r.finding_id}
            for r in job.repairs
        ],
    }

"""The schedule form and the pause on Dataöverföring: ``POST /schedule`` saves one category's schedule of the
page's company (through ``store.schedules.set``, as ``brygga schedule set`` does) or says next to each field what
is wrong, saving nothing; ``POST /schedule/resume`` lifts the company's pause (``brygga schedule resume``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from brygga.web import schedule_form
from brygga.web.i18n import translator
from brygga.web.pages import PageKit, lang_of, redirect_response
from brygga.web.schedule_form import DAY_KEYS, SCHEDULED, parse_form, read_form, schedule_section
from brygga.web.texts_schedule import WEEKDAYS

__all__ = ["PageContext", "schedule_context", "schedule_router"]

# Dataöverföring's whole context (for a refused form posted without htmx, answered with the whole page).
PageContext = Callable[[Request], Awaitable[dict[str, Any]]]


def schedule_context(lang: str) -> dict[str, Any]:
    """What ``schedules.html`` needs besides the section: the weekday boxes' values and names."""
    return {"day_keys": DAY_KEYS, "day_names": WEEKDAYS["en" if lang == "en" else "sv"]}


def schedule_router(kit: PageKit, page_context: PageContext) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin), Depends(kit.require_csrf)])

    @router.post("/schedule")
    async def save_schedule(request: Request) -> Response:
        store = await kit.store(request)
        lang = lang_of(request)
        posted = await request.form()
        values = {key: value for key, value in posted.items() if isinstance(value, str)}
        days = [value for value in posted.getlist("days") if isinstance(value, str)]
        category = values.get("category", "")
        form = read_form(values, days)
        if category not in SCHEDULED:
            schedule, problems = None, {"kind": translator(lang)("schedule.unknown_category")}
        else:
            schedule, problems = parse_form(form, lang)
        if schedule is not None:
            await run_in_threadpool(store.schedules.set, category, schedule)
            if not request.headers.get("HX-Request"):
                return redirect_response(request, f"/#schedule-{category}")
        section = await run_in_threadpool(
            schedule_section, store, lang, schedule_form.now(), edited=category, form=form, problems=problems
        )
        status = 422 if problems else 200
        if request.headers.get("HX-Request"):
            return kit.render(request, "schedules.html", status_code=status, section=section, **schedule_context(lang))
        context = await page_context(request)
        context["section"] = section
        return kit.render(request, "transfer.html", status_code=status, **context)

    @router.post("/schedule/resume")
    async def resume(request: Request) -> Response:
        store = await kit.store(request)
        lifted = await run_in_threadpool(store.schedules.resume)
        return redirect_response(request, f"/?resumed={'1' if lifted else '0'}")

    return router

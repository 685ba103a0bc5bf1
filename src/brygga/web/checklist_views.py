"""Checklista igångkörning (rule O11) on a page: the pre-flight check of ``brygga doctor`` for people who never
open a terminal. Reading it only reads both systems; nothing is written."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from brygga.doctor import Lang, run_doctor
from brygga.web.pages import PageKit, lang_of

__all__ = ["checklist_router"]


def checklist_router(kit: PageKit) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin)])

    @router.get("/checklist")
    async def checklist(request: Request) -> Response:
        lang: Lang = "en" if lang_of(request) == "en" else "sv"
        report = await run_doctor(await kit.store(request), kit.settings, lang=lang)
        return kit.render(request, "checklist.html", report=report, report_lang=lang)

    return router

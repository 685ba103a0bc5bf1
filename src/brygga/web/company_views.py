"""Företag: the companies this installation works for, the picker that chooses one (a cookie every page, fragment
and form then works with), and adding a company. Removing one is ``brygga companies remove``, which shows first
everything it deletes."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from brygga.errors import ConfigError
from brygga.store import Database
from brygga.store.companies import CompanyRegistry
from brygga.web.i18n import translator
from brygga.web.pages import COMPANY_COOKIE, PageKit, company_of, lang_of, redirect_response

__all__ = ["CompanyLine", "company_router"]

COOKIE_SECONDS = 365 * 24 * 3600


@dataclass(frozen=True)
class CompanyLine:
    id: str
    name: str
    connected: int
    links: int
    runs: int


def company_router(kit: PageKit) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin), Depends(kit.require_csrf)])

    async def page(request: Request, status_code: int = 200, problem: str | None = None) -> Response:
        lines = await run_in_threadpool(_lines, kit.stores.database())
        return kit.render(request, "companies.html", status_code=status_code, lines=lines, problem=problem)

    @router.get("/companies")
    async def show(request: Request) -> Response:
        return await page(request)

    @router.post("/companies/choose")
    async def choose(request: Request, choose: str = Form(""), back: str = Form("/")) -> Response:
        known = {c.id for c in await run_in_threadpool(kit.stores.companies)}
        if choose not in known:
            raise HTTPException(status_code=404, detail=translator(lang_of(request))("company.unknown"))
        response = redirect_response(request, _local(back))
        response.set_cookie(
            COMPANY_COOKIE,
            choose,
            max_age=COOKIE_SECONDS,
            httponly=True,
            samesite="lax",
            path="/",
            secure=request.url.scheme == "https",
        )
        return response

    @router.post("/companies")
    async def add(request: Request, new_id: str = Form(""), new_name: str = Form("")) -> Response:
        registry = CompanyRegistry(kit.stores.database())
        try:
            await run_in_threadpool(registry.add, new_id.strip(), new_name)
        except ConfigError as exc:
            return await page(request, 422, problem=f"{exc.message} {exc.hint}".strip())
        response = await page(request)
        if company_of(request) is None:  # the first choice among several: the new one is as good as any
            response.set_cookie(COMPANY_COOKIE, new_id.strip(), max_age=COOKIE_SECONDS, httponly=True, samesite="lax")
        return response

    return router


def _local(path: str) -> str:
    """Back to the page the picker was on, never to another site."""
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or not path.startswith("/") or path.startswith("//"):
        return "/"
    # A page's own query (a run's errors) belongs to the company it was of; the new company starts at the page.
    return parts.path


def _lines(db: Database) -> list[CompanyLine]:
    registry = CompanyRegistry(db)
    result = []
    for company in registry.all():
        counts = registry.counts(company.id)
        result.append(
            CompanyLine(
                company.id, company.name, counts.get("connection", 0), counts.get("link", 0), counts.get("run", 0)
            )
        )
    return result

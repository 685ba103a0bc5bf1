"""What every HTML page shares: the session and language per request, the guards, and rendering.

``PageKit.middleware`` loads the signed session cookie, the language and the company (the ``brygga_company``
cookie, which the picker in the header sets; the only company when there is one) before a page runs and writes
the session cookie back when it changed. Every page, fragment and form works on that company's store
(``PageKit.store``); a form or htmx request also says which company its page showed, and one whose company is
no longer the chosen one (changed in another tab) is refused rather than applied to the other company.

The guards are FastAPI dependencies: ``require_admin`` sends a visitor to the
setup page while no password exists and to the login page until logged in; ``require_csrf`` refuses a POST
whose token (form field or the header htmx sends) is not the session's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from brygga.actor import acting, web_actor
from brygga.calendar_se import local_time
from brygga.config import Settings
from brygga.store import Store
from brygga.store.companies import CompanyRegistry
from brygga.web.access import password_is_set, session_secret
from brygga.web.company_watch import CompanyWatch
from brygga.web.i18n import (
    LANG_COOKIE,
    LANGUAGES,
    category_label,
    counts_text,
    pick_lang,
    progress_label,
    translator,
)
from brygga.web.sessions import CSRF_FIELD, CSRF_HEADER, SessionCodec, WebSession
from brygga.web.stores import StoreHolder

__all__ = [
    "COMPANY_COOKIE",
    "COMPANY_FIELD",
    "COMPANY_HEADER",
    "PageKit",
    "Redirect",
    "company_of",
    "local_time",
    "redirect_response",
]

TEMPLATES_DIR = Path(__file__).parent / "templates"
# Paths that are not pages: the order intake has its own API keys, and these need no session cookie.
_NO_SESSION_PREFIXES = ("/api/", "/healthz", "/readyz", "/metrics", "/static/")
COMPANY_COOKIE = "brygga_company"
COMPANY_FIELD = "company"
COMPANY_HEADER = "X-Brygga-Company"


class Redirect(Exception):  # a control-flow signal for the guards, not an error
    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


def redirect_response(request: Request, location: str) -> Response:
    """htmx follows ``HX-Redirect`` with a full page load; a plain browser follows the 303."""
    if request.headers.get("HX-Request"):
        return Response(status_code=200, headers={"HX-Redirect": location})
    return RedirectResponse(location, status_code=303)


class PageKit:
    def __init__(self, stores: StoreHolder, settings: Settings, watch: CompanyWatch | None = None) -> None:
        self.stores = stores
        self.settings = settings
        self.watch = watch or CompanyWatch(settings)
        self.templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
        self._codec: SessionCodec | None = None
        self._codec_lock = asyncio.Lock()

    async def store(self, request: Request) -> Store:
        """The store of the company the request is for; none chosen among several sends the admin to pick one."""
        company = company_of(request)
        if company is None:
            raise Redirect("/companies")
        return await run_in_threadpool(self.stores.for_company, company)

    async def installation(self) -> Store:
        return await run_in_threadpool(self.stores.installation)

    async def codec(self) -> SessionCodec:
        async with self._codec_lock:
            if self._codec is None:
                store = await self.installation()
                self._codec = SessionCodec(await run_in_threadpool(session_secret, store))
            return self._codec

    def _choose_company(self, request: Request) -> tuple[str | None, list[tuple[str, str]]]:
        companies = [(c.id, c.name) for c in CompanyRegistry(self.stores.database()).all()]
        known = [company_id for company_id, _ in companies]
        chosen = request.cookies.get(COMPANY_COOKIE)
        if chosen in known:
            return chosen, companies
        return (known[0] if len(known) == 1 else None), companies

    async def middleware(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if request.url.path.startswith(_NO_SESSION_PREFIXES):
            return await call_next(request)
        codec = await self.codec()
        session = codec.load(request)
        request.state.session = session
        request.state.lang = pick_lang(request, self.settings)
        request.state.company, request.state.companies = await run_in_threadpool(self._choose_company, request)
        if session.admin and request.method == "GET" and not request.headers.get("HX-Request") and company_of(request):
            # Rule X4 on every full page (not on the polled fragments): cached, so one API call a minute at most.
            request.state.company_warning = await self.watch.warning(await self.store(request))
        with acting(web_actor(session.admin)):  # the audit records this request's changes as the web's
            response = await call_next(request)
        if session.changed:
            codec.store(session, request, response)
        chosen = request.query_params.get("lang")
        if chosen in LANGUAGES:
            response.set_cookie(LANG_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="strict", httponly=True)
        return response

    async def require_admin(self, request: Request) -> None:
        store = await self.installation()
        if not await run_in_threadpool(password_is_set, store):
            raise Redirect("/setup")
        if not session_of(request).admin:
            raise Redirect("/login")

    async def require_csrf(self, request: Request) -> None:
        if request.method != "POST":
            return
        offered = request.headers.get(CSRF_HEADER)
        company = request.headers.get(COMPANY_HEADER)
        if request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            form = await request.form()
            field, company_field = form.get(CSRF_FIELD), form.get(COMPANY_FIELD)
            offered = offered or (field if isinstance(field, str) else None)
            company = company or (company_field if isinstance(company_field, str) else None)
        if not session_of(request).token_matches(offered):
            raise HTTPException(status_code=403, detail=translator(lang_of(request))("csrf.refused"))
        if company and company != company_of(request):  # the page was of another company (another tab chose anew)
            raise HTTPException(status_code=409, detail=translator(lang_of(request))("company.changed"))

    def render(self, request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        lang = lang_of(request)
        session = session_of(request)
        base = {
            "lang": lang,
            "other_lang": "en" if lang == "sv" else "sv",
            "t": translator(lang),
            "category_label": lambda category, button=False: category_label(category, lang, button=button),
            "progress_label": lambda swedish: progress_label(swedish, lang),
            "counts_text": lambda counts: counts_text(counts, lang),
            "csrf": session.csrf,
            "csrf_field": CSRF_FIELD,
            "csrf_header": CSRF_HEADER,
            "logged_in": session.admin,
            "path": request.url.path,
            "company_warning": getattr(request.state, "company_warning", None),
            "company_id": company_of(request) or "",
            "company_field": COMPANY_FIELD,
            "company_header": COMPANY_HEADER,
            "companies": getattr(request.state, "companies", []),
            "local_time": local_time,
        }
        return self.templates.TemplateResponse(request, template, {**base, **context}, status_code=status_code)


def session_of(request: Request) -> WebSession:
    session = getattr(request.state, "session", None)
    return session if isinstance(session, WebSession) else WebSession.fresh()


def company_of(request: Request) -> str | None:
    """The company the request is for (``None``: several, and none chosen yet)."""
    company = getattr(request.state, "company", None)
    return company if isinstance(company, str) else None


def lang_of(request: Request) -> str:
    lang = getattr(request.state, "lang", "sv")
    return lang if isinstance(lang, str) else "sv"

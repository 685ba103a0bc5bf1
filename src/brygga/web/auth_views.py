"""First start (choose the admin password), login and logout."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from brygga.errors import ConfigError
from brygga.web.access import password_is_set, set_password, verify_password
from brygga.web.i18n import translator
from brygga.web.login_throttle import LoginThrottle
from brygga.web.pages import PageKit, lang_of, redirect_response, session_of

__all__ = ["auth_router"]


def auth_router(kit: PageKit, throttle: LoginThrottle | None = None) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_csrf)])
    throttle = throttle or LoginThrottle()

    @router.get("/setup")
    async def setup_page(request: Request) -> Response:
        if await run_in_threadpool(password_is_set, await kit.installation()):
            return redirect_response(request, "/login")
        return kit.render(request, "setup.html", problem=None)

    @router.post("/setup")
    async def setup(request: Request, password: str = Form(""), repeat: str = Form("")) -> Response:
        store = await kit.installation()
        # Once a password exists, only a logged-in admin could change it, and not on this page.
        if await run_in_threadpool(password_is_set, store):
            return redirect_response(request, "/login")
        if password != repeat:
            problem = translator(lang_of(request))("setup.mismatch")
            return kit.render(request, "setup.html", status_code=422, problem=problem)
        try:
            await run_in_threadpool(set_password, store, password)
        except ConfigError as exc:
            return kit.render(request, "setup.html", status_code=422, problem=f"{exc.message} {exc.hint}")
        session_of(request).log_in()
        return redirect_response(request, "/")

    @router.get("/login")
    async def login_page(request: Request) -> Response:
        if not await run_in_threadpool(password_is_set, await kit.installation()):
            return redirect_response(request, "/setup")
        return kit.render(request, "login.html", problem=None)

    @router.post("/login")
    async def login(request: Request, password: str = Form("")) -> Response:
        address = request.client.host if request.client else "-"
        t = translator(lang_of(request))
        wait = throttle.wait_minutes(address)
        if wait:
            problem = t("login.throttled").format(minutes=wait)
            return kit.render(request, "login.html", status_code=429, problem=problem)
        if not await run_in_threadpool(verify_password, await kit.installation(), password):
            throttle.failed(address)
            return kit.render(request, "login.html", status_code=401, problem=t("login.wrong"))
        throttle.succeeded(address)
        session_of(request).log_in()
        return redirect_response(request, "/")

    @router.post("/logout")
    async def logout(request: Request) -> Response:
        session_of(request).log_out()
        return redirect_response(request, "/login")

    return router

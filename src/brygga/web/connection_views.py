"""Anslutningar: connect Visma eEkonomi (OAuth2) and Visma PM (client credentials), show them, disconnect.

Connecting reuses ``brygga connect``'s functions. Against an eEkonomi emulator on this machine the OAuth flow
completes unattended, as in the CLI; against Visma the authorization opens a browser on the machine that runs
brygga, which is the admin's own when brygga serves on loopback.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from brygga.connections import EEK_API, EEK_AUTH, SEVERA_API, connect_eekonomi, connect_severa
from brygga.errors import BryggaError, ConfigError
from brygga.store import ConnectionInfo
from brygga.web.access import is_loopback
from brygga.web.disconnect import SYSTEMS, delete_connection
from brygga.web.pages import PageKit, redirect_response

__all__ = ["connection_router"]


def connection_router(kit: PageKit) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin), Depends(kit.require_csrf)])

    async def page(request: Request, status_code: int = 200, **messages: str) -> Response:
        store = await kit.store()
        connections: dict[str, ConnectionInfo | None] = {
            system: await run_in_threadpool(store.connections.get, system) for system in SYSTEMS
        }
        defaults = {"eek_api": EEK_API, "eek_auth": EEK_AUTH, "pm_api": SEVERA_API}
        return kit.render(
            request,
            "connections.html",
            status_code=status_code,
            connections=connections,
            defaults=defaults,
            messages=messages,
        )

    @router.get("/connections")
    async def show(request: Request) -> Response:
        return await page(request)

    @router.post("/connections/eekonomi")
    async def connect_eek(
        request: Request,
        api_url: str = Form(...),
        auth_url: str = Form(...),
        client_id: str = Form(""),
        client_secret: str = Form(""),
    ) -> Response:
        try:
            client_id, client_secret = _eek_client(auth_url, client_id.strip(), client_secret)
            company = await connect_eekonomi(
                await kit.store(),
                kit.settings,
                api_url=api_url.strip(),
                auth_url=auth_url.strip(),
                client_id=client_id,
                client_secret=client_secret,
            )
        except BryggaError as exc:
            return await page(request, 422, eekonomi_error=_describe(exc))
        return await page(request, eekonomi_ok=company)

    @router.post("/connections/severa")
    async def connect_pm(
        request: Request, api_url: str = Form(...), client_id: str = Form(""), client_secret: str = Form("")
    ) -> Response:
        try:
            await connect_severa(
                await kit.store(), api_url=api_url.strip(), client_id=client_id.strip(), client_secret=client_secret
            )
        except BryggaError as exc:
            return await page(request, 422, severa_error=_describe(exc))
        return await page(request, severa_ok=api_url.strip())

    @router.post("/connections/{system}/disconnect")
    async def disconnect(request: Request, system: str) -> Response:
        if system not in SYSTEMS:
            raise HTTPException(status_code=404, detail="Okänt system.")
        await run_in_threadpool(delete_connection, await kit.store(), system)
        return redirect_response(request, "/connections")

    return router


def _eek_client(auth_url: str, client_id: str, secret: str) -> tuple[str, str]:
    """The emulator's public demo client on loopback when none is given, as ``brygga connect eekonomi`` does."""
    if not client_id and not secret and is_loopback(urlsplit(auth_url).hostname or ""):
        from brygga_emulators.eekonomi import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

        return DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
    if not client_id or not secret:
        raise ConfigError(
            "Klient-id och klienthemlighet behövs för Visma eEkonomi.",
            hint="Ange klienten ni registrerat hos Visma; se README.",
        )
    return client_id, secret


def _describe(exc: BryggaError) -> str:
    message = str(getattr(exc, "message", None) or exc)
    hint = str(getattr(exc, "hint", "") or "")
    return f"{message} {hint}".strip()

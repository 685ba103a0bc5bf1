"""Anslutningar: connect Visma eEkonomi (OAuth2 in the admin's browser) and Visma PM (client credentials),
show the connected company, disconnect.

eEkonomi: "Anslut" sends the browser to Visma's identity server (company picker forced); Visma sends it back
to ``/connections/eekonomi/callback``, which checks the ``state``, exchanges the code and stores the tokens
encrypted. That callback URL must be registered with Visma as a redirect URI of the client.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from brygga.connections import (
    EEK_API,
    EEK_AUTH,
    SEVERA_API,
    connect_severa,
    loopback_demo_client,
    save_eekonomi_connection,
)
from brygga.eekonomi import EEkonomiOAuthConfig
from brygga.eekonomi.oauth import authorize_url, exchange_code
from brygga.errors import BryggaError, ConfigError
from brygga.store import ConnectionInfo
from brygga.web.disconnect import SYSTEMS, delete_connection
from brygga.web.oauth_flow import PendingConnections
from brygga.web.pages import PageKit, redirect_response, session_of

__all__ = ["CALLBACK_PATH", "connection_router"]

CALLBACK_PATH = "/connections/eekonomi/callback"


def connection_router(kit: PageKit, flows: PendingConnections) -> APIRouter:
    watch = kit.watch
    router = APIRouter(dependencies=[Depends(kit.require_admin), Depends(kit.require_csrf)])

    async def page(request: Request, status_code: int = 200, **messages: str) -> Response:
        store = await kit.store(request)
        connections: dict[str, ConnectionInfo | None] = {
            system: await run_in_threadpool(store.connections.get, system) for system in SYSTEMS
        }
        warning = await kit.watch.warning(store)
        eek = connections["eekonomi"]
        if request.query_params.get("eekonomi") in ("ok", "changed") and eek is not None and not messages:
            messages = {"eekonomi_ok": _company_line(eek)} if warning is None else {}
        defaults = {"eek_api": EEK_API, "eek_auth": EEK_AUTH, "pm_api": SEVERA_API}
        return kit.render(
            request,
            "connections.html",
            status_code=status_code,
            connections=connections,
            defaults=defaults,
            messages=messages,
            company_warning=warning,
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
        client_secret = client_secret or await _kept_secret(kit, request, "eekonomi", client_id.strip())
        try:
            client_id, client_secret = _eek_client(auth_url, client_id.strip(), client_secret)
        except BryggaError as exc:
            return await page(request, 422, eekonomi_error=_describe(exc))
        config = EEkonomiOAuthConfig(client_id, client_secret, auth_url.strip().rstrip("/"))
        redirect_uri = _callback_url(request, kit.settings.public_url)
        company = (await kit.store(request)).tenant
        state = flows.begin(session_of(request), config, api_url.strip(), redirect_uri, company)
        return redirect_response(request, authorize_url(config, redirect_uri, state))

    @router.get(CALLBACK_PATH, name="eekonomi_callback")
    async def eek_callback(request: Request, state: str = "", code: str = "", error: str = "") -> Response:
        try:
            pending = flows.take(state, session_of(request))
        except BryggaError as exc:
            return await page(request, 422, eekonomi_error=_describe(exc))
        try:
            if error or not code:
                raise ConfigError(
                    f"Visma eEkonomi godkände inte anslutningen ({error or 'ingen kod'}).",
                    hint="Börja om med Anslut och godkänn brygga för rätt företag.",
                )
            tokens = await exchange_code(pending.config, code, pending.redirect_uri)
            # The company the connection was begun for, whichever one the browser has chosen since.
            store = await run_in_threadpool(kit.stores.for_company, pending.company)
            connected = await save_eekonomi_connection(
                store, kit.settings, api_url=pending.api_url, config=pending.config, tokens=tokens
            )
        except BryggaError as exc:
            return await page(request, 422, eekonomi_error=_describe(exc))
        finally:
            watch.forget(pending.company)
        # Post/redirect/get: a reload must not offer the used code again.
        return redirect_response(request, "/connections?eekonomi=" + ("changed" if connected.changed else "ok"))

    @router.post("/connections/severa")
    async def connect_pm(
        request: Request, api_url: str = Form(...), client_id: str = Form(""), client_secret: str = Form("")
    ) -> Response:
        client_secret = client_secret or await _kept_secret(kit, request, "severa", client_id.strip())
        try:
            await connect_severa(
                await kit.store(request),
                api_url=api_url.strip(),
                client_id=client_id.strip(),
                client_secret=client_secret,
            )
        except BryggaError as exc:
            return await page(request, 422, severa_error=_describe(exc))
        return await page(request, severa_ok=api_url.strip())

    @router.post("/connections/{system}/disconnect")
    async def disconnect(request: Request, system: str) -> Response:
        if system not in SYSTEMS:
            raise HTTPException(status_code=404, detail="Okänt system.")
        store = await kit.store(request)
        await run_in_threadpool(delete_connection, store, system)
        watch.forget(store.tenant)
        return redirect_response(request, "/connections")

    return router


def _eek_client(auth_url: str, client_id: str, secret: str) -> tuple[str, str]:
    """The emulator's public demo client on loopback when none is given, as ``brygga connect eekonomi`` does."""
    demo = loopback_demo_client(auth_url) if not client_id and not secret else None
    if demo is not None:
        return demo
    if not client_id or not secret:
        raise ConfigError(
            "Klient-id och klienthemlighet behövs för Visma eEkonomi.",
            hint="Ange klienten ni registrerat hos Visma; se README.",
        )
    return client_id, secret


async def _kept_secret(kit: PageKit, request: Request, system: str, client_id: str) -> str:
    """Connecting again with the same client: an empty secret field keeps the stored (encrypted) secret, which
    the page never shows."""
    info = await run_in_threadpool((await kit.store(request)).connections.get, system)
    if info is None or not client_id or info.client_id != client_id:
        return ""
    return info.client_secret or ""


def _callback_url(request: Request, public_url: str | None) -> str:
    """Visma compares the redirect URI with the registered one character by character: behind a proxy, or when
    the browser uses another name than the one registered, ``BRYGGA_PUBLIC_URL`` says which address that is."""
    if public_url:
        return public_url.rstrip("/") + CALLBACK_PATH
    return str(request.url_for("eekonomi_callback"))


def _company_line(info: ConnectionInfo) -> str:
    return f"{info.company_name or '-'} ({info.company_org_number or '-'})"


def _describe(exc: BryggaError) -> str:
    message = str(getattr(exc, "message", None) or exc)
    hint = str(getattr(exc, "hint", "") or "")
    return f"{message} {hint}".strip()

"""Larm: the company's alert recipients (add e-mail or webhook, remove, send a test), its open alerts per category
and the messages not delivered yet with the latest reason; and ``/alerts/company/{id}``, the link in every alert,
which chooses that company and shows its Felmeddelanden."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from brygga.alerts.manage import add_email, add_webhook, alert_status, error_text, test_all
from brygga.alerts.texts import category_words
from brygga.errors import ConfigError
from brygga.store.alerts import AlertStore
from brygga.web.pages import COMPANY_COOKIE, PageKit, lang_of, redirect_response

__all__ = ["alert_router"]

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Larm", "Alerts"),
    "intro": (
        "Mottagarna får ett meddelande när en kategori börjar misslyckas, en påminnelse efter sin tystnadsperiod om "
        'den fortfarande misslyckas, och ett "löst" när den går utan fel igen.',
        "Recipients get one message when a category starts failing, a reminder after their quiet period if it is "
        'still failing, and a "resolved" when it runs without errors again.',
    ),
    "open": ("Öppna larm", "Open alerts"),
    "none_open": ("Ingen kategori misslyckas.", "No category is failing."),
    "since": ("sedan", "since"),
    "undelivered": ("Ej levererade", "Not delivered"),
    "last_error": ("senaste fel", "latest error"),
    "recipients": ("Mottagare", "Recipients"),
    "none": ("Inga mottagare ännu.", "No recipients yet."),
    "kind": ("Typ", "Kind"),
    "address": ("Adress", "Address"),
    "language": ("Språk", "Language"),
    "reminder": ("Påminnelse (timmar)", "Reminder (hours)"),
    "daily": ("Daglig sammanfattning", "Daily summary"),
    "remove": ("Ta bort", "Remove"),
    "email": ("E-post", "E-mail"),
    "webhook": ("Webbhook", "Webhook"),
    "add_email": ("Lägg till e-post", "Add e-mail"),
    "add_webhook": ("Lägg till webbhook", "Add webhook"),
    "key": ("Signeringsnyckel (tom: en skapas)", "Signing key (empty: one is made)"),
    "new_key": (
        "Webbhookens signeringsnyckel. Kopiera den nu: den visas bara den här gången.",
        "The webhook's signing key. Copy it now: it is shown this one time only.",
    ),
    "test": ("Skicka testmeddelande", "Send a test message"),
    "got_through": ("kom fram", "got through"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
}


def _words(lang: str) -> dict[str, str]:
    return {key: pair[lang == "en"] for key, pair in WORDS.items()}


def alert_router(kit: PageKit) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin), Depends(kit.require_csrf)])

    async def page(request: Request, status_code: int = 200, **context: object) -> Response:
        store = await kit.store(request)
        lang = lang_of(request)
        status = await run_in_threadpool(alert_status, store)
        recipients = await run_in_threadpool(AlertStore(store.db, store.tenant).recipients)
        base: dict[str, object] = {
            "w": _words(lang),
            "status": status,
            "last_error": error_text(status.outbox.last_error, lang),
            "recipients": recipients,
            "category_words": lambda category: category_words(category, lang),
            "problem": None,
            "new_key": None,
            "tests": None,
        }
        response = kit.render(request, "alerts.html", status_code=status_code, **{**base, **context})
        response.headers["Cache-Control"] = "no-store"
        return response

    def refused(request: Request, exc: ConfigError) -> str:
        if lang_of(request) == "en":
            return f"{exc.message_en or exc.message} {exc.hint_en or exc.hint}".strip()
        return f"{exc.message} {exc.hint}".strip()

    @router.get("/alerts")
    async def show(request: Request) -> Response:
        return await page(request)

    @router.post("/alerts/email")
    async def new_email(
        request: Request,
        address: str = Form(""),
        lang: str = Form("sv"),
        reminder_hours: int = Form(24),
        daily_summary: str = Form(""),
    ) -> Response:
        store = await kit.store(request)
        try:
            await run_in_threadpool(
                lambda: add_email(
                    store, address, lang=lang, reminder_hours=reminder_hours, daily_summary=bool(daily_summary)
                )
            )
        except ConfigError as exc:
            return await page(request, 422, problem=refused(request, exc))
        return redirect_response(request, "/alerts")

    @router.post("/alerts/webhook")
    async def new_webhook(
        request: Request,
        url: str = Form(""),
        key: str = Form(""),
        lang: str = Form("sv"),
        reminder_hours: int = Form(24),
        daily_summary: str = Form(""),
    ) -> Response:
        store = await kit.store(request)
        try:
            _, signing_key = await run_in_threadpool(
                lambda: add_webhook(
                    store,
                    url,
                    key=key.strip() or None,
                    lang=lang,
                    reminder_hours=reminder_hours,
                    daily_summary=bool(daily_summary),
                )
            )
        except ConfigError as exc:
            return await page(request, 422, problem=refused(request, exc))
        return await page(request, new_key=None if key.strip() else signing_key)

    @router.post("/alerts/{recipient_id}/remove")
    async def remove(request: Request, recipient_id: int) -> Response:
        store = await kit.store(request)
        if not await run_in_threadpool(AlertStore(store.db, store.tenant).remove_recipient, recipient_id):
            raise HTTPException(status_code=404, detail=_words(lang_of(request))["none"])
        return redirect_response(request, "/alerts")

    @router.post("/alerts/test")
    async def test(request: Request) -> Response:
        store = await kit.store(request)
        results = await run_in_threadpool(test_all, store, kit.settings, lang_of(request))
        return await page(request, tests=results)

    @router.get("/alerts/company/{company}")
    async def open_company(request: Request, company: str) -> Response:
        """The link in an alert: that company's Felmeddelanden (an unknown company: the list of companies)."""
        known = {c.id for c in await run_in_threadpool(kit.stores.companies)}
        if company not in known:
            return redirect_response(request, "/companies")
        response = redirect_response(request, "/errors")
        response.set_cookie(
            COMPANY_COOKIE,
            company,
            max_age=365 * 24 * 3600,
            httponly=True,
            samesite="lax",
            path="/",
            secure=request.url.scheme == "https",
        )
        return response

    return router

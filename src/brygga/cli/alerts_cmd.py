"""``brygga alerts add|list|remove|test|status|retry``: who hears of a company's failing categories (e-mail or a
signed webhook), a test message to each, the open alerts and undelivered messages, and delivery tried again."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from brygga.cli.common import LANG, JsonOpt, _typer, app, console, open_cli_store, print_json, t

__all__ = ["alerts_app"]

alerts_app = _typer(
    t(
        'Larm: e-post eller webbhook när en kategori börjar misslyckas, påminnelse och "löst".',
        'Alerts: e-mail or webhook when a category starts failing, a reminder and "resolved".',
    )
)
add_app = _typer(t("Lägg till en mottagare av larm.", "Add a recipient of alerts."))
alerts_app.add_typer(add_app, name="add")
app.add_typer(alerts_app, name="alerts")

LangOpt = Annotated[
    str, typer.Option("--lang", help=t("Mottagarens språk: sv eller en.", "The recipient's language: sv or en."))
]
HoursOpt = Annotated[
    int,
    typer.Option(
        "--reminder-hours",
        help=t(
            "Påminnelse efter så många timmar om kategorin fortfarande misslyckas.",
            "Remind after this many hours if the category still fails.",
        ),
    ),
]
SummaryOpt = Annotated[
    bool,
    typer.Option("--daily-summary", help=t("Skicka också en daglig sammanfattning.", "Also send a daily summary.")),
]


@add_app.command(
    "email", help=t("Larm med e-post (via BRYGGA_SMTP_HOST).", "Alerts by e-mail (through BRYGGA_SMTP_HOST).")
)
def add_email(
    address: Annotated[str, typer.Argument(help=t("E-postadressen", "The e-mail address"))],
    lang: LangOpt = "sv",
    reminder_hours: HoursOpt = 24,
    daily_summary: SummaryOpt = False,
) -> None:
    from brygga.alerts.manage import add_email as add

    _, store = open_cli_store()
    try:
        recipient = add(store, address, lang=lang, reminder_hours=reminder_hours, daily_summary=daily_summary)
    finally:
        store.db.dispose()
    console.print(
        t(
            f"Mottagare {recipient.id} tillagd: {escape(recipient.shown)}",
            f"Recipient {recipient.id} added: {escape(recipient.shown)}",
        )
    )


@add_app.command(
    "webhook",
    help=t(
        "Larm som signerad JSON-POST (HMAC-SHA256; se README, Larm).",
        "Alerts as a signed JSON POST (HMAC-SHA256; see README, Larm).",
    ),
)
def add_webhook(
    url: Annotated[str, typer.Argument(help=t("Webbhookens adress", "The webhook's address"))],
    key: Annotated[
        str | None,
        typer.Option(
            "--key",
            help=t(
                "Signeringsnyckel (annars skapas en och visas en gång).",
                "Signing key (else one is made and shown once).",
            ),
        ),
    ] = None,
    lang: LangOpt = "sv",
    reminder_hours: HoursOpt = 24,
    daily_summary: SummaryOpt = False,
) -> None:
    from brygga.alerts.manage import add_webhook as add

    _, store = open_cli_store()
    try:
        recipient, signing_key = add(
            store, url, key=key, lang=lang, reminder_hours=reminder_hours, daily_summary=daily_summary
        )
    finally:
        store.db.dispose()
    console.print(
        t(
            f"Mottagare {recipient.id} tillagd: {escape(recipient.shown)}",
            f"Recipient {recipient.id} added: {escape(recipient.shown)}",
        )
    )
    if key is None:
        console.print(
            t(
                "Signeringsnyckel (visas bara nu; mottagaren kontrollerar X-Brygga-Signature med den):",
                "Signing key (shown only now; the receiver checks X-Brygga-Signature with it):",
            )
        )
        console.print(signing_key, markup=False, highlight=False)


@alerts_app.command("list", help=t("Visa företagets mottagare av larm.", "Show the company's alert recipients."))
def list_recipients(as_json: JsonOpt = False) -> None:
    from brygga.store.alerts import AlertStore

    settings, store = open_cli_store()
    try:
        recipients = AlertStore(store.db, store.tenant).recipients()
    finally:
        store.db.dispose()
    if as_json:
        print_json(
            {
                "company": settings.tenant,
                "recipients": [
                    {
                        "id": r.id,
                        "kind": r.kind,
                        "address": r.shown,
                        "lang": r.lang,
                        "reminder_hours": r.reminder_hours,
                        "daily_summary": r.daily_summary,
                    }
                    for r in recipients
                ],
            }
        )
        return
    if not recipients:
        console.print(
            t(
                "Inga mottagare. Lägg till med brygga alerts add email ADRESS.",
                "No recipients. Add one with brygga alerts add email ADDRESS.",
            )
        )
        return
    table = Table(
        t("Id", "Id"),
        t("Typ", "Kind"),
        t("Adress", "Address"),
        t("Språk", "Language"),
        t("Påminnelse", "Reminder"),
        t("Daglig", "Daily"),
    )
    for r in recipients:
        kind = t("e-post", "e-mail") if r.kind == "email" else t("webbhook", "webhook")
        daily = t("ja", "yes") if r.daily_summary else t("nej", "no")
        table.add_row(
            str(r.id), kind, escape(r.shown), r.lang, t(f"{r.reminder_hours} h", f"{r.reminder_hours} h"), daily
        )
    console.print(table)


@alerts_app.command(
    "remove",
    help=t(
        "Ta bort en mottagare (och dess ej levererade meddelanden).",
        "Remove a recipient (and its undelivered messages).",
    ),
)
def remove(
    recipient_id: Annotated[
        int,
        typer.Argument(
            metavar="ID", help=t("Mottagarens id (brygga alerts list)", "The recipient's id (brygga alerts list)")
        ),
    ],
) -> None:
    from brygga.store.alerts import AlertStore

    _, store = open_cli_store()
    try:
        removed = AlertStore(store.db, store.tenant).remove_recipient(recipient_id)
    finally:
        store.db.dispose()
    if not removed:
        console.print(
            t(
                f"Ingen mottagare {recipient_id} för det här företaget.",
                f"No recipient {recipient_id} for this company.",
            )
        )
        raise typer.Exit(1)
    console.print(t(f"Mottagare {recipient_id} borttagen.", f"Recipient {recipient_id} removed."))


@alerts_app.command(
    "test",
    help=t(
        "Skicka ett testmeddelande till varje mottagare och säg om det kom fram.",
        "Send a test message to every recipient and say whether it got through.",
    ),
)
def test(as_json: JsonOpt = False) -> None:
    from brygga.alerts.manage import test_all

    settings, store = open_cli_store()
    try:
        results = test_all(store, settings, LANG)
    finally:
        store.db.dispose()
    if as_json:
        print_json(
            {
                "results": [
                    {"id": r.recipient.id, "address": r.recipient.shown, "ok": r.ok, "error": r.error or None}
                    for r in results
                ]
            }
        )
    elif not results:
        console.print(t("Inga mottagare att testa.", "No recipients to test."))
    for r in results if not as_json else []:
        if r.ok:
            console.print(f"[green]✓[/] {r.recipient.id} {escape(r.recipient.shown)}: {t('kom fram', 'got through')}")
        else:
            console.print(f"[red]✗[/] {r.recipient.id} {escape(r.recipient.shown)}: {escape(r.error)}")
    if any(not r.ok for r in results):
        raise typer.Exit(1)


@alerts_app.command(
    "status",
    help=t(
        "Öppna larm per kategori och meddelanden som inte levererats.",
        "Open alerts per category and messages not delivered.",
    ),
)
def status(as_json: JsonOpt = False) -> None:
    from brygga.alerts.manage import alert_status, error_text
    from brygga.alerts.texts import category_words
    from brygga.calendar_se import local_time

    settings, store = open_cli_store()
    try:
        state = alert_status(store)
    finally:
        store.db.dispose()
    last_error = error_text(state.outbox.last_error, LANG)
    if as_json:
        print_json(
            {
                "company": settings.tenant,
                "open": [
                    {
                        "category": s.category,
                        "since": s.since.isoformat(),
                        "failed": s.failed_count,
                        "headline": s.headline,
                    }
                    for s in state.open
                ],
                "undelivered": state.outbox.undelivered,
                "delivered": state.outbox.delivered,
                "last_error": last_error or None,
            }
        )
        return
    if not state.open:
        console.print(t("Inga öppna larm: ingen kategori misslyckas.", "No open alerts: no category is failing."))
    for s in state.open:
        console.print(
            f"[red]●[/] {category_words(s.category, LANG)}: "
            + t(f"misslyckas sedan {local_time(s.since)}", f"failing since {local_time(s.since)}")
            + f" ({s.failed_count}) – {escape(s.headline)}"
        )
    line = t(f"Ej levererade: {state.outbox.undelivered}", f"Not delivered: {state.outbox.undelivered}")
    if last_error:
        line += t(f", senaste fel: {last_error}", f", latest error: {last_error}")
    console.print(escape(line))


@alerts_app.command(
    "retry",
    help=t(
        "Försök leverera larm som inte kommit fram (alla företag).",
        "Try again to deliver alerts that did not get through (every company).",
    ),
)
def retry() -> None:
    from brygga.alerts import deliver_everywhere

    settings, store = open_cli_store()
    try:
        result = deliver_everywhere(store.db, settings)
    finally:
        store.db.dispose()
    console.print(
        t(
            f"Levererade: {result.sent}, misslyckades: {result.failed}",
            f"Delivered: {result.sent}, failed: {result.failed}",
        )
    )
    if result.failed:
        raise typer.Exit(1)

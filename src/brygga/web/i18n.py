"""The pages' texts, Swedish first (the original's terms) with an English switch.

The language comes from ``?lang=sv|en`` (which also sets the ``lang`` cookie), then the cookie, then the
process setting ``BRYGGA_LANG``.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request

from brygga.config import Settings
from brygga.transfer.report import CATEGORY_LABELS
from brygga.web.texts_companies import COMPANY_TEXTS
from brygga.web.texts_schedule import SCHEDULE_TEXTS
from brygga.web.texts_transfer import TRANSFER_TEXTS

__all__ = [
    "LANGUAGES",
    "LANG_COOKIE",
    "TEXTS",
    "Translate",
    "category_label",
    "counts_text",
    "pick_lang",
    "progress_label",
    "translator",
]

LANG_COOKIE = "lang"
LANGUAGES = ("sv", "en")
Translate = Callable[[str], str]

TEXTS: dict[str, tuple[str, str]] = {
    "app": ("brygga", "brygga"),
    "nav.transfer": ("Dataöverföring", "Data transfer"),
    "nav.errors": ("Felmeddelanden", "Error messages"),
    "nav.connections": ("Anslutningar", "Connections"),
    "nav.orders": ("Orderinkorg", "Order inbox"),
    "nav.checklist": ("Checklista", "Checklist"),
    "action.create": ("Skapas", "Create"),
    "action.update": ("Uppdateras", "Update"),
    "action.link": ("Kopplas ihop", "Link"),
    "action.skip": ("Hoppas över", "Skip"),
    "action.reject": ("Avvisas", "Reject"),
    "direction.pm->eek": ("Visma PM → Visma eEkonomi", "Visma PM → Visma eEkonomi"),
    "direction.eek->pm": ("Visma eEkonomi → Visma PM", "Visma eEkonomi → Visma PM"),
    "keys.title": ("Orderintag över HTTP", "Order intake over HTTP"),
    "keys.intro": (
        "Ordersystemet kan skicka order till POST /api/orders med en API-nyckel i huvudet X-API-Key.",
        "The order system can send orders to POST /api/orders with an API key in the X-API-Key header.",
    ),
    "keys.new": (
        "Ny API-nyckel. Kopiera den nu: den visas bara den här gången.",
        "New API key. Copy it now: it is shown this one time only.",
    ),
    "keys.value": ("API-nyckel", "API key"),
    "keys.id": ("Id", "Id"),
    "keys.created": ("Skapad", "Created"),
    "keys.revoke": ("Återkalla", "Revoke"),
    "keys.none": ("Inga API-nycklar ännu.", "No API keys yet."),
    "keys.create": ("Skapa API-nyckel", "Create API key"),
    "checklist.title": ("Checklista igångkörning", "Start-up checklist"),
    "checklist.intro": (
        "Kontrollerar båda systemen och inställningarna innan överföringar körs. Inget skrivs.",
        "Checks both systems and the settings before transfers run. Nothing is written.",
    ),
    "checklist.check": ("Kontroll", "Check"),
    "checklist.found": ("Resultat", "Result"),
    "checklist.green": ("OK", "OK"),
    "checklist.yellow": ("Se över", "Review"),
    "checklist.red": ("Åtgärda", "Fix"),
    "checklist.again": ("Kontrollera igen", "Check again"),
    "nav.logout": ("Logga ut", "Log out"),
    "nav.language": ("In English", "På svenska"),
    "x4.title": ("Fel företag i Visma eEkonomi.", "Wrong company in Visma eEkonomi."),
    "setup.title": ("Välj administratörslösenord", "Choose the admin password"),
    "setup.intro": (
        "brygga har inget lösenord ännu. Välj ett (minst 10 tecken); det skyddar inställningar och överföringar.",
        "brygga has no password yet. Choose one (at least 10 characters); it protects settings and transfers.",
    ),
    "setup.password": ("Lösenord", "Password"),
    "setup.repeat": ("Upprepa lösenordet", "Repeat the password"),
    "setup.mismatch": ("Lösenorden är inte lika.", "The passwords differ."),
    "setup.save": ("Spara lösenord", "Save password"),
    "login.title": ("Logga in", "Log in"),
    "login.throttled": (
        "För många felaktiga lösenord. Vänta {minutes} minut(er) och försök igen.",
        "Too many wrong passwords. Wait {minutes} minute(s) and try again.",
    ),
    "login.password": ("Lösenord", "Password"),
    "login.submit": ("Logga in", "Log in"),
    "login.wrong": ("Fel lösenord.", "Wrong password."),
    "csrf.refused": (
        "Formuläret saknar giltig säkerhetstoken. Ladda om sidan och försök igen.",
        "The form has no valid security token. Reload the page and try again.",
    ),
    "settings.title": ("Inställningar", "Settings"),
    "settings.save": ("Spara inställningar", "Save settings"),
    "settings.saved": ("Inställningarna sparades.", "The settings were saved."),
    "settings.not_saved": ("Inställningarna sparades inte:", "The settings were not saved:"),
    "transfer.title": ("Dataöverföring", "Data transfer"),
    "transfer.categories": ("Programdelar", "Categories"),
    "transfer.category": ("Programdel", "Category"),
    "transfer.run": ("Överför", "Transfer"),
    "transfer.dry_run": ("Torrkörning", "Dry run"),
    "transfer.running": ("Överföring pågår …", "Transfer running …"),
    "transfer.busy": ("En överföring pågår redan; vänta tills den är klar.", "A transfer is already running."),
    "transfer.dry_title": ("Torrkörning (inget skrevs)", "Dry run (nothing written)"),
    "transfer.run_title": ("Överföring", "Transfer"),
    "transfer.succeeded": ("lyckades", "succeeded"),
    "transfer.failed": ("misslyckades", "failed"),
    "transfer.skipped": ("hoppades över", "skipped"),
    "transfer.api_calls": ("API-anrop", "API calls"),
    "transfer.plan": ("Planerade ändringar", "Planned changes"),
    "transfer.no_plan": ("Inget att ändra.", "Nothing to change."),
    "transfer.stopped": ("Överföringen kunde inte starta:", "The transfer could not start:"),
    "col.direction": ("Riktning", "Direction"),
    "col.object": ("Objekt", "Object"),
    "col.name": ("Namn", "Name"),
    "col.action": ("Åtgärd", "Action"),
    "col.time": ("Tid", "Time"),
    "col.message": ("Fel", "Error"),
    "col.hint": ("Lösning", "Solution"),
    "col.state": ("Status", "Status"),
    "col.summary": ("Resultat", "Result"),
    "col.system": ("System", "System"),
    "errors.title": ("Felmeddelanden", "Error messages"),
    "errors.none": ("Inga fel i senaste körningarna.", "No errors in the latest runs."),
    "errors.all_categories": ("Alla programdelar", "All categories"),
    "errors.latest_runs": ("Senaste körningen per programdel", "Latest run per category"),
    "errors.run": ("Körning", "Run"),
    "errors.filter": ("Visa", "Show"),
    "history.title": ("Historik", "History"),
    "history.last": ("Senaste överföring per programdel", "Last transfer per category"),
    "history.runs": ("Körningar", "Runs"),
    "history.never": ("Ingen överföring ännu.", "No transfer yet."),
    "conn.title": ("Anslutningar", "Connections"),
    "conn.eekonomi": ("Visma eEkonomi", "Visma eEkonomi"),
    "conn.severa": ("Visma PM", "Visma PM"),
    "conn.api_url": ("API-adress", "API URL"),
    "conn.auth_url": ("Inloggningsadress (OAuth)", "Sign-in URL (OAuth)"),
    "conn.client_id": ("Klient-id", "Client id"),
    "conn.client_secret": ("Klienthemlighet", "Client secret"),
    "conn.connect": ("Anslut", "Connect"),
    "conn.disconnect": ("Koppla från", "Disconnect"),
    "conn.connected": ("Ansluten", "Connected"),
    "conn.not_connected": ("Inte ansluten", "Not connected"),
    "conn.company": ("Företag", "Company"),
    "conn.org_number": ("Organisationsnummer", "Organisation number"),
    "conn.failed": ("Anslutningen misslyckades:", "The connection failed:"),
    "conn.secret_kept": (
        "Lämna tomt för att behålla den sparade hemligheten (samma klient-id).",
        "Leave empty to keep the stored secret (same client id).",
    ),
    "conn.loopback_hint": (
        "Mot en emulator på den här datorn kan klient-id och hemlighet lämnas tomma.",
        "Against an emulator on this computer, client id and secret may be left empty.",
    ),
    "orders.title": ("Orderinkorg", "Order inbox"),
    "orders.file": ("Orderfil (JSON eller CSV)", "Order file (JSON or CSV)"),
    "orders.upload": ("Läs in", "Import"),
    "orders.none": ("Inga order i inkorgen.", "No orders in the inbox."),
    "orders.number": ("Ordernummer", "Order number"),
    "orders.customer": ("Kund", "Customer"),
    "orders.rows": ("Rader", "Rows"),
    "orders.received": ("Mottagen", "Received"),
    "orders.draft": ("Fakturautkast", "Invoice draft"),
    "orders.last_error": ("Senaste fel", "Last error"),
    "orders.line_errors": ("Fel i filen", "Errors in the file"),
    "orders.no_file": ("Välj en fil först.", "Choose a file first."),
    "state.received": ("Mottagen", "Received"),
    "state.failed": ("Misslyckades", "Failed"),
    "state.transferred": ("Överförd", "Transferred"),
    "state.none": ("-", "-"),
    **TRANSFER_TEXTS,
    **COMPANY_TEXTS,
    **SCHEDULE_TEXTS,
}

# The original's button texts where they differ from the category's name.
_BUTTON_LABELS = {
    "invoice-status": ("Kontrollera skickade eller betalda fakturor", "Check sent or paid invoices"),
}


def pick_lang(request: Request, settings: Settings) -> str:
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    return settings.lang


def translator(lang: str) -> Translate:
    index = 1 if lang == "en" else 0

    def translate(key: str) -> str:
        texts = TEXTS.get(key)
        return texts[index] if texts else key

    return translate


# Scheduled like a category, without being a transfer category: the weekly reconcile (brygga.reconcile).
_SCHEDULED_LABELS = {"reconcile": ("Avstämning", "Reconciliation")}


def category_label(category: str, lang: str, *, button: bool = False) -> str:
    index = 1 if lang == "en" else 0
    labels = _BUTTON_LABELS.get(category) if button else None
    labels = labels or CATEGORY_LABELS.get(category) or _SCHEDULED_LABELS.get(category, (category, category))
    return labels[index]


def progress_label(swedish: str, lang: str) -> str:
    """The transfers report progress under their Swedish category names; the English page shows its own."""
    if lang == "sv":
        return swedish
    for category, (sv, _en) in CATEGORY_LABELS.items():
        if sv == swedish:
            return category_label(category, lang)
    return swedish


def counts_text(counts: dict[str, int], lang: str) -> str:
    """ "5 lyckades, 1 misslyckades, 2 hoppades över" (and the unchanged ones when there are any)."""
    t = translator(lang)
    if not any(counts.get(outcome) for outcome in ("succeeded", "failed", "skipped", "unchanged")):
        return t("summary.nothing")
    parts = [f"{counts.get(outcome, 0)} {t('transfer.' + outcome)}" for outcome in ("succeeded", "failed", "skipped")]
    if counts.get("unchanged"):
        parts.append(f"{counts['unchanged']} {t('transfer.unchanged')}")
    return ", ".join(parts)

"""The company list's and the picker's texts (Swedish, English)."""

from __future__ import annotations

__all__ = ["COMPANY_TEXTS"]

COMPANY_TEXTS: dict[str, tuple[str, str]] = {
    "nav.companies": ("Företag", "Companies"),
    "company.picker": ("Företag", "Company"),
    "company.choose": ("Byt", "Switch"),
    "company.title": ("Företag", "Companies"),
    "company.intro": (
        "brygga arbetar för de här företagen. Varje företag har egna anslutningar, inställningar, kopplingar, "
        "körningar, felmeddelanden, orderinkorg och API-nycklar; sidorna visar det valda företaget.",
        "brygga works for these companies. Each has its own connections, settings, links, runs, error messages, "
        "order inbox and API keys; the pages show the chosen company.",
    ),
    "company.pick_first": (
        "Det finns flera företag. Välj vilket du vill arbeta med.",
        "There are several companies. Choose the one to work with.",
    ),
    "company.id": ("Id", "ID"),
    "company.name": ("Namn", "Name"),
    "company.connected": ("Anslutet", "Connected"),
    "company.links": ("Kopplingar", "Links"),
    "company.runs": ("Körningar", "Runs"),
    "company.current": ("valt", "chosen"),
    "company.open": ("Välj", "Choose"),
    "company.add": ("Lägg till företag", "Add company"),
    "company.add_button": ("Lägg till", "Add"),
    "company.remove_hint": (
        "Ett företag tas bort med brygga companies remove ID, som först visar allt som tas bort.",
        "A company is removed with brygga companies remove ID, which first shows everything it removes.",
    ),
    "company.changed": (
        "Företaget byttes i en annan flik; inget ändrades. Ladda om sidan och försök igen.",
        "The company was switched in another tab; nothing was changed. Reload the page and try again.",
    ),
    "company.unknown": ("Företaget finns inte.", "The company does not exist."),
}

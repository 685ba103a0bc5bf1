"""What went wrong, in the user's words: the headline of a failed or skipped object, in Swedish and English.

The original integration's messages are eEkonomi's English API text ("Could not add product P-140 to Visma
eAccounting. ErrorCode: 2000, …"). brygga keeps that text as the technical detail and shows a headline from
here. Keys are those of the hint catalogue (``A8:product`` falls back to ``A8``). An empty Swedish title means
the message is already brygga's own Swedish sentence about the object, which then stays the Swedish headline;
the English title is always there so that English mode never shows Swedish.
"""

from __future__ import annotations

__all__ = ["TITLES", "title_for"]

TITLES: dict[str, tuple[str, str]] = {
    # skipped objects: the reason is the headline
    "C1": ("Inaktiv kund: förs inte över", "Inactive customer: not transferred"),
    "C3": (
        "Ändrad i systemet som inte är huvudsystem: förs inte över",
        "Changed outside the master system: not transferred",
    ),
    "S2": (
        "Ändrad i systemet som inte är huvudsystem: förs inte över",
        "Changed outside the master system: not transferred",
    ),
    "I7": ("Kreditfaktura: förs inte över", "Credit invoice: not transferred"),
    # customers
    "C2": ("", "Not linked: the customer number exists with another name"),
    "C5": ("", "The customer has no address"),
    "C6": (
        "Ett fält på kunden är för långt för Visma eEkonomi",
        "A field on the customer is too long for Visma eEkonomi",
    ),
    "C6:Name": ("Kundnamnet är längre än {limit} tecken", "The customer name is longer than {limit} characters"),
    "C6:InvoiceAddress1": ("Adressen är längre än {limit} tecken", "The address is longer than {limit} characters"),
    "C8": ("", "The customer number cannot be stored in Visma PM"),
    "C10": ("", "The payment terms do not exist in Visma eEkonomi"),
    "C11": ("", "The customer's currency is not active in Visma PM"),
    # articles
    "A2": ("", "Not linked: the code exists with another name"),
    "A2:duplicate": ("", "The code is used by several items in Visma PM"),
    "A3": ("", "No article coding for this VAT rate in Visma eEkonomi"),
    "A4": ("", "No unit in Visma eEkonomi fits"),
    "A5": ("Priset ligger utanför det Visma eEkonomi tillåter", "The price is outside what Visma eEkonomi allows"),
    "A6": ("", "The item has no code (article number)"),
    "A7": ("Namnet är längre än {limit} tecken", "The name is longer than {limit} characters"),
    "A8": ("Momssats saknas i Visma PM", "The VAT rate is missing in Visma PM"),
    "A8:product": ("Produkten saknar momssats", "The product has no VAT rate"),
    "A8:travel": ("Resekostnaden saknar momssats", "The travel expense has no VAT rate"),
    "A8:work_type": ("Arbetstypen saknar momssats", "The work type has no VAT rate"),
    # projects
    "P2": ("Projektnumret är för långt för en förkortning", "The project number is too long for a short name"),
    "P3": (
        "En resultatenhet med samma namn eller nummer finns redan",
        "A cost center item with the same name or number already exists",
    ),
    "P4": ("Projektnamnet är för långt för Visma eEkonomi", "The project name is too long for Visma eEkonomi"),
    # invoices
    "I3": ("", "The invoice's customer is not in Visma eEkonomi"),
    "I4:article": ("", "An article on the invoice does not exist in Visma eEkonomi"),
    "I4:vat": ("", "A row's VAT rate differs from its article's"),
    "I4:amounts": ("", "A row has no quantity or price"),
    "I5": ("Fakturan saknar adress", "The invoice has no address"),
    "I6:length": ("Ett fält på fakturan är för långt för Visma eEkonomi", "A field on the invoice is too long"),
    "I6:address": ("Adressen på fakturan är för lång för Visma eEkonomi", "The invoice address is too long"),
    "I6:inactive": ("En artikel på fakturan är inaktiv i Visma eEkonomi", "An article on the invoice is inactive"),
    "I6:totals": ("", "The draft's totals differ from the invoice in Visma PM"),
    # orders
    "O2": ("", "The customer cannot be created: postal code or city is missing"),
    "O5": ("", "An order row's VAT rate has no article"),
    "O6": ("", "The order's payment terms do not exist in Visma eEkonomi"),
    # API situations
    "api:rejected": ("{system} avvisade ändringen", "{system} rejected the change"),
    "api:unknown_outcome": ("Svaret från {system} kom aldrig fram", "The answer from {system} never arrived"),
    "api:unavailable": ("{system} svarar inte just nu", "{system} is not answering right now"),
    "api:auth": (
        "Anslutningen till {system} har upphört eller nekades",
        "The connection to {system} expired or was refused",
    ),
    "api:permission": ("{system} saknar behörighet för detta", "{system} lacks permission for this"),
}


def title_for(key: str, **values: object) -> tuple[str, str]:
    """(Swedish, English) headline for ``key``, ``("", "")`` when there is none; missing values stay as written."""
    base = TITLES.get(key) or TITLES.get(key.split(":", 1)[0])
    if base is None:
        return "", ""
    return tuple(_fill(text, values) for text in base)  # type: ignore[return-value]


def _fill(text: str, values: dict[str, object]) -> str:
    try:
        return text.format(**values)
    except (KeyError, IndexError):
        return text

"""The month-end report's words, Swedish first with English beside (the same pairs for CSV, PDF, CLI and web), and
how amounts and months are written: Swedish style, decimal comma, to the öre."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from brygga.report.model import EekState, InvoiceLine, MonthReport
from brygga.report.month import Month

__all__ = ["TEXTS", "differences_text", "findings_text", "money", "month_title", "state_text", "text"]

_MONTHS = (
    ("januari", "January"),
    ("februari", "February"),
    ("mars", "March"),
    ("april", "April"),
    ("maj", "May"),
    ("juni", "June"),
    ("juli", "July"),
    ("augusti", "August"),
    ("september", "September"),
    ("oktober", "October"),
    ("november", "November"),
    ("december", "December"),
)

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Månadsrapport", "Month-end report"),
    "company": ("Företag", "Company"),
    "month": ("Månad", "Month"),
    "generated": ("Framtagen", "Generated"),
    "swedish_time": ("svensk tid", "Swedish time"),
    "summary": ("Sammanfattning", "Summary"),
    "transferred": ("Fakturor överförda till Visma eEkonomi", "Invoices transferred to Visma eEkonomi"),
    "booked": ("varav bokförda i Visma eEkonomi", "of which booked in Visma eEkonomi"),
    "paid": ("varav betalda", "of which paid"),
    "differing": (
        "Fakturor där Visma PM och Visma eEkonomi skiljer sig",
        "Invoices where Visma PM and Visma eEkonomi differ",
    ),
    "credit": ("Kreditfakturor som hoppades över (I7)", "Credit invoices skipped (I7)"),
    "orders": ("Order som blev fakturautkast", "Orders turned into invoice drafts"),
    "findings": ("Öppna avvikelser i avstämningen", "Open reconcile findings"),
    "no_reconcile": ("ingen avstämning gjord ännu", "no reconcile made yet"),
    "invoices": ("Fakturor", "Invoices"),
    "col.type": ("Typ", "Type"),
    "col.pm_number": ("Nummer i Visma PM", "Number in Visma PM"),
    "col.customer": ("Kund", "Customer"),
    "col.date": ("Datum", "Date"),
    "col.currency": ("Valuta", "Currency"),
    "col.net_pm": ("Netto PM", "Net PM"),
    "col.vat_pm": ("Moms PM", "VAT PM"),
    "col.gross_pm": ("Brutto PM", "Gross PM"),
    "col.net_eek": ("Netto eEkonomi", "Net eEkonomi"),
    "col.vat_eek": ("Moms eEkonomi", "VAT eEkonomi"),
    "col.gross_eek": ("Brutto eEkonomi", "Gross eEkonomi"),
    "col.rounding": ("Öresavrundning eEkonomi", "Rounding eEkonomi"),
    "col.state": ("Status i Visma eEkonomi", "Status in Visma eEkonomi"),
    "col.eek_number": ("Fakturanummer eEkonomi", "Invoice number eEkonomi"),
    "col.eek_number_short": ("Fakturanr eEkonomi", "Invoice no. eEkonomi"),
    "col.difference": ("Skillnad", "Difference"),
    "col.note": ("Anmärkning", "Note"),
    "col.order": ("Ordernummer", "Order number"),
    "col.total": ("Belopp", "Amount"),
    "type.invoice": ("Faktura", "Invoice"),
    "type.total": ("Summa", "Total"),
    "type.credit": ("Kreditfaktura", "Credit invoice"),
    "type.order": ("Order", "Order"),
    "state.draft": ("Utkast", "Draft"),
    "state.booked": ("Bokförd", "Booked"),
    "state.paid": ("Betald", "Paid"),
    "state.missing": ("Saknas", "Missing"),
    "diff.net": ("netto", "net"),
    "diff.vat": ("moms", "VAT"),
    "diff.gross": ("brutto", "gross"),
    "diff.pm": ("saknas i Visma PM", "missing in Visma PM"),
    "diff.eek": ("saknas i Visma eEkonomi", "missing in Visma eEkonomi"),
    "diff.none": ("", ""),
    "diff.mark": ("Skillnad mellan Visma PM och Visma eEkonomi", "Difference between Visma PM and Visma eEkonomi"),
    "rounding_note": (
        "Brutto i eEkonomi visas före eEkonomis öresavrundning (regel O4); "
        "CSV-filen har avrundningen i en egen kolumn.",
        "Gross in eEkonomi is shown before eEkonomi's öre rounding (rule O4); "
        "the CSV file has the rounding in a column of its own.",
    ),
    "empty": ("Inga fakturor överfördes den här månaden.", "No invoices were transferred this month."),
    "future": (
        "Månaden har inte börjat ännu, så det finns inget att rapportera.",
        "The month has not begun yet, so there is nothing to report.",
    ),
    "page": ("Sida", "Page"),
}


def text(key: str, lang: str) -> str:
    pair = TEXTS[key]
    return pair[1] if lang == "en" else pair[0]


def month_title(month: Month, lang: str) -> str:
    """ "november 2026" / "November 2026"."""
    return f"{_MONTHS[month.month - 1][1 if lang == 'en' else 0]} {month.year}"


def money(amount: Decimal | None, *, grouped: bool = True) -> str:
    """ "12 345,60" (a no-break space between thousands; none for CSV), "-100,00"; empty for none."""
    if amount is None:
        return ""
    rounded = f"{amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"
    return rounded.replace(",", "\u00a0" if grouped else "").replace(".", ",")


def state_text(state: str, lang: str) -> str:
    return text(f"state.{state}", lang) if state in vars(EekState).values() else state


def differences_text(line: InvoiceLine, lang: str) -> str:
    """ "netto, moms, brutto" / "saknas i Visma eEkonomi"; empty when both systems agree."""
    return ", ".join(text(f"diff.{name}", lang) for name in line.differences)


def findings_text(report: MonthReport, lang: str) -> str:
    return text("no_reconcile", lang) if report.open_findings is None else str(report.open_findings)

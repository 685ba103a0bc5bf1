"""The month-end report ("Månadsrapport", issue 17): per company and month, the invoices brygga transferred with
their totals in Visma PM and in Visma eEkonomi side by side, booked and paid, credit invoices skipped, orders turned
into drafts and open reconcile findings; rendered as CSV (Swedish Excel) and PDF. No web or CLI code here."""

from brygga.report.build import build_month_report, require_connections
from brygga.report.model import CreditSkip, CurrencyTotals, EekState, InvoiceLine, MonthReport, OrderDraft, Totals
from brygga.report.month import Month

__all__ = [
    "CreditSkip",
    "CurrencyTotals",
    "EekState",
    "InvoiceLine",
    "Month",
    "MonthReport",
    "OrderDraft",
    "Totals",
    "build_month_report",
    "require_connections",
]

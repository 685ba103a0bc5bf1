"""The month-end report as JSON (``brygga report month --json``): amounts as strings to the öre (never floats), the
words in the chosen language beside the values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from brygga.report.model import InvoiceLine, MonthReport, Totals
from brygga.report.texts import differences_text, findings_text, state_text

__all__ = ["to_json"]


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _totals(totals: Totals | None) -> dict[str, str | None] | None:
    if totals is None:
        return None
    return {"net": _amount(totals.net), "vat": _amount(totals.vat), "gross": _amount(totals.gross)}


def _invoice(line: InvoiceLine, lang: str) -> dict[str, Any]:
    return {
        "pm_id": line.pm_id,
        "pm_number": line.pm_number,
        "customer": line.customer,
        "transferred_at": line.transferred_at.isoformat(),
        "currency": line.currency,
        "pm": _totals(line.pm),
        "eekonomi": _totals(line.eek),
        "eekonomi_rounding": _amount(line.roundings),
        "eekonomi_state": line.eek_state,
        "eekonomi_state_text": state_text(line.eek_state, lang),
        "eekonomi_number": line.eek_number,
        "differences": list(line.differences),
        "differences_text": differences_text(line, lang),
    }


def to_json(report: MonthReport, lang: str = "sv") -> dict[str, Any]:
    return {
        "company": report.company_id,
        "company_name": report.company_name,
        "month": str(report.month),
        "generated_at": report.generated_at.isoformat(),
        "future": report.future,
        "invoices_transferred": len(report.invoices),
        "booked": report.booked,
        "paid": report.paid,
        "with_differences": len(report.with_differences),
        "credit_invoices_skipped": len(report.credit_skipped),
        "orders_drafted": len(report.orders),
        "open_findings": report.open_findings,
        "open_findings_text": findings_text(report, lang),
        "totals": [
            {"currency": t.currency, "count": t.count, "pm": _totals(t.pm), "eekonomi": _totals(t.eek)}
            for t in report.totals()
        ],
        "invoices": [_invoice(line, lang) for line in report.invoices],
        "credit_skipped": [
            {"pm_id": s.object_key, "name": s.name, "reason": s.reason, "at": s.at.isoformat() if s.at else None}
            for s in report.credit_skipped
        ],
        "orders": [
            {
                "order_number": o.order_number,
                "customer": o.customer,
                "draft_id": o.draft_id,
                "total": _amount(o.total),
                "currency": o.currency,
                "at": o.at.isoformat() if o.at else None,
            }
            for o in report.orders
        ],
        "api_reads": report.api_reads,
    }

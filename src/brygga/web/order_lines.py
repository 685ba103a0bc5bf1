"""Orderinkorg's rows as a person reads them: a failed order's failure in the page's language (headline, hint,
and the original's text under "Teknisk detalj"), a transferred order's draft as customer and amount, and a link to
Visma eEkonomi where one can be formed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlsplit

from brygga.store.orders import StoredOrder

__all__ = ["OrderLine", "draft_link", "format_amount", "order_lines"]

# The eEkonomi API hosts whose web app is known. The app has no documented address for one draft, so the link
# opens the app; the draft is then found among the customer invoices' drafts by its customer and amount.
_APP_OF_API_HOST = {"eaccountingapi.vismaonline.com": "https://eaccounting.vismaonline.com/"}


@dataclass(frozen=True)
class OrderLine:
    number: str
    customer: str
    rows: int
    state: str  # "received" | "failed" | "transferred"
    released: bool
    received_at: datetime
    draft_text: str = ""  # "Byggfirman i Norr AB, 12 345,00 kr"
    draft_id: str = ""  # the GUID, only for "Teknisk detalj"
    headline: str = ""
    hint: str = ""
    detail: str = ""
    rule_id: str | None = None


def order_lines(orders: list[StoredOrder], lang: str) -> list[OrderLine]:
    return [_line(stored, lang) for stored in orders]


def _line(stored: StoredOrder, lang: str) -> OrderLine:
    order = stored.order
    line = OrderLine(
        stored.order_number,
        order.customer.name or order.customer.number,
        len(order.rows),
        stored.state,
        order.released,
        stored.received_at,
    )
    if stored.draft is not None:
        draft = stored.draft
        name = draft.customer_name or line.customer
        amount = format_amount(draft.total, draft.currency, lang) if draft.total is not None else ""
        return replace(line, draft_text=f"{name}, {amount}" if amount else name, draft_id=draft.draft_id)
    if stored.state == "transferred" and stored.draft_id:  # transferred before brygga kept the draft's summary
        return replace(line, draft_text=line.customer, draft_id=stored.draft_id)
    if stored.failure is not None:
        failure = stored.failure
        return replace(
            line,
            headline=failure.headline(lang),
            hint=failure.hint_in(lang),
            detail=failure.detail(lang),
            rule_id=failure.rule_id,
        )
    return line


def format_amount(amount: Decimal, currency: str | None, lang: str) -> str:
    """12345.6 SEK -> "12 345,60 kr" (Swedish) or "12,345.60 SEK" (English); other currencies by their code."""
    rounded = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    code = (currency or "SEK").upper()
    grouped = f"{rounded:,.2f}"  # 12,345.60
    if lang == "en":
        return f"{grouped} {code}"
    swedish = grouped.replace(",", " ").replace(".", ",")
    return f"{swedish} {'kr' if code == 'SEK' else code}"


def draft_link(api_url: str | None) -> str | None:
    """Where a person opens Visma eEkonomi for the drafts, when the connection's API host is a known one."""
    if not api_url:
        return None
    return _APP_OF_API_HOST.get((urlsplit(api_url).hostname or "").lower())

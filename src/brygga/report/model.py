"""What a month-end report holds ("Månadsrapport"): the invoices transferred in the month with their totals as Visma
PM has them and as Visma eEkonomi has them, side by side, and the month's credit invoices skipped (I7), orders turned
into drafts (O1) and open reconcile findings. Plain frozen dataclasses: the CLI, the web page, CSV and PDF all render
the same object. Money is Decimal, to the öre."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from brygga.report.month import Month

__all__ = ["CreditSkip", "CurrencyTotals", "EekState", "InvoiceLine", "MonthReport", "OrderDraft", "Totals"]

_ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Totals:
    """Net, VAT and gross of one invoice (or a sum of invoices) in the invoice's currency."""

    net: Decimal = _ZERO
    vat: Decimal = _ZERO
    gross: Decimal = _ZERO

    def __add__(self, other: Totals) -> Totals:
        return Totals(self.net + other.net, self.vat + other.vat, self.gross + other.gross)

    def differing(self, other: Totals) -> tuple[str, ...]:
        """The names of the amounts that differ ("net", "vat", "gross"), compared to the öre."""
        return tuple(name for name in ("net", "vat", "gross") if getattr(self, name) != getattr(other, name))


class EekState:
    """Where the invoice stands in eEkonomi: a draft, booked into an invoice, paid, or not found there."""

    DRAFT = "draft"
    BOOKED = "booked"
    PAID = "paid"
    MISSING = "missing"


@dataclass(frozen=True)
class InvoiceLine:
    """One PM invoice brygga transferred in the month (its link was made then)."""

    pm_id: str
    pm_number: str  # how a person finds it in Visma PM: the invoice number, else customer/project
    customer: str
    transferred_at: datetime
    currency: str
    pm: Totals | None  # None: the invoice is no longer in Visma PM
    eek: Totals | None  # None: neither the draft nor a booked invoice is in Visma eEkonomi
    eek_state: str = EekState.MISSING
    eek_number: int | None = None  # eEkonomi's invoice number once booked
    roundings: Decimal = _ZERO  # eEkonomi's öre rounding (O4), shown apart: PM does not round to whole kronor

    @property
    def differences(self) -> tuple[str, ...]:
        """What differs between the systems: amounts, or "pm"/"eek" when one side is missing."""
        if self.pm is None:
            return ("pm",)
        if self.eek is None:
            return ("eek",)
        return self.pm.differing(self.eek)

    @property
    def booked(self) -> bool:
        return self.eek_state in (EekState.BOOKED, EekState.PAID)

    @property
    def paid(self) -> bool:
        return self.eek_state == EekState.PAID


@dataclass(frozen=True)
class CreditSkip:
    """A credit invoice the month's runs skipped (rule I7), with the reason the run gave."""

    object_key: str
    name: str
    reason: str
    at: datetime | None


@dataclass(frozen=True)
class OrderDraft:
    """An order from the order system that became an invoice draft in the month (rule O1)."""

    order_number: str
    customer: str
    draft_id: str
    total: Decimal | None
    currency: str
    at: datetime | None


@dataclass(frozen=True)
class CurrencyTotals:
    currency: str
    count: int
    pm: Totals
    eek: Totals


@dataclass(frozen=True)
class MonthReport:
    company_id: str
    company_name: str
    month: Month
    generated_at: datetime
    invoices: tuple[InvoiceLine, ...] = ()
    credit_skipped: tuple[CreditSkip, ...] = ()
    orders: tuple[OrderDraft, ...] = ()
    open_findings: int | None = None  # None: no reconcile has been made yet
    future: bool = False  # the month has not begun: nothing read, nothing to report
    api_reads: dict[str, int] = field(default_factory=dict)  # endpoint -> GETs the report cost

    @property
    def booked(self) -> int:
        return sum(1 for line in self.invoices if line.booked)

    @property
    def paid(self) -> int:
        return sum(1 for line in self.invoices if line.paid)

    @property
    def with_differences(self) -> tuple[InvoiceLine, ...]:
        return tuple(line for line in self.invoices if line.differences)

    def totals(self) -> list[CurrencyTotals]:
        """Sums per currency (amounts in different currencies are never added together), SEK first."""
        return _totals(self.invoices)


def _totals(lines: Iterable[InvoiceLine]) -> list[CurrencyTotals]:
    by_currency: dict[str, list[InvoiceLine]] = {}
    for line in lines:
        by_currency.setdefault(line.currency, []).append(line)
    result = []
    for currency in sorted(by_currency, key=lambda code: (code != "SEK", code)):
        group = by_currency[currency]
        pm = sum((line.pm for line in group if line.pm is not None), Totals())
        eek = sum((line.eek for line in group if line.eek is not None), Totals())
        result.append(CurrencyTotals(currency, len(group), pm, eek))
    return result

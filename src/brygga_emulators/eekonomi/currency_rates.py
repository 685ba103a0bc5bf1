"""Exchange rates to the company's currency (SEK), fixed so that foreign invoices compute the same
amounts on every run. The real API takes the day's rate from its provider; the emulator has no feed."""

from __future__ import annotations

from decimal import Decimal

__all__ = ["rate_to_company_currency"]

# SEK per one unit of the currency.
_RATES = {
    "SEK": Decimal("1"),
    "EUR": Decimal("11.25"),
    "USD": Decimal("10.40"),
    "NOK": Decimal("0.98"),
    "DKK": Decimal("1.51"),
    "GBP": Decimal("13.20"),
}


def rate_to_company_currency(currency_code: str | None) -> Decimal:
    """SEK per unit of ``currency_code``; an unknown or missing code counts as SEK."""
    return _RATES.get((currency_code or "SEK").upper(), Decimal("1"))

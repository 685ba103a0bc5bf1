"""Invoice totals from the rows, in Decimal, rounded to öre half away from zero.

The rule (the same as eEkonomi's, so both sides of the demo agree to the öre):

- a row's amount is ``quantity × unit price`` rounded to öre;
- tax is computed per VAT rate on the sum of that rate's row amounts, then rounded to öre;
- ``totalExcludingTax`` is the sum of the row amounts, ``totalTax`` the sum of the per-rate taxes and
  ``totalIncludingTax`` their sum. A row without a VAT rate carries no tax.

Totals are derived when read, never stored, so they cannot drift from the rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

__all__ = ["InvoiceTotals", "invoice_totals", "row_amount", "to_ore"]

_ORE = Decimal("0.01")
_NO_TAX = Decimal(0)


def to_ore(amount: Decimal) -> Decimal:
    """Decimal's ROUND_HALF_UP rounds ties away from zero, negative amounts (credit rows) included."""
    return amount.quantize(_ORE, rounding=ROUND_HALF_UP)


def row_amount(row: dict[str, Any]) -> Decimal:
    price = (row.get("unitPrice") or {}).get("amount")
    return to_ore(Decimal(row.get("quantity") or 0) * Decimal(price or 0))


@dataclass(frozen=True)
class InvoiceTotals:
    excluding_tax: Decimal
    tax: Decimal

    @property
    def including_tax(self) -> Decimal:
        return self.excluding_tax + self.tax


def invoice_totals(rows: Iterable[dict[str, Any]]) -> InvoiceTotals:
    by_rate: dict[Decimal, Decimal] = defaultdict(Decimal)
    for row in rows:
        rate = row.get("vatRate")
        by_rate[Decimal(rate) if rate is not None else _NO_TAX] += row_amount(row)
    excluding = sum(by_rate.values(), Decimal("0.00"))
    tax = sum((to_ore(amount * rate / 100) for rate, amount in by_rate.items()), Decimal("0.00"))
    return InvoiceTotals(to_ore(excluding), to_ore(tax))

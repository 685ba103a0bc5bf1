"""How a sales document's totals are computed, in Decimal, the way eEkonomi sums an invoice.

The rule (eaccounting-api.md §9.5: öre rounding is a company setting; midpoints round away from zero):

1. Row amount = Quantity × UnitPrice × (1 − DiscountPercentage), rounded to öre half away from zero.
   Text rows have no amount.
2. VAT is computed once per VAT rate, on the sum of that rate's row amounts, rounded to öre half away
   from zero (not per row: per-row rounding would drift by öre on long invoices).
3. Net = Σ row amounts; VAT = Σ per-rate VAT; gross = net + VAT.
4. TotalRoundings = gross rounded to whole kronor (half away from zero) − gross, when the company's
   ``DomesticCurrencyRounding`` is 1 and the invoice is in the company's currency; otherwise 0.
   (Rounding of foreign-currency invoices is unverified; the emulator leaves them unrounded.)
5. TotalAmount = gross + TotalRoundings; TotalVatAmount = VAT.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["DocumentTotals", "TaxedAmount", "document_totals", "round_ore", "row_amount"]

_ORE = Decimal("0.01")
_KRONA = Decimal("1")


def round_ore(amount: Decimal) -> Decimal:
    """Two decimals, half away from zero (Python's ROUND_HALF_UP rounds away from zero)."""
    return amount.quantize(_ORE, rounding=ROUND_HALF_UP)


def row_amount(quantity: Decimal, unit_price: Decimal, discount: Decimal) -> Decimal:
    return round_ore(quantity * unit_price * (1 - discount))


@dataclass(frozen=True)
class TaxedAmount:
    """One row's amount and its VAT rate as a fraction (0.25)."""

    amount: Decimal
    vat_rate: Decimal


@dataclass(frozen=True)
class DocumentTotals:
    net: Decimal
    vat: Decimal
    roundings: Decimal
    total: Decimal
    # VAT rate -> (sum of row amounts, VAT on them), in first-seen order: the VAT specification.
    per_rate: dict[Decimal, tuple[Decimal, Decimal]]


def document_totals(rows: Iterable[TaxedAmount], round_to_krona: bool) -> DocumentTotals:
    sums: dict[Decimal, Decimal] = {}
    for row in rows:
        sums[row.vat_rate] = sums.get(row.vat_rate, Decimal(0)) + row.amount
    per_rate = {rate: (amount, round_ore(amount * rate)) for rate, amount in sums.items()}
    net = round_ore(sum(sums.values(), Decimal(0)))
    vat = round_ore(sum((tax for _, tax in per_rate.values()), Decimal(0)))
    gross = net + vat
    roundings = gross.quantize(_KRONA, rounding=ROUND_HALF_UP) - gross if round_to_krona else Decimal(0)
    roundings = round_ore(roundings)
    return DocumentTotals(net=net, vat=vat, roundings=roundings, total=round_ore(gross + roundings), per_rate=per_rate)

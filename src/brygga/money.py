"""Decimal money: öre rounding and VAT. No float anywhere near an amount."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["ORE", "InvoiceTotals", "gross_from_net", "invoice_totals", "percent_to_fraction", "round_ore", "row_amount"]

ORE = Decimal("0.01")


def round_ore(amount: Decimal) -> Decimal:
    """To whole öre, half away from zero (as eEkonomi rounds: 100.455 -> 100.46, -100.455 -> -100.46).
    Decimal's ROUND_HALF_UP is "away from zero" for negative values too."""
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


def gross_from_net(net: Decimal, vat_rate: Decimal) -> Decimal:
    """Price including VAT from the price excluding it; ``vat_rate`` is a fraction (0.25 for 25 %). Rule A5."""
    return round_ore(net * (Decimal(1) + vat_rate))


def percent_to_fraction(percent: Decimal) -> Decimal:
    """25 -> 0.25. Severa keeps VAT as a percent, eEkonomi's codings as a fraction."""
    return percent / Decimal(100)


def row_amount(quantity: Decimal, unit_price: Decimal, discount: Decimal = Decimal(0)) -> Decimal:
    """A row's amount excluding VAT, to öre: quantity × price × (1 − discount)."""
    return round_ore(quantity * unit_price * (Decimal(1) - discount))


@dataclass(frozen=True)
class InvoiceTotals:
    net: Decimal
    vat: Decimal

    @property
    def total(self) -> Decimal:
        return self.net + self.vat


def invoice_totals(rows: Iterable[tuple[Decimal, Decimal, Decimal]]) -> InvoiceTotals:
    """Totals of (quantity, unit price, VAT fraction) rows as a Swedish invoice computes them: each row's amount to
    öre, then the VAT of each rate on that rate's sum, to öre. Öre rounding of the total is eEkonomi's own (O4)."""
    by_rate: dict[Decimal, Decimal] = defaultdict(Decimal)
    for quantity, price, rate in rows:
        by_rate[rate] += row_amount(quantity, price)
    net = sum(by_rate.values(), Decimal(0))
    vat = sum((round_ore(amount * rate) for rate, amount in by_rate.items()), Decimal(0))
    return InvoiceTotals(net, vat)

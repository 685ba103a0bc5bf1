"""Decimal money: öre rounding and VAT. No float anywhere near an amount."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["ORE", "gross_from_net", "percent_to_fraction", "round_ore"]

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

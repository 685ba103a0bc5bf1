"""Öre rounding and gross-from-net (rule A5): Decimal only, half away from zero, as eEkonomi checks prices."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brygga.money import gross_from_net, percent_to_fraction, round_ore
from brygga_emulators.eekonomi.article_prices import settle_prices


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        ("100.455", "100.46"),
        ("-100.455", "-100.46"),
        ("2.345", "2.35"),  # banker's rounding would give 2.34
        ("2.335", "2.34"),
        ("0.005", "0.01"),
        ("-0.005", "-0.01"),
        ("0.0049", "0.00"),
        ("12", "12.00"),
    ],
)
def test_a5_ore_rounding_is_half_away_from_zero(amount: str, rounded: str) -> None:
    result = round_ore(Decimal(amount))
    assert result == Decimal(rounded)
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("net", "percent", "gross"),
    [
        ("100.00", "25", "125.00"),
        ("10.02", "25", "12.53"),  # 12.525
        ("0.50", "6", "0.53"),  # 0.530
        ("0.25", "6", "0.27"),  # 0.265
        ("99.99", "12", "111.99"),  # 111.9888
        ("99.99", "0", "99.99"),
        ("0.00", "25", "0.00"),
    ],
)
def test_a5_gross_is_net_times_one_plus_rate_rounded_to_ore(net: str, percent: str, gross: str) -> None:
    assert gross_from_net(Decimal(net), percent_to_fraction(Decimal(percent))) == Decimal(gross)


@pytest.mark.parametrize(("percent", "fraction"), [("25", "0.25"), ("12", "0.12"), ("6", "0.06"), ("0", "0")])
def test_a5_vat_percent_becomes_a_fraction(percent: str, fraction: str) -> None:
    assert percent_to_fraction(Decimal(percent)) == Decimal(fraction)


def test_a5_amounts_stay_decimal() -> None:
    assert isinstance(gross_from_net(Decimal("1.00"), Decimal("0.25")), Decimal)


def exact_gross_ore(net: Decimal, percent: int) -> int:
    """The gross price in whole öre by integer arithmetic alone, half away from zero: an oracle that shares no
    code (and no Decimal rounding mode) with brygga.money."""
    net_ore = int(net * 100)
    hundredths_of_ore = net_ore * (100 + percent)
    whole, rest = divmod(abs(hundredths_of_ore), 100)
    rounded = whole + (1 if rest * 2 >= 100 else 0)
    return rounded if hundredths_of_ore >= 0 else -rounded


net_prices = st.decimals(min_value=0, max_value=99_000_000, places=2)
percents = st.sampled_from([0, 6, 12, 25])


@given(net=net_prices, percent=percents)
def test_a5_gross_from_net_is_exact_half_away_from_zero_rounding(net: Decimal, percent: int) -> None:
    gross = gross_from_net(net, percent_to_fraction(Decimal(percent)))
    assert gross == Decimal(exact_gross_ore(net, percent)) / 100
    assert gross.as_tuple().exponent == -2


@given(net=net_prices, percent=percents)
def test_a5_gross_from_net_passes_the_emulators_net_gross_check(net: Decimal, percent: int) -> None:
    rate = percent_to_fraction(Decimal(percent))
    gross = gross_from_net(net, rate)
    assert round_ore(net * (1 + rate)) == gross
    # The eEkonomi emulator's own check raises a 400 when the pair disagrees; here it must keep both as sent.
    assert settle_prices(net, gross, rate) == (net, gross)

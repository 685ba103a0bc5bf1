"""An article's net and gross price must agree with the VAT rate of its account coding.

eEkonomi rejects a net/gross pair that does not match the coding's rate (25 %: 100.00 net is 125.00
gross) and fills in the missing one when only one is given (eaccounting-api.md §9.2). Amounts are
rounded to öre half away from zero, as eEk rounds on sales documents (§9.5).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .problems import FieldProblem, bad_request

__all__ = ["PRICE_MISMATCH_MESSAGE", "round_ore", "settle_prices"]

_ORE = Decimal("0.01")
_PRICE_MAX = Decimal(99_000_000)

# Wording unverified: the changelog says the API rejects inconsistent prices, not with which text.
PRICE_MISMATCH_MESSAGE = "NetPrice and GrossPrice do not match the VAT rate of the article account coding."


def round_ore(amount: Decimal) -> Decimal:
    """Two decimals, half away from zero (Python's ROUND_HALF_UP rounds away from zero)."""
    return amount.quantize(_ORE, rounding=ROUND_HALF_UP)


def settle_prices(net: Decimal | None, gross: Decimal | None, vat_rate: Decimal) -> tuple[Decimal, Decimal]:
    """The stored (NetPrice, GrossPrice) for the prices a request gave; ``vat_rate`` is a fraction (0.25).

    Raises the API's 400 (ErrorCode 2000) when both are given and disagree, or when the computed one
    leaves the 0..99 000 000 range the spec allows.
    """
    factor = 1 + vat_rate
    if net is not None and gross is not None:
        if round_ore(net * factor) != gross:
            raise bad_request([FieldProblem("GrossPrice", "PriceMismatch", PRICE_MISMATCH_MESSAGE)])
        return round_ore(net), round_ore(gross)
    if net is not None:
        net, gross = round_ore(net), round_ore(net * factor)
        _ensure_in_range("GrossPrice", gross)
    elif gross is not None:
        net, gross = round_ore(gross / factor), round_ore(gross)
    else:
        net, gross = round_ore(Decimal(0)), round_ore(Decimal(0))
    return net, gross


def _ensure_in_range(name: str, value: Decimal) -> None:
    if value > _PRICE_MAX:
        message = f"The field {name} must be between 0 and {_PRICE_MAX}."
        raise bad_request([FieldProblem(name, "Range", message)])

"""Net and gross prices must agree with the coding's VAT rate; a missing one is computed (öre, half away
from zero)."""

from __future__ import annotations

import asyncio
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brygga_emulators.eekonomi import Emulator, build_emulator
from brygga_emulators.eekonomi.article_prices import PRICE_MISMATCH_MESSAGE, round_ore, settle_prices
from brygga_emulators.eekonomi.problems import ApiProblem
from brygga_emulators.eekonomi.reference_data import coding_id

from .support import article_body, asgi_client, bearer, decode, obtain_tokens, send_json

# The four Swedish rates and a coding that carries each.
RATES = {
    Decimal("0.25"): "Tjänster 25% moms",
    Decimal("0.12"): "Varor 12% moms",
    Decimal("0.06"): "Tjänster 6% moms",
    Decimal("0"): "Varor momsfri",
}

# Two-decimal prices from 0 to 1 000 000 (gross stays below the 99 million limit at every rate).
prices = st.integers(min_value=0, max_value=100_000_000).map(lambda ore: Decimal(ore).scaleb(-2))
rates = st.sampled_from(sorted(RATES))


def expected_gross(net: Decimal, rate: Decimal) -> Decimal:
    # Written out independently of the emulator: round half away from zero to whole öre.
    return (net * (1 + rate)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


async def post(api: httpx.AsyncClient, **overrides: Any) -> httpx.Response:
    return await send_json(api, "POST", "/v2/articles", article_body(**overrides))


# the rule, over HTTP ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("coding", "net", "gross"),
    [
        ("Tjänster 25% moms", "100.00", "125.00"),
        ("Varor 12% moms", "45.00", "50.40"),
        ("Tjänster 6% moms", "450.00", "477.00"),
        ("Varor momsfri", "99.99", "99.99"),
        ("Tjänster 25% moms", "0.02", "0.03"),  # 0.025 rounds away from zero
    ],
)
async def test_agreeing_prices_are_accepted(api: httpx.AsyncClient, coding: str, net: str, gross: str) -> None:
    response = await post(api, CodingId=coding_id(coding), NetPrice=Decimal(net), GrossPrice=Decimal(gross))

    assert response.status_code == 201, response.text
    assert (decode(response)["NetPrice"], decode(response)["GrossPrice"]) == (Decimal(net), Decimal(gross))


async def test_disagreeing_prices_are_2000(api: httpx.AsyncClient) -> None:
    response = await post(api, NetPrice=Decimal("100.00"), GrossPrice=Decimal("120.00"))

    assert response.status_code == 400
    assert response.json()["ErrorCode"] == 2000
    assert response.json()["DeveloperErrorMessage"] == f"ValidateModelAttributeException - {PRICE_MISMATCH_MESSAGE}"
    assert PRICE_MISMATCH_MESSAGE == (
        "NetPrice and GrossPrice do not match the VAT rate of the article account coding."
    )


async def test_gross_alone_gives_the_net(api: httpx.AsyncClient) -> None:
    request = article_body(GrossPrice=Decimal("812.50"))
    del request["NetPrice"]
    response = await send_json(api, "POST", "/v2/articles", request)

    assert decode(response)["NetPrice"] == Decimal("650.00")


async def test_no_price_at_all_is_zero(api: httpx.AsyncClient) -> None:
    request = article_body()
    del request["NetPrice"]
    created = decode(await send_json(api, "POST", "/v2/articles", request))

    assert (created["NetPrice"], created["GrossPrice"]) == (Decimal(0), Decimal(0))


async def test_a_computed_gross_above_the_limit_is_refused(api: httpx.AsyncClient) -> None:
    response = await post(api, NetPrice=Decimal("90000000.00"))

    assert response.status_code == 400
    assert response.json()["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - The field GrossPrice must be between 0 and 99000000."
    )


# properties -----------------------------------------------------------------------------------------------
@given(net=prices, rate=rates)
def test_net_alone_gives_the_rounded_gross(net: Decimal, rate: Decimal) -> None:
    assert settle_prices(net, None, rate) == (net, expected_gross(net, rate))


@given(net=prices, rate=rates)
def test_a_pair_is_accepted_exactly_when_it_agrees(net: Decimal, rate: Decimal) -> None:
    gross = expected_gross(net, rate)
    assert settle_prices(net, gross, rate) == (net, gross)
    for wrong in (gross + Decimal("0.01"), gross - Decimal("0.01")):
        if wrong >= 0:
            with pytest.raises(ApiProblem) as caught:
                settle_prices(net, wrong, rate)
            assert caught.value.error_code == 2000


@given(gross=prices, rate=rates)
def test_gross_alone_gives_a_two_decimal_net_close_to_it(gross: Decimal, rate: Decimal) -> None:
    net, kept = settle_prices(None, gross, rate)

    assert kept == gross
    assert net == round_ore(gross / (1 + rate))
    assert abs(expected_gross(net, rate) - gross) <= Decimal("0.01")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(net=prices, rate=rates, send_gross=st.booleans())
def test_the_api_applies_the_rule_at_every_vat_rate(net: Decimal, rate: Decimal, send_gross: bool) -> None:
    gross = expected_gross(net, rate)
    changes: dict[str, Any] = {"CodingId": coding_id(RATES[rate]), "NetPrice": net}
    if send_gross:
        changes["GrossPrice"] = gross
    created, mismatch = asyncio.run(_create_and_mismatch(changes, gross))

    assert created.status_code == 201, created.text
    assert (decode(created)["NetPrice"], decode(created)["GrossPrice"]) == (net, gross)
    assert mismatch.status_code == 400
    assert mismatch.json()["ErrorCode"] == 2000


@cache
def shared_emulator() -> Emulator:
    """One company for all examples (a fresh one each would dominate the run time); numbers stay unique."""
    return build_emulator("empty")


async def _create_and_mismatch(changes: dict[str, Any], gross: Decimal) -> tuple[httpx.Response, httpx.Response]:
    emulator = shared_emulator()
    async with asgi_client(emulator.app) as client:
        client.headers.update(bearer(await obtain_tokens(client)))
        number = f"H-{len(emulator.store.articles)}"
        created = await send_json(client, "POST", "/v2/articles", article_body(Number=number, **changes))
        wrong = {**changes, "GrossPrice": gross + Decimal("0.01"), "Number": f"{number}-x"}
        mismatch = await send_json(client, "POST", "/v2/articles", article_body(**wrong))
    return created, mismatch

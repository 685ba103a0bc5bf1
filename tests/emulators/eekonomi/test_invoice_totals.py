"""Draft totals: öre rounding per row, VAT per rate, whole-krona rounding, all in Decimal.

The property compares the emulator with an independent calculation written here from the rule (it does
not import the emulator's arithmetic).
"""

from __future__ import annotations

import asyncio
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brygga_emulators.eekonomi import Emulator, build_emulator
from brygga_emulators.eekonomi.articles import ArticleBook
from brygga_emulators.eekonomi.clock import system_clock
from brygga_emulators.eekonomi.reference_data import coding_id, unit_id

from .support import article_body, article_row, asgi_client, bearer, decode, draft_body, obtain_tokens, send_json

RATE_CODINGS = {
    Decimal("0.25"): "Tjänster 25% moms",
    Decimal("0.12"): "Varor 12% moms",
    Decimal("0.06"): "Varor 6% moms",
    Decimal("0"): "Tjänster momsfri",
}


def expected_totals(rows: list[tuple[Decimal, Decimal, Decimal, Decimal]]) -> tuple[Decimal, Decimal, Decimal]:
    """(TotalAmount, TotalVatAmount, TotalRoundings) for rows of (quantity, price, discount, rate)."""
    cent, krona = Decimal("0.01"), Decimal("1")
    by_rate: dict[Decimal, Decimal] = {}
    for quantity, price, discount, rate in rows:
        amount = (quantity * price * (1 - discount)).quantize(cent, rounding=ROUND_HALF_UP)
        by_rate[rate] = by_rate.get(rate, Decimal(0)) + amount
    vat = sum(((amount * rate).quantize(cent, rounding=ROUND_HALF_UP) for rate, amount in by_rate.items()), Decimal(0))
    gross = sum(by_rate.values(), Decimal(0)) + vat
    rounding = gross.quantize(krona, rounding=ROUND_HALF_UP) - gross
    return gross + rounding, vat, rounding


def test_the_independent_rule_on_a_hand_checked_example() -> None:
    rows = [
        (Decimal("12"), Decimal("1250.00"), Decimal(0), Decimal("0.25")),  # 15000.00
        (Decimal("3"), Decimal("33.33"), Decimal("0.1"), Decimal("0.12")),  # 89.991 -> 89.99, VAT 10.80
        (Decimal("1"), Decimal("0.50"), Decimal(0), Decimal("0.06")),  # VAT 0.03
    ]
    # 15090.49 + 3750.00 + 10.80 + 0.03 = 18851.32 -> 18851, rounding -0.32
    assert expected_totals(rows) == (Decimal("18851.00"), Decimal("3760.83"), Decimal("-0.32"))


async def test_a_half_krona_rounds_away_from_zero(api: httpx.AsyncClient) -> None:
    draft = decode(
        await send_json(api, "POST", "/v2/customerinvoicedrafts", draft_body(rows=[article_row("P-100", "1", "0.40")]))
    )

    assert (draft["TotalAmount"], draft["TotalVatAmount"], draft["TotalRoundings"]) == (
        Decimal("1.00"),
        Decimal("0.10"),
        Decimal("0.50"),
    )


async def test_foreign_currency_drafts_are_not_rounded_to_whole_units(api: httpx.AsyncClient) -> None:
    body = draft_body("9004", rows=[article_row("P-100", "1", "0.4")])
    draft = decode(await send_json(api, "POST", "/v2/customerinvoicedrafts", body))

    assert (draft["TotalAmount"], draft["TotalRoundings"]) == (Decimal("0.50"), Decimal(0))
    assert draft["TotalAmountBaseCurrency"] == Decimal("5.20")  # 0.50 USD at the emulator's fixed 10.40


money = st.decimals(min_value=Decimal("-100000"), max_value=Decimal("100000"), places=2)
quantities = st.decimals(min_value=Decimal("-50"), max_value=Decimal("1000"), places=2)
discounts = st.one_of(st.just(Decimal(0)), st.decimals(min_value=Decimal(0), max_value=Decimal(1), places=4))
rows = st.lists(st.tuples(quantities, money, discounts, st.sampled_from(sorted(RATE_CODINGS))), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows)
def test_totals_equal_an_independent_decimal_calculation(rows: list[tuple[Decimal, Decimal, Decimal, Decimal]]) -> None:
    draft = asyncio.run(_create_draft(rows))

    total, vat, rounding = expected_totals(rows)
    assert (draft["TotalAmount"], draft["TotalVatAmount"], draft["TotalRoundings"]) == (total, vat, rounding)
    assert [row["VatRate"] for row in draft["Rows"]] == [rate for *_, rate in rows]


@cache
def shared_emulator() -> Emulator:
    """One company for all examples, with one article per Swedish VAT rate (made through the article book,
    which applies the API's rules)."""
    emulator = build_emulator("demo")
    book = ArticleBook(emulator.store, system_clock)
    for rate, coding in RATE_CODINGS.items():
        book.create(article_body(Number=f"MOMS-{rate}", CodingId=coding_id(coding), UnitId=unit_id("st")))
    return emulator


async def _create_draft(rows: list[tuple[Decimal, Decimal, Decimal, Decimal]]) -> Any:
    emulator = shared_emulator()
    articles = {article["Number"]: article["Id"] for article in emulator.store.articles.all()}
    body_rows = [
        {
            "IsTextRow": False,
            "ReversedConstructionServicesVatFree": False,
            "ArticleId": articles[f"MOMS-{rate}"],
            "Quantity": quantity,
            "UnitPrice": price,
            "DiscountPercentage": discount,
        }
        for quantity, price, discount, rate in rows
    ]
    async with asgi_client(emulator.app) as client:
        client.headers.update(bearer(await obtain_tokens(client)))
        created = await send_json(client, "POST", "/v2/customerinvoicedrafts", draft_body(rows=body_rows))
    assert created.status_code == 201, created.text
    return decode(created)

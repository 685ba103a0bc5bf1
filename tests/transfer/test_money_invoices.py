"""Invoice totals as brygga expects them (``row_amount``, ``invoice_totals``), and the property that they equal
eEkonomi's own totals for the draft brygga writes, to the öre (rules I6 and O4).

The eEkonomi side is brygga's emulator in-process, reached through brygga's own client, mapping and checks:
canonical invoice -> ``check_invoice`` -> ``to_eekonomi_draft`` -> ``invoice_drafts.create``.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brygga.domain import InvoiceRow
from brygga.eekonomi import EEkonomiClient
from brygga.eekonomi.models_invoices import CustomerInvoiceDraft
from brygga.mapping.invoice_drafts import DraftContext, check_invoice, to_eekonomi_draft
from brygga.money import InvoiceTotals, invoice_totals, row_amount
from brygga.transfer.invoices.transfer import _totals_mismatch
from brygga_emulators.eekonomi import Emulator, build_emulator
from brygga_emulators.eekonomi.articles import ArticleBook
from brygga_emulators.eekonomi.clock import fixed_clock
from brygga_emulators.eekonomi.reference_data import coding_id, unit_id
from tests.eekonomi.test_against_emulator import connect
from tests.mapping.invoice_builders import invoice, text_row

D = Decimal
BASE_URL = "http://eek-totals.test"
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # the emulator's fixed clock: the same "today" on every run
# A demo article per Swedish VAT rate: P-100 and A-902 are the demo company's own; 6 % and 0 % are added.
ARTICLE_BY_RATE = {D("0.25"): "P-100", D("0.12"): "A-902", D("0.06"): "B-600", D("0"): "M-000"}
ADDED_ARTICLES = (("B-600", "Böcker", "Varor 6% moms"), ("M-000", "Momsfri tjänst", "Tjänster momsfri"))


# row_amount and invoice_totals by hand ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("quantity", "price", "discount", "amount"),
    [
        ("3", "0.335", "0", "1.01"),  # 1.005: half away from zero, not to even
        ("-3", "0.335", "0", "-1.01"),
        ("1", "100.00", "0.125", "87.50"),
        ("7.5", "1234.56", "0", "9259.20"),
        ("0.01", "0.40", "0", "0.00"),  # 0.004
        ("0", "999.99", "0", "0.00"),
    ],
)
def test_i6_row_amount_is_rounded_to_ore_half_away_from_zero(
    quantity: str, price: str, discount: str, amount: str
) -> None:
    result = row_amount(D(quantity), D(price), D(discount))
    assert result == D(amount) and result.as_tuple().exponent == -2


def test_i6_totals_of_a_hand_checked_invoice() -> None:
    totals = invoice_totals(
        [
            (D("12"), D("1250.00"), D("0.25")),  # 15000.00, VAT 3750.00
            (D("3"), D("33.33"), D("0.12")),  # 99.99, VAT 11.9988 -> 12.00
            (D("1"), D("0.50"), D("0.06")),  # 0.50, VAT 0.03
            (D("2"), D("45.00"), D("0")),  # 90.00, no VAT
        ]
    )
    assert totals == InvoiceTotals(net=D("15190.49"), vat=D("3762.03"))
    assert totals.total == D("18952.52")


def test_i6_vat_is_computed_once_per_rate_not_per_row() -> None:
    # Per row: 0.005 -> 0.01 twice = 0.02. On the rate's sum: 0.04 × 25 % = 0.01.
    totals = invoice_totals([(D("1"), D("0.02"), D("0.25")), (D("1"), D("0.02"), D("0.25"))])
    assert (totals.net, totals.vat) == (D("0.04"), D("0.01"))


def test_i6_invoice_without_rows_totals_zero() -> None:
    assert invoice_totals([]) == InvoiceTotals(D(0), D(0))


# invoice_totals against an integer oracle ------------------------------------------------------------
def divide_half_away(numerator: int, denominator: int) -> int:
    whole, rest = divmod(abs(numerator), denominator)
    rounded = whole + (1 if rest * 2 >= denominator else 0)
    return rounded if numerator >= 0 else -rounded


def oracle_totals_ore(rows: list[tuple[Decimal, Decimal, Decimal]]) -> tuple[int, int]:
    """(net, VAT) in whole öre by integer arithmetic alone: shares no code and no Decimal rounding with brygga."""
    by_percent: dict[int, int] = {}
    for quantity, price, rate in rows:
        hundredths_of_ore = int(quantity * 100) * int(price * 100)  # both have two decimals
        percent = int(rate * 100)
        by_percent[percent] = by_percent.get(percent, 0) + divide_half_away(hundredths_of_ore, 100)
    vat = sum(divide_half_away(amount * percent, 100) for percent, amount in by_percent.items())
    return sum(by_percent.values()), vat


quantities = st.decimals(min_value=-50, max_value=1000, places=2)
prices = st.decimals(min_value=0, max_value=100_000, places=2)
rates = st.sampled_from(sorted(ARTICLE_BY_RATE))
amount_rows = st.lists(st.tuples(quantities, prices, rates), max_size=10)


@given(amount_rows)
def test_i6_invoice_totals_equal_an_integer_calculation(rows: list[tuple[Decimal, Decimal, Decimal]]) -> None:
    totals = invoice_totals(rows)
    net, vat = oracle_totals_ore(rows)
    assert (totals.net * 100, totals.vat * 100) == (Decimal(net), Decimal(vat))
    assert all(isinstance(value, Decimal) for value in (totals.net, totals.vat, totals.total))


# the property against eEkonomi -------------------------------------------------------------------------
@cache
def shared_emulator() -> Emulator:
    """One demo company for every example (drafts pile up, which changes nothing about totals)."""
    emulator = build_emulator("demo", clock=fixed_clock(NOW))
    book = ArticleBook(emulator.store, fixed_clock(NOW))
    for number, name, coding in ADDED_ARTICLES:
        body = {"Number": number, "Name": name, "CodingId": coding_id(coding), "UnitId": unit_id("st")}
        book.create({**body, "NetPrice": D("0.00"), "IsActive": True})
    return emulator


async def draft_context_from(eek: EEkonomiClient) -> DraftContext:
    """What the invoice transfer builds from eEkonomi: articles by number, their codings' VAT, a customer."""
    articles = {article.number: article async for article in eek.articles.iter()}
    codings = {coding.id: coding.vat_rate async for coding in eek.article_codings.iter()}
    customer = await eek.customers.find_by_number("1005")  # a domestic demo customer: SEK, öre rounding on
    assert customer is not None and customer.id is not None
    return DraftContext(
        customer_id=customer.id,
        terms_id=None,
        invoice_date=NOW.date(),
        articles=articles,
        default_article=articles["DIV"],
        vat_of=lambda article: codings.get(article.coding_id),
        slot=2,
        project_item=None,
        item_for_cost_center=lambda number: None,
    )


async def create_in_emulator(rows: tuple[InvoiceRow, ...]) -> CustomerInvoiceDraft:
    emulator = shared_emulator()
    connected = await connect(BASE_URL, httpx.ASGITransport(app=emulator.app), emulator)
    async with connected.client as eek:
        ctx = await draft_context_from(eek)
        source = invoice(rows=rows)
        assert check_invoice(source, ctx) is None
        return await eek.invoice_drafts.create(to_eekonomi_draft(source, ctx))


def canonical_rows(rows: list[tuple[Decimal, Decimal, Decimal]]) -> tuple[InvoiceRow, ...]:
    article_rows = [
        InvoiceRow(text=f"Rad {n}", code=ARTICLE_BY_RATE[rate], quantity=q, unit_price=p, vat_rate=rate)
        for n, (q, p, rate) in enumerate(rows, start=1)
    ]
    return (text_row("Avser november"), *article_rows, text_row("Tack för att ni anlitar oss"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(quantities, prices, rates), min_size=1, max_size=8))
def test_i6_expected_totals_equal_eekonomis_to_the_ore(rows: list[tuple[Decimal, Decimal, Decimal]]) -> None:
    created = asyncio.run(create_in_emulator(canonical_rows(rows)))
    expected = invoice_totals(rows)

    assert created.total_amount is not None and created.total_roundings is not None
    assert created.total_amount - created.total_roundings == expected.total
    assert created.total_vat_amount == expected.vat
    # ... so the transfer's own comparison finds nothing to report.
    assert _totals_mismatch(invoice(total_including_vat=expected.total), created) is None

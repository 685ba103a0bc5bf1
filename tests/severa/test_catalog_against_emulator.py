"""The catalog, project and price-list services against brygga's Severa emulator and its ``demo`` data.

The emulator was written separately from the client, from the same spec and the joint demo data;
these tests are where the two must agree. In-process over ASGI.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal

import httpx
import pytest

from brygga.severa import Money, Product, SeveraAuth, SeveraClient, SeveraCredentials
from brygga.tokens import MemoryTokenStore
from brygga_emulators.severa import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, build_emulator

BASE_URL = "http://severa-catalog.test"


@pytest.fixture
async def client() -> AsyncIterator[SeveraClient]:
    transport = httpx.ASGITransport(app=build_emulator("demo").app)
    credentials = SeveraCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    auth = SeveraAuth(credentials, MemoryTokenStore(), BASE_URL, token_transport=transport)
    async with SeveraClient(BASE_URL, auth, transport=transport) as severa:
        yield severa


async def test_demo_products_carry_exact_money_and_vat_percent(client: SeveraClient) -> None:
    products = {product.code: product async for product in client.products.iter()}

    assert {"P-100", "P-110", "P-120", "P-130", "P-140", "P-150", "P-160", "P-170", "P-180", None} <= set(products)
    licence = products["P-100"]
    assert licence.name == "Licens Projektverktyg"
    assert licence.measurementUnit == "st"
    assert licence.vatRate == Decimal("25")
    assert licence.unitPrice is not None and licence.unitPrice.amount == Decimal("1200.00")
    assert licence.unitCost is not None and licence.unitCost.amount == Decimal("800.00")
    assert products["P-120"].vatRate == Decimal("6")
    assert products["P-140"].vatRate is None
    assert products["P-180"].measurementUnit == "påse"


async def test_product_filters(client: SeveraClient) -> None:
    inactive = [product.code async for product in client.products.iter(is_active=False)]
    by_code = [product.name async for product in client.products.iter(code="P-110")]

    assert inactive == ["P-160"]
    assert by_code == ["Utbildningsdag"]


async def test_a_created_product_keeps_its_money_through_a_patch(client: SeveraClient) -> None:
    new = Product(
        code="P-900",
        name="Emulatortest",
        measurementUnit="st",
        vatRate=Decimal("25"),
        unitPrice=Money(amount=Decimal("1234.50"), currencyCode="SEK"),
        type="Materials",
    )
    created = await client.products.create(new)
    assert created.guid is not None

    updated = await client.products.update(created.guid, {"unitPrice/amount": Decimal("99.90")})
    again = await client.products.get(created.guid)

    assert updated.unitPrice is not None and updated.unitPrice.amount == Decimal("99.90")
    assert again.unitPrice is not None and again.unitPrice.amount == Decimal("99.90")
    assert again.code == "P-900"


async def test_demo_work_types_and_their_filter(client: SeveraClient) -> None:
    work_types = {work_type.code: work_type async for work_type in client.work_types.iter()}
    active = {work_type.code async for work_type in client.work_types.iter(active=True)}

    assert {"KONS", "PROJ", "UTV", "UTB", "RES", "GAMMAL", None} <= set(work_types)
    consulting = work_types["KONS"]
    assert consulting.name == "Konsultation"
    assert consulting.hourCost is not None and consulting.hourCost.amount == Decimal("650")
    assert "GAMMAL" not in active and "KONS" in active


async def test_demo_travel_expense_types(client: SeveraClient) -> None:
    travel = {item.code: item async for item in client.travel_expense_types.iter()}
    inactive = [item.code async for item in client.travel_expense_types.iter(active=False)]

    mileage = travel["MIL"]
    assert (mileage.expenseClass, mileage.isMileage, mileage.measurementUnit) == ("Mileage", True, "km")
    assert mileage.unitCost is not None and mileage.unitCost.amount == Decimal("2.50")
    assert travel["TRAKT"].isDailyAllowance is True
    assert travel["TRAKT"].vatRate == Decimal("0")
    assert inactive == ["HOTELL"]


async def test_demo_vat_rates(client: SeveraClient) -> None:
    rates = [rate async for rate in client.vat_rates.iter()]

    assert sorted(rate.percentage for rate in rates) == [Decimal(0), Decimal(6), Decimal(12), Decimal(25)]
    assert [rate.percentage for rate in rates if rate.isDefault] == [Decimal(25)]


async def test_demo_projects_with_filters(client: SeveraClient) -> None:
    projects = [project async for project in client.projects.iter()]
    closed = {project.number async for project in client.projects.iter(is_closed=True)}
    chosen = {project.number: project.name async for project in client.projects.iter(numbers=[2003, 2004])}

    assert {project.number for project in projects} >= set(range(2001, 2061))
    assert all(project.customer is not None and project.customer.guid for project in projects)
    assert set(range(2050, 2061)) <= closed
    assert 2003 not in closed
    assert chosen == {2003: "Nordvik Kontorsbygge", 2004: "Älvsjö Mässhall etapp 2"}
    one = await client.projects.get(next(p.guid for p in projects if p.number == 2006 and p.guid))
    assert len(one.name) > 50


async def test_default_prices_of_the_demo_organisation(client: SeveraClient) -> None:
    work_types = {work_type.code: work_type.guid async for work_type in client.work_types.iter()}
    travel = {item.code: item.guid async for item in client.travel_expense_types.iter()}

    prices = await client.price_lists.default_prices(today=date(2025, 6, 1))

    by_code = {code: prices.work_type_prices.get(guid or "") for code, guid in work_types.items()}
    assert by_code["KONS"] == Decimal("1250.00")
    assert by_code["PROJ"] == Decimal("1400.00")
    assert by_code["UTV"] == Decimal("1150.00")
    assert by_code["UTB"] == Decimal("1100.00")
    assert by_code["RES"] == Decimal("600.00")
    assert prices.travel_prices[travel["MIL"] or ""] == Decimal("3.50")
    assert prices.travel_prices[travel["TRAKT"] or ""] == Decimal("290.00")
    assert prices.travel_prices[travel["PARK"] or ""] == Decimal("0")
    assert prices.currency_code == "SEK"

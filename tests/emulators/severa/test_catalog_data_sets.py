"""The demo's articles (with the cases broken on purpose), and what ``empty`` and ``bulk:N`` hold."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import simplejson

from brygga_emulators.severa import Emulator, build_emulator

from .conftest import auth_headers, login, make_client


async def _all(client: httpx.AsyncClient, path: str) -> list[dict[str, Any]]:
    response = await client.get(path, params={"rowCount": 100})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = simplejson.loads(response.content, use_decimal=True)
    return items


def _by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in items}


async def test_demo_products_carry_unit_vat_and_prices(client: httpx.AsyncClient) -> None:
    rows = {
        (
            p["code"],
            p["name"],
            p["measurementUnit"],
            p["vatRate"],
            p["unitPrice"]["amount"],
            (p["unitCost"] or {}).get("amount"),
        )
        for p in await _all(client, "/v1/products")
    }
    assert rows >= {
        ("P-100", "Licens Projektverktyg", "st", 25, Decimal("1200.00"), Decimal("800.00")),
        ("P-110", "Utbildningsdag", "dag", 25, Decimal("9500.00"), Decimal("4000.00")),
        ("P-120", "Tryckt handbok", "st", 6, Decimal("450.00"), Decimal("120.00")),
        ("P-130", "Serviceavtal", "mån", 25, Decimal("2500.00"), Decimal("0.00")),
        ("P-170", "Konferenslunch", "st", 12, Decimal("185.00"), Decimal("140.00")),
        ("P-180", "Diverse förbrukning", "påse", 25, Decimal("49.00"), Decimal("20.00")),
    }


async def test_demo_products_broken_on_purpose(client: httpx.AsyncClient) -> None:
    products = _by_name(await _all(client, "/v1/products"))
    assert products["Diverse material"]["code"] is None
    assert products["Diverse material"]["unitPrice"]["amount"] == Decimal("100.00")
    assert products["Hyrd utrustning"]["code"] == "P-140" and products["Hyrd utrustning"]["vatRate"] is None
    [long_name] = [product for product in products.values() if product["code"] == "P-150"]
    assert len(long_name["name"]) > 50
    assert products["Gammal licens"]["isActive"] is False and products["Gammal licens"]["code"] == "P-160"
    assert sum(1 for product in products.values() if product["isActive"]) == 9


async def test_demo_work_types(client: httpx.AsyncClient) -> None:
    work_types = await _all(client, "/v1/worktypes")
    rows = [(w["code"], w["name"], w["hourCost"]["amount"], w["isActive"]) for w in work_types]
    assert rows == [
        ("KONS", "Konsultation", 650, True),
        ("PROJ", "Projektledning", 700, True),
        ("UTV", "Systemutveckling", 600, True),
        ("UTB", "Utbildning", 550, True),
        ("RES", "Restid", 300, True),
        (None, "Intern tid", 450, True),
        ("GAMMAL", "Gammal arbetstyp", 500, False),
    ]


async def test_demo_travel_expense_types(client: httpx.AsyncClient) -> None:
    travel = _by_name(await _all(client, "/v1/travelexpensetypes"))
    rows = {
        name: (t["code"], t["measurementUnit"], t["vatRate"], t["expenseClass"], t["isActive"])
        for name, t in travel.items()
    }
    assert rows["Milersättning"] == ("MIL", "km", 25, "Mileage", True)
    assert rows["Traktamente heldag"] == ("TRAKT", "dag", 0, "DailyAllowance", True)
    assert rows["Parkering"] == ("PARK", "st", 25, "OtherTravelExpense", True)
    assert rows["Taxi"] == (None, "st", 25, "OtherTravelExpense", True)
    assert rows["Hotell"] == ("HOTELL", "natt", 12, "OtherTravelExpense", False)
    [train] = [t for t in travel.values() if t["code"] == "TÅG"]
    assert len(train["name"]) > 50 and train["vatRate"] == 6
    assert travel["Traktamente heldag"]["unitCost"]["amount"] == Decimal("290.00")


async def test_demo_customers_are_unchanged_by_the_catalog(client: httpx.AsyncClient) -> None:
    customers = (await client.get("/v1/customers", params={"rowCount": 1000})).json()
    assert [customer["number"] for customer in customers] == list(range(1001, 1046))


@asynccontextmanager
async def _logged_in(data: str) -> AsyncIterator[tuple[httpx.AsyncClient, Emulator]]:
    """A client of a fresh emulator; ``empty`` accepts any credentials, so the demo client's too."""
    emu = build_emulator(data)
    async with make_client(emu) as client:
        client.headers.update(auth_headers(await login(client)))
        yield client, emu


async def test_empty_has_vat_rates_and_the_price_list_but_no_articles_or_projects() -> None:
    async with _logged_in("empty") as (client, _):
        assert len(await _all(client, "/v1/vatrates")) == 4
        [pricelist] = await _all(client, "/v1/pricelists")
        [version] = await _all(client, f"/v1/pricelists/{pricelist['guid']}/pricelistversions")
        assert await _all(client, f"/v1/pricelistversions/{version['guid']}/workhourprices") == []
        for path in ("/v1/products", "/v1/worktypes", "/v1/travelexpensetypes", "/v1/projects"):
            assert await _all(client, path) == [], path
        settings = (await client.get("/v1/organizationsettings")).json()
        assert (settings["lastProjectNumber"], settings["nextProjectNumber"]) == (None, 1)


async def test_bulk_adds_products_and_open_projects_for_its_customers() -> None:
    async with _logged_in("bulk:7") as (client, emu):
        products = await _all(client, "/v1/products")
        projects = await _all(client, "/v1/projects")
        customers = {
            c["guid"]: c["number"] for c in (await client.get("/v1/customers", params={"rowCount": 100})).json()
        }
    assert [product["code"] for product in products] == [f"B-0000{index}" for index in range(1, 8)]
    assert all(product["vatRate"] == 25 and product["measurementUnit"] == "st" for product in products)
    assert all(product["unitCost"]["amount"] < product["unitPrice"]["amount"] for product in products)
    assert [project["number"] for project in projects] == [30001, 30002, 30003]
    assert [customers[project["customer"]["guid"]] for project in projects] == [20001, 20002, 20003]
    assert not any(project["isClosed"] for project in projects)
    assert emu.store.count("worktypes") == emu.store.count("travelexpensetypes") == 0


def test_bulk_is_deterministic() -> None:
    first, second = build_emulator("bulk:40"), build_emulator("bulk:40")
    for collection in ("products", "projects"):
        assert first.store.all(collection) == second.store.all(collection)
    assert first.store.count("products") == 40 and first.store.count("projects") == 20


async def test_products_and_prices_survive_a_sqlite_rebuild(tmp_path: Path) -> None:
    db = str(tmp_path / "severa.sqlite")
    emu = build_emulator("demo", db=db)
    async with make_client(emu) as client:
        client.headers.update(auth_headers(await login(client)))
        created = (await client.post("/v1/products", json={"name": "Beständig", "code": "P-999"})).json()
    emu.store.close()
    rebuilt = build_emulator("demo", db=db)
    assert rebuilt.store.count("products") == 11 and rebuilt.store.count("projects") == 60  # not seeded twice
    assert rebuilt.store.count("workhourprices") == 5 and rebuilt.store.count("vatrates") == 9
    stored = rebuilt.store.get("products", created["guid"])
    assert stored is not None and stored["code"] == "P-999"
    rebuilt.store.close()

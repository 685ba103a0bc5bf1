"""Articles, codings, units, VAT codes and cost centers: the client against brygga's eEkonomi emulator.

In-process over ASGI; every exchange is recorded and checked against the official spec at the end of
the session. The demo rows asserted here are the joint demo data the product demo runs on.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from decimal import Decimal

import httpx
import pytest

from brygga.eekonomi import Article, CostCenterItem, EEkonomiClient
from brygga.errors import RejectedError
from brygga_emulators.eekonomi import build_emulator
from tests.support.contract_plugin import register_base_url

from .test_against_emulator import connect

BASE_URL = "http://eek-catalog.test"
Recording = Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport]


async def connected_client(data_set: str, recording: Recording) -> AsyncIterator[EEkonomiClient]:
    register_base_url(BASE_URL, "eekonomi")  # so the contract check at the end of the session covers it
    emulator = build_emulator(data_set)
    connected = await connect(BASE_URL, recording(httpx.ASGITransport(app=emulator.app)), emulator)
    async with connected.client as client:
        yield client


@pytest.fixture
async def eek(recording_transport_factory: Recording) -> AsyncIterator[EEkonomiClient]:
    async for client in connected_client("demo", recording_transport_factory):
        yield client


async def test_codings_are_swedish_sales_categories_with_fraction_rates(eek: EEkonomiClient) -> None:
    codings = {c.name: c async for c in eek.article_codings.iter()}
    assert {"Tjänster 25% moms", "Tjänster momsfri", "Varor 12% moms", "Varor 6% moms"} <= set(codings)
    services = codings["Tjänster 25% moms"]
    assert (services.vat_rate, services.is_service) == (Decimal("0.25"), True)
    assert (codings["Varor 12% moms"].vat_rate, codings["Varor 12% moms"].is_service) == (Decimal("0.12"), False)
    assert codings["Tjänster momsfri"].vat_rate == Decimal(0)
    assert all(c.is_service is not None and c.vat_rate is not None for c in codings.values())
    assert services.id is not None and (await eek.article_codings.get(services.id)).name == services.name


async def test_units_and_vat_codes(eek: EEkonomiClient) -> None:
    units = {u.code: u async for u in eek.units.iter()}
    assert {"h", "km", "st", "kg", "dag", "mån", "pkt", "l", "m", "natt"} <= set(units)
    pieces = units["st"]
    assert pieces.id is not None and (await eek.units.get(pieces.id)).name == pieces.name
    codes = {c.code: c async for c in eek.vat_codes.iter()}
    assert codes["MP1"].vat_fraction == Decimal("0.25") and codes["MF"].vat_fraction == Decimal(0)


async def test_demo_articles_read_with_exact_prices(eek: EEkonomiClient) -> None:
    licence = await eek.articles.find_by_number("P-100")
    assert licence is not None and licence.name == "Licens Projektverktyg"
    assert (licence.net_price, licence.gross_price) == (Decimal("1200.00"), Decimal("1500.00"))
    assert (licence.coding_name, licence.unit_abbreviation, licence.is_service_article) == (
        "Tjänster 25% moms",
        "st",
        True,
    )
    by_number = {a.number: a async for a in eek.articles.iter(page_size=2)}
    assert {"P-100", "P-130", "A-900", "A-901", "A-902", "A-903"} <= set(by_number)
    assert by_number["A-903"].is_active is False
    assert by_number["A-902"].gross_price == Decimal("50.40")


async def test_create_find_update_and_changed_since(eek: EEkonomiClient) -> None:
    codings = {c.name: c.id async for c in eek.article_codings.iter()}
    units = {u.code: u.id async for u in eek.units.iter()}
    cursor = (await eek.articles.list(page_size=1)).meta.server_time_utc
    new = Article(
        number="K'-170",
        name="Konferenslunch",
        coding_id=codings["Varor 12% moms"] or "",
        unit_id=units["st"] or "",
        is_active=True,
        net_price=Decimal("185.00"),
    )
    created = await eek.articles.create(new)
    assert created.id is not None and created.net_price == Decimal("185.00")
    found = await eek.articles.find_by_number("K'-170")
    assert found is not None and found.id == created.id
    updated = await eek.articles.update(created.id, found.model_copy(update={"name": "Konferenslunch buffé"}))
    assert updated.name == "Konferenslunch buffé" and updated.net_price == Decimal("185.00")
    assert [a.number async for a in eek.articles.changed_since(cursor)] == ["K'-170"]


async def test_cost_centers_and_items(eek: EEkonomiClient) -> None:
    centers = {c.number: c async for c in eek.cost_centers.iter()}
    assert [(n, centers[n].name) for n in sorted(centers)] == [(1, "Avdelning"), (2, "Projekt"), (3, "Kostnadsbärare")]
    project = centers[2]
    assert project.id is not None
    assert {(i.short_name, i.name) for i in project.items or []} == {
        ("2003", "Nordvik Kontorsbygge"),
        ("2004", "Älvsjö Mässhall"),
        ("HAMN", "Hamnprojektet"),
    }
    item = CostCenterItem(cost_center_id=project.id, name="Kvarteret Linden", short_name="2006", is_active=True)
    created = await eek.cost_center_items.create(item)
    assert created.id is not None
    read = await eek.cost_center_items.get(created.id)
    closed = await eek.cost_center_items.update(created.id, read.model_copy(update={"is_active": False}))
    assert (closed.short_name, closed.is_active) == ("2006", False)
    again = await anext(c async for c in eek.cost_centers.iter() if c.id == project.id)
    assert [i.is_active for i in again.items or [] if i.short_name == "2006"] == [False]


async def test_a_duplicate_item_is_rejected_with_the_api_message(eek: EEkonomiClient) -> None:
    project = await anext(c async for c in eek.cost_centers.iter() if c.number == 2)
    assert project.id is not None
    clash = CostCenterItem(cost_center_id=project.id, name="Älvsjö Mässhall etapp 2", short_name="2004", is_active=True)
    with pytest.raises(RejectedError) as caught:
        await eek.cost_center_items.create(clash)
    assert (caught.value.error_code, caught.value.outcome_unknown) == (4000, False)
    assert caught.value.developer_message
    assert caught.value.message.startswith("ErrorCode: 4000, DeveloperErrorMessage: ")


async def test_cost_center_rename_keeps_number_and_items(eek: EEkonomiClient) -> None:
    center = await anext(c async for c in eek.cost_centers.iter() if c.number == 3)
    assert center.id is not None
    renamed = await eek.cost_centers.update(center.id, center.model_copy(update={"name": "Bärare"}))
    assert (renamed.number, renamed.name, renamed.items or []) == (3, "Bärare", [])


@pytest.mark.parametrize("data_set", ["empty", "bulk:3"])
async def test_every_company_has_the_reference_data(data_set: str, recording_transport_factory: Recording) -> None:
    async for client in connected_client(data_set, recording_transport_factory):
        assert len([c async for c in client.article_codings.iter()]) == 8
        assert len([u async for u in client.units.iter()]) >= 10
        assert len([c async for c in client.cost_centers.iter()]) == 3

"""Articles, codings, units, VAT codes and cost centers through EEkonomiClient against the MockTransport fake."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from brygga.eekonomi import Article, CostCenterItem, EEkonomiClient
from brygga.errors import RejectedError
from brygga.http import jsonio

from .fakes_catalog import CODINGS, FakeCatalogEEkonomi, article_row, demo_id
from .test_client import BASE_URL, StaticToken

SERVICES_25 = demo_id("coding", "Tjänster 25% moms")
PIECES = demo_id("unit", "st")
PROJECT_CENTER = demo_id("costcenter", "2")


@pytest.fixture
def api() -> FakeCatalogEEkonomi:
    fake = FakeCatalogEEkonomi()
    quoted = article_row("O'-1", "O'Learys lunch", "Varor 12% moms", "st", "99.00", "110.88")
    fake.articles[quoted["Id"]] = quoted
    return fake


async def _client(api: FakeCatalogEEkonomi) -> AsyncIterator[EEkonomiClient]:
    async with EEkonomiClient(BASE_URL, StaticToken(), transport=api.transport()) as eek:
        yield eek
    assert api.response_problems == []


@pytest.fixture
async def client(api: FakeCatalogEEkonomi) -> AsyncIterator[EEkonomiClient]:
    async for eek in _client(api):
        yield eek
    assert api.spec_problems == []


def new_article(**changes: Any) -> Article:
    fields: dict[str, Any] = {
        "number": "P-170",
        "name": "Konferenslunch",
        "coding_id": demo_id("coding", "Varor 12% moms"),
        "unit_id": PIECES,
        "is_active": True,
        "net_price": Decimal("185.00"),
        "purchase_price": Decimal("140.00"),
    }
    return Article(**{**fields, **changes})


# articles ---------------------------------------------------------------------------------------------
async def test_list_reads_one_page_of_articles(client: EEkonomiClient, api: FakeCatalogEEkonomi) -> None:
    page = await client.articles.list(page=2, page_size=2)
    assert [a.number for a in page.data] == ["A-900", "A-901"]
    assert (page.meta.total_number_of_pages, page.meta.total_number_of_results) == (4, 7)
    assert page.data[0].net_price == Decimal("990.00") and page.data[0].gross_price == Decimal("1237.50")
    assert api.requests[0].url.params["$page"] == "2"


async def test_iter_walks_every_page_of_articles(client: EEkonomiClient, api: FakeCatalogEEkonomi) -> None:
    numbers = [a.number async for a in client.articles.iter(page_size=3)]
    assert numbers == ["P-100", "P-130", "A-900", "A-901", "A-902", "A-903", "O'-1"]
    assert [r.url.params["$page"] for r in api.requests] == ["1", "2", "3"]
    assert client.calls_by_endpoint == {"GET /articles": 3}


async def test_find_by_number_quotes_an_apostrophe(client: EEkonomiClient, api: FakeCatalogEEkonomi) -> None:
    found = await client.articles.find_by_number("O'-1")
    assert found is not None and found.name == "O'Learys lunch"
    assert api.requests[0].url.params["$filter"] == "Number eq 'O''-1'"
    assert await client.articles.find_by_number("P-999") is None


async def test_changed_since_filters_on_changed_utc(client: EEkonomiClient, api: FakeCatalogEEkonomi) -> None:
    changed = [a.number async for a in client.articles.changed_since(datetime(2025, 1, 20, tzinfo=UTC))]
    assert changed == ["A-902"]
    assert api.requests[0].url.params["$filter"] == "ChangedUtc gt 2025-01-20T00:00:00Z"
    assert len([a async for a in client.articles.changed_since(None)]) == 7
    assert "$filter" not in api.requests[-1].url.params


async def test_create_posts_decimal_prices_without_read_only_fields(
    client: EEkonomiClient, api: FakeCatalogEEkonomi
) -> None:
    created = await client.articles.create(new_article())
    assert created.id is not None and created.coding_name == "Varor 12% moms"
    assert (created.unit_abbreviation, created.is_service_article) == ("st", False)
    assert created.net_price == Decimal("185.00")
    sent = api.requests[0]
    assert (sent.method, sent.url.path) == ("POST", "/v2/articles")
    assert b'"NetPrice": 185.00' in sent.content and b'"PurchasePrice": 140.00' in sent.content
    assert set(jsonio.loads(sent.content)) == {
        "Number",
        "Name",
        "CodingId",
        "UnitId",
        "IsActive",
        "NetPrice",
        "PurchasePrice",
    }


async def test_a_duplicate_article_number_is_rejected(client: EEkonomiClient) -> None:
    with pytest.raises(RejectedError) as caught:
        await client.articles.create(new_article(number="P-100"))
    assert (caught.value.status, caught.value.error_code) == (400, 4000)
    assert caught.value.outcome_unknown is False


async def test_get_then_update_replaces_the_whole_article(client: EEkonomiClient, api: FakeCatalogEEkonomi) -> None:
    article_id = demo_id("article", "P-130")
    article = await client.articles.get(article_id)
    updated = await client.articles.update(article_id, article.model_copy(update={"name": "Serviceavtal"}))
    assert updated.name == "Serviceavtal" and updated.changed_utc == datetime(2025, 3, 1, 12, 30, tzinfo=UTC)
    put = jsonio.loads(api.requests[-1].content)
    assert put["GrossPrice"] == Decimal("3125.00") and put["UnitId"] == demo_id("unit", "mån")  # sent back
    assert "ChangedUtc" not in put and "UnitName" not in put
    assert client.calls_by_endpoint == {"GET /articles/{articleId}": 1, "PUT /articles/{articleId}": 1}


async def test_a_missing_article_is_rejected(client: EEkonomiClient) -> None:
    with pytest.raises(RejectedError) as caught:
        await client.articles.get("00000000-0000-0000-0000-000000000000")
    assert (caught.value.status, caught.value.error_code) == (404, 3000)


# reference data ---------------------------------------------------------------------------------------
async def test_codings_read_as_fractions_and_types(client: EEkonomiClient) -> None:
    codings = {c.name: c async for c in client.article_codings.iter()}
    assert len(codings) == 8
    assert codings["Tjänster 25% moms"].vat_rate == Decimal("0.25")
    assert codings["Tjänster 25% moms"].is_service is True
    assert codings["Varor momsfri"].vat_rate == Decimal(0) and codings["Varor momsfri"].is_service is False
    assert codings["Varor 6% moms"].domestic_sales_subject_to_vat_account_number == 3003
    one = await client.article_codings.get(SERVICES_25)
    assert one.name_english == "Services 25% VAT"


async def test_codings_sent_as_whole_percentages_give_the_same_fractions() -> None:
    as_percent = [{**row, "VatRatePercent": Decimal(row["VatRate"])} for row in CODINGS]
    async for eek in _client(FakeCatalogEEkonomi(codings=as_percent)):
        rates = [c.vat_rate async for c in eek.article_codings.iter()]
    assert rates == [Decimal(r) for r in ["0.25", "0.12", "0.06", "0"] * 2]


async def test_units_and_vat_codes(client: EEkonomiClient) -> None:
    units = {u.code: u async for u in client.units.iter()}
    assert set(units) >= {"h", "km", "st", "dag", "mån", "natt"}
    assert (units["h"].name, units["h"].abbreviation, units["st"].abbreviation_english) == ("Timmar", "tim", "pcs")
    assert (await client.units.get(PIECES)).name == "Styck"
    codes = {c.code: c async for c in client.vat_codes.iter()}
    assert codes["MP1"].vat_rate == Decimal(25) and codes["MP1"].vat_fraction == Decimal("0.25")
    assert (await client.vat_codes.get(demo_id("vatcode", "MF"))).vat_fraction == Decimal(0)
    assert client.calls_by_endpoint == {
        "GET /units": 1,
        "GET /units/{id}": 1,
        "GET /vatcodes": 1,
        "GET /vatcodes/{id}": 1,
    }


# cost centers -----------------------------------------------------------------------------------------
async def test_cost_centers_come_with_their_items(client: EEkonomiClient) -> None:
    centers = [c async for c in client.cost_centers.iter()]
    assert [(c.number, c.name) for c in centers] == [(1, "Avdelning"), (2, "Projekt"), (3, "Kostnadsbärare")]
    project_items = centers[1].items or []
    assert [(i.short_name, i.name) for i in project_items] == [
        ("2003", "Nordvik Kontorsbygge"),
        ("2004", "Älvsjö Mässhall"),
        ("HAMN", "Hamnprojektet"),
    ]
    assert centers[2].items == []


async def test_cost_center_update_sends_name_and_flag_only(client: EEkonomiClient, api: FakeCatalogEEkonomi) -> None:
    center = await anext(c async for c in client.cost_centers.iter() if c.number == 2)
    assert center.id is not None
    updated = await client.cost_centers.update(center.id, center.model_copy(update={"name": "PM-projekt"}))
    assert updated.name == "PM-projekt" and updated.number == 2 and len(updated.items or []) == 3
    assert jsonio.loads(api.requests[-1].content) == {"Name": "PM-projekt", "IsActive": True}
    assert api.requests[-1].url.path == f"/v2/costcenters/{center.id}"


async def test_item_create_get_and_update(client: EEkonomiClient, api: FakeCatalogEEkonomi) -> None:
    new = CostCenterItem(cost_center_id=PROJECT_CENTER, name="Kvarteret Linden", short_name="2006", is_active=True)
    created = await client.cost_center_items.create(new)
    assert created.id is not None and created.created_utc is not None
    read = await client.cost_center_items.get(created.id)
    assert read.short_name == "2006"
    closed = await client.cost_center_items.update(created.id, read.model_copy(update={"is_active": False}))
    assert closed.is_active is False
    listed = await anext(c async for c in client.cost_centers.iter() if c.id == PROJECT_CENTER)
    assert [i.is_active for i in listed.items or [] if i.short_name == "2006"] == [False]
    assert client.calls_by_endpoint == {
        "POST /costcenteritems": 1,
        "GET /costcenteritems/{itemId}": 1,
        "PUT /costcenteritems/{costCenterItemId}": 1,
        "GET /costcenters": 1,
    }


async def test_a_duplicate_item_is_rejected_with_the_api_message(client: EEkonomiClient) -> None:
    clash = CostCenterItem(
        cost_center_id=PROJECT_CENTER, name="Älvsjö Mässhall etapp 2", short_name="2004", is_active=True
    )
    with pytest.raises(RejectedError) as caught:
        await client.cost_center_items.create(clash)
    error = caught.value
    assert (error.status, error.error_code, error.outcome_unknown) == (400, 4000, False)
    assert error.developer_message == "Conflict - A cost center item with this short name already exists."
    assert error.message == (
        "ErrorCode: 4000, DeveloperErrorMessage: Conflict - A cost center item with this short name already exists."
    )
    assert client.calls_by_endpoint == {"POST /costcenteritems": 1}  # a rejected POST is never resent


async def test_a_missing_item_is_rejected(client: EEkonomiClient) -> None:
    with pytest.raises(RejectedError) as caught:
        await client.cost_center_items.get("00000000-0000-0000-0000-000000000000")
    assert (caught.value.status, caught.value.error_code) == (404, 3000)

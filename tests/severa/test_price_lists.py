"""Price lists: routes, paging styles and the choice of the default prices in force."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from brygga.errors import ConfigError
from brygga.severa.price_lists import current_version, default_price_list
from brygga.severa.price_models import PriceList, PriceListVersion

from .fakes import assert_requests_fit_the_spec, json_response, make_client, severa_error

TODAY = date(2025, 6, 1)
SEK = {"guid": "sek", "code": "SEK"}
PRICE_LISTS = [
    {"guid": "custom", "name": "Projektets egen", "currency": SEK, "isDefault": True, "isCustom": True},
    {"guid": "old", "name": "Gammal standard", "currency": SEK, "isDefault": True, "isActive": False},
    {"guid": "other", "name": "Kampanj", "currency": SEK, "isActive": True},
    {"guid": "std", "name": "Standardprislista", "currency": SEK, "isDefault": True, "isActive": True},
]
VERSIONS = [
    {"guid": "v2024", "pricelistGuid": "std", "startDate": "2024-01-01"},
    {"guid": "v2026", "pricelistGuid": "std", "startDate": "2026-01-01"},  # not started yet
    {"guid": "v2025", "pricelistGuid": "std", "startDate": "2025-01-01"},
]


def money(amount: str) -> dict[str, Any]:
    return {"amount": Decimal(amount), "currencyCode": "SEK"}


WORK_HOUR_PRICES = [
    {"guid": "h1", "workType": {"guid": "kons"}, "unitPrice": money("1250.00")},
    {"guid": "h2", "workType": {"guid": "kons"}, "user": {"guid": "u1"}, "unitPrice": money("1500.00")},
    {"guid": "h3", "workType": {"guid": "proj"}, "unitPrice": money("1400.00")},
    {"guid": "h4", "workType": {"guid": "utv"}, "unitPrice": money("1150.00")},
]
TRAVEL_PRICES = [
    {
        "product": {"guid": "mil", "name": "Milersättning", "expenseClass": "Mileage"},
        "prices": [
            {"price": money("2.50"), "priceSource": "ProductRegistry"},
            {"price": money("3.50"), "priceSource": "Pricelist", "pricelistVersionGuid": "v2025"},
        ],
    },
    {"product": {"guid": "trakt"}, "prices": [{"price": money("290.00"), "priceSource": "ProductRegistry"}]},
    {"product": {"guid": "park"}, "prices": [{"price": money("0"), "priceSource": "Pricelist"}]},
    {"product": {"guid": "taxi"}, "prices": [{"price": money("99.00"), "priceSource": "Project"}]},
]


class FakePriceLists:
    """The four price-list routes; work-hour prices come two to a page, as a token-paged route does."""

    def __init__(self, price_lists: list[dict[str, Any]] = PRICE_LISTS, versions: list[dict[str, Any]] = VERSIONS):
        self.price_lists = price_lists
        self.versions = versions

    def __call__(self, request: httpx.Request) -> httpx.Response:
        parts = request.url.path.removeprefix("/rest-api/v1/").split("/")
        params = request.url.params
        if parts == ["pricelists"]:
            first = int(params["firstRow"])
            return json_response(200, self.price_lists[first : first + int(params["rowCount"])])
        if parts[0] == "pricelists" and parts[2:] == ["pricelistversions"]:
            return json_response(200, [v for v in self.versions if v["pricelistGuid"] == parts[1]])
        if parts[0] == "pricelistversions" and parts[2:] == ["workhourprices"]:
            start = int(params.get("pageToken", "0"))
            headers = {"NextPageToken": str(start + 2)} if start + 2 < len(WORK_HOUR_PRICES) else {}
            rows = [{**row, "pricelistVersion": {"guid": parts[1]}} for row in WORK_HOUR_PRICES[start : start + 2]]
            return json_response(200, rows, headers)
        if parts[0] == "pricelistversions" and parts[2:] == ["travelprices"]:
            first = int(params["firstRow"])
            return json_response(200, TRAVEL_PRICES[first : first + int(params["rowCount"])])
        return severa_error(404, "InvalidParameter", f"no route {request.url.path}")


async def test_default_prices_take_the_current_version_of_the_default_list() -> None:
    client, api = make_client(FakePriceLists())
    async with client:
        prices = await client.price_lists.default_prices(today=TODAY)

    assert prices.price_list.guid == "std"
    assert prices.version.guid == "v2025"
    assert prices.currency_code == "SEK"
    # The user-specific row (1500.00) is that user's exception, not the work type's price.
    expected = {"kons": Decimal("1250.00"), "proj": Decimal("1400.00"), "utv": Decimal("1150.00")}
    assert prices.work_type_prices == expected
    assert prices.travel_prices == {"mil": Decimal("3.50"), "trakt": Decimal("290.00"), "park": Decimal("0")}
    assert all(isinstance(amount, Decimal) for amount in prices.work_type_prices.values())
    paths = [request.url.path.removeprefix("/rest-api") for request in api.requests]
    assert paths == [
        "/v1/pricelists",
        "/v1/pricelists/std/pricelistversions",
        "/v1/pricelistversions/v2025/workhourprices",
        "/v1/pricelistversions/v2025/workhourprices",
        "/v1/pricelistversions/v2025/travelprices",
    ]
    assert_requests_fit_the_spec(api.requests)


async def test_work_hour_prices_are_token_paged_at_100_rows() -> None:
    client, api = make_client(FakePriceLists())
    async with client:
        prices = await client.price_lists.work_hour_prices("v2025")

    assert [price.guid for price in prices] == ["h1", "h2", "h3", "h4"]
    assert [request.url.params.get("pageToken") for request in api.requests] == [None, "2"]
    assert all(request.url.params["rowCount"] == "100" for request in api.requests)


async def test_a_lone_work_hour_price_object_is_read_as_one_row() -> None:
    # The spec types this paged route's answer as one WorkHourPriceOutputModel, not an array.
    client, _ = make_client(lambda request: json_response(200, WORK_HOUR_PRICES[0]))
    async with client:
        prices = await client.price_lists.work_hour_prices("v2025")

    assert [price.guid for price in prices] == ["h1"]


async def test_price_lists_are_offset_paged_and_versions_unpaged() -> None:
    client, api = make_client(FakePriceLists())
    async with client:
        lists = [price_list async for price_list in client.price_lists.iter(active=True)]
        versions = await client.price_lists.versions("std")

    assert [price_list.guid for price_list in lists] == ["custom", "old", "other", "std"]
    assert dict(api.requests[0].url.params) == {"active": "true", "firstRow": "0", "rowCount": "100"}
    assert [version.startDate for version in versions] == [date(2024, 1, 1), date(2026, 1, 1), date(2025, 1, 1)]
    assert dict(api.requests[1].url.params) == {}


async def test_travel_prices_keep_every_source() -> None:
    client, _ = make_client(FakePriceLists())
    async with client:
        travel = await client.price_lists.travel_prices("v2025")

    assert travel[0].product is not None and travel[0].product.expenseClass == "Mileage"
    assert [entry.priceSource for entry in travel[0].prices or []] == ["ProductRegistry", "Pricelist"]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 1, 1), "v2025"),  # starts that very day
        (date(2024, 12, 31), "v2024"),
        (date(2026, 3, 1), "v2026"),
    ],
)
def test_the_current_version_is_the_newest_that_has_started(today: date, expected: str) -> None:
    versions = [PriceListVersion.model_validate(version) for version in VERSIONS]

    assert current_version(versions, today).guid == expected


def test_a_version_without_start_date_applies_until_a_dated_one_starts() -> None:
    versions = [PriceListVersion(guid="always"), PriceListVersion(guid="v2026", startDate=date(2026, 1, 1))]

    assert current_version(versions, TODAY).guid == "always"
    assert current_version(versions, date(2026, 1, 2)).guid == "v2026"


def test_no_started_version_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="2025-06-01"):
        current_version([PriceListVersion(guid="v2026", startDate=date(2026, 1, 1))], TODAY)


@pytest.mark.parametrize(
    ("rows", "found"),
    [
        (PRICE_LISTS[:3], "ingen"),
        ([*PRICE_LISTS, {**PRICE_LISTS[3], "guid": "std2", "name": "Andra"}], "2 st"),
    ],
)
def test_no_single_default_price_list_is_a_config_error(rows: list[dict[str, Any]], found: str) -> None:
    with pytest.raises(ConfigError, match=found) as caught:
        default_price_list(PriceList.model_validate(row) for row in rows)
    assert caught.value.hint


async def test_default_prices_without_a_default_list_make_no_further_calls() -> None:
    client, api = make_client(FakePriceLists(price_lists=PRICE_LISTS[:3]))
    async with client:
        with pytest.raises(ConfigError):
            await client.price_lists.default_prices(today=TODAY)

    assert len(api.requests) == 1

"""Price lists, their versions and rows; VAT rates; organisation settings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import simplejson

MISSING = "00000000-0000-0000-0000-000000000000"


def _decoded(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return simplejson.loads(response.content, use_decimal=True)


async def _version(client: httpx.AsyncClient) -> str:
    [pricelist] = _decoded(await client.get("/v1/pricelists"))
    [version] = _decoded(await client.get(f"/v1/pricelists/{pricelist['guid']}/pricelistversions"))
    guid: str = version["guid"]
    return guid


# price lists ---------------------------------------------------------------------------------------------
async def test_one_active_default_price_list_in_sek(client: httpx.AsyncClient) -> None:
    [pricelist] = _decoded(await client.get("/v1/pricelists"))
    assert pricelist["name"] == "Standardprislista"
    assert (pricelist["isActive"], pricelist["isDefault"], pricelist["isCustom"]) == (True, True, False)
    assert pricelist["currency"]["code"] == "SEK"
    assert _decoded(await client.get(f"/v1/pricelists/{pricelist['guid']}")) == pricelist
    assert _decoded(await client.get("/v1/pricelists", params={"active": "false"})) == []
    assert len(_decoded(await client.get("/v1/pricelists", params={"textToSearch": "standard"}))) == 1
    assert _decoded(await client.get("/v1/pricelists", params={"name": "Standard"})) == []


async def test_the_current_version_of_the_price_list(client: httpx.AsyncClient) -> None:
    [pricelist] = _decoded(await client.get("/v1/pricelists"))
    [version] = _decoded(await client.get(f"/v1/pricelists/{pricelist['guid']}/pricelistversions"))
    assert version["pricelistGuid"] == pricelist["guid"] and version["startDate"] == "2024-01-01"
    assert _decoded(await client.get(f"/v1/pricelistversions/{version['guid']}")) == version


async def test_unknown_price_list_or_version_is_404(client: httpx.AsyncClient) -> None:
    for path in (
        f"/v1/pricelists/{MISSING}",
        f"/v1/pricelists/{MISSING}/pricelistversions",
        f"/v1/pricelistversions/{MISSING}",
        f"/v1/pricelistversions/{MISSING}/workhourprices",
        f"/v1/pricelistversions/{MISSING}/travelprices",
        f"/v1/pricelistversions/{MISSING}/productprices",
    ):
        response = await client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["details"][0]["location"]["type"] == "PathParameter"


async def test_work_hour_prices_of_the_work_types(client: httpx.AsyncClient) -> None:
    version = await _version(client)
    rows = _decoded(await client.get(f"/v1/pricelistversions/{version}/workhourprices", params={"rowCount": 100}))
    work_types = {item["guid"]: item["code"] for item in _decoded(await client.get("/v1/worktypes"))}
    prices = {work_types[row["workType"]["guid"]]: row["unitPrice"]["amount"] for row in rows}
    assert prices == {
        "KONS": Decimal("1250.00"),
        "PROJ": Decimal("1400.00"),
        "UTV": Decimal("1150.00"),
        "UTB": Decimal("1100.00"),
        "RES": Decimal("600.00"),
    }
    assert all(row["user"] is None and row["unitPrice"]["currencyCode"] == "SEK" for row in rows)
    assert all(row["pricelistVersion"] == {"guid": version} for row in rows)
    assert rows[0]["workType"]["name"] == "Konsultation"


async def test_work_hour_prices_page_by_token_and_changed_since(client: httpx.AsyncClient) -> None:
    version = await _version(client)
    path = f"/v1/pricelistversions/{version}/workhourprices"
    first = await client.get(path, params={"rowCount": 3})
    second = await client.get(path, params={"rowCount": 3, "pageToken": first.headers["NextPageToken"]})
    assert len(first.json()) == 3 and len(second.json()) == 2 and "NextPageToken" not in second.headers
    last = second.json()[-1]
    since = await client.get(path, params={"changedSince": last["createdDateTime"]})
    assert [row["guid"] for row in since.json()] == [last["guid"]]
    assert (await client.get(path, params={"rowCount": 101})).status_code == 400


async def test_travel_prices_from_the_price_list(client: httpx.AsyncClient) -> None:
    version = await _version(client)
    path = f"/v1/pricelistversions/{version}/travelprices"
    listed = _decoded(await client.get(path, params={"fromPricelistOnly": "true"}))
    prices = {item["product"]["productCode"]: [price["price"]["amount"] for price in item["prices"]] for item in listed}
    assert prices == {"MIL": [Decimal("3.50")], "TRAKT": [Decimal("290.00")], "PARK": [Decimal("0.00")]}
    assert {price["priceSource"] for item in listed for price in item["prices"]} == {"Pricelist"}
    mileage = _decoded(await client.get(path, params={"expenseClasses": "Mileage"}))
    assert [item["product"]["name"] for item in mileage] == ["Milersättning"]
    assert (await client.get(path, params={"expenseClasses": "Hotel"})).status_code == 400


async def test_travel_prices_list_other_active_types_without_prices(client: httpx.AsyncClient) -> None:
    version = await _version(client)
    listed = _decoded(await client.get(f"/v1/pricelistversions/{version}/travelprices"))
    codes = [item["product"]["productCode"] for item in listed]
    assert codes == ["MIL", "TRAKT", "PARK", None, "TÅG"]  # HOTELL is inactive
    assert [item["prices"] for item in listed[3:]] == [[], []]


async def test_product_prices_come_from_the_product_registry(client: httpx.AsyncClient) -> None:
    version = await _version(client)
    path = f"/v1/pricelistversions/{version}/productprices"
    [p100] = _decoded(await client.get(path, params={"productCode": "P-100"}))
    assert p100["product"]["name"] == "Licens Projektverktyg" and p100["isAvailable"] is True
    [price] = p100["prices"]
    assert price["priceSource"] == "ProductRegistry" and price["price"]["amount"] == Decimal("1200.00")
    inactive = _decoded(await client.get(path, params={"productCode": "P-160"}))
    assert inactive[0]["isAvailable"] is False
    fixed = _decoded(await client.get(path, params={"productTypes": "FixedFees"}))
    assert [item["product"]["productCode"] for item in fixed] == ["P-110", "P-130"]
    assert _decoded(await client.get(path, params={"fromPricelistOnly": "true"})) == []
    assert len(_decoded(await client.get(path, params={"rowCount": 100}))) == 10


# VAT rates and organisation settings ---------------------------------------------------------------------
async def test_vat_rates_default_to_the_organizations_country(client: httpx.AsyncClient) -> None:
    rates = _decoded(await client.get("/v1/vatrates"))
    assert [(rate["code"], rate["percentage"], rate["isDefault"]) for rate in rates] == [
        ("25", 25, True),
        ("12", 12, False),
        ("6", 6, False),
        ("0", 0, False),
    ]
    sweden = next(item for item in _decoded(await client.get("/v1/localization/countries/SE")))
    assert {rate["countryGuid"] for rate in rates} == {sweden["guid"]}
    assert _decoded(await client.get(f"/v1/vatrates/{rates[0]['guid']}")) == rates[0]
    assert (await client.get(f"/v1/vatrates/{MISSING}")).status_code == 404


async def test_vat_rates_by_country_and_active(client: httpx.AsyncClient) -> None:
    [finland] = _decoded(await client.get("/v1/localization/countries/FI"))
    finnish = _decoded(await client.get("/v1/vatrates", params={"countryGuid": finland["guid"]}))
    assert [rate["percentage"] for rate in finnish] == [Decimal("25.5"), 24, 14, 10, 0]
    inactive = _decoded(await client.get("/v1/vatrates", params={"countryGuid": finland["guid"], "active": "false"}))
    assert [rate["code"] for rate in inactive] == ["24"]
    assert _decoded(await client.get("/v1/vatrates", params={"active": "false"})) == []
    unknown = await client.get("/v1/vatrates", params={"countryGuid": MISSING})
    assert unknown.status_code == 400 and unknown.json()["error"]["details"][0]["location"]["name"] == "countryGuid"


async def test_organization_settings_follow_the_data(client: httpx.AsyncClient) -> None:
    settings = _decoded(await client.get("/v1/organizationsettings"))
    assert settings["uniqueIdentifierForProductsAndWorktypes"] is True
    assert (settings["lastCustomerNumber"], settings["nextCustomerNumber"]) == (1045, 1046)
    assert (settings["lastProjectNumber"], settings["nextProjectNumber"]) == (2060, 2061)
    assert settings["workWeek"] == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    await client.post("/v1/customers", json={"name": "Ny Kund AB"})
    after = _decoded(await client.get("/v1/organizationsettings"))
    assert (after["lastCustomerNumber"], after["nextCustomerNumber"]) == (1046, 1047)

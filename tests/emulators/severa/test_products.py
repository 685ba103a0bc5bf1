"""/v1/products: token paging, filters, changedSince, create, JSON Patch, validation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
import simplejson

from .conftest import FakeClock

PRODUCTS_IN_DEMO = 10


def _decoded(response: httpx.Response) -> Any:
    """The body with Decimal numbers, as a client must read Severa's amounts."""
    return simplejson.loads(response.content, use_decimal=True)


def _codes(response: httpx.Response) -> list[str | None]:
    return [product["code"] for product in response.json()]


async def _product(client: httpx.AsyncClient, code: str) -> dict[str, Any]:
    [product] = _decoded(await client.get("/v1/products", params={"code": code}))
    assert isinstance(product, dict)
    return product


def _problem_names(response: httpx.Response) -> set[str]:
    assert response.status_code == 400, response.text
    return {detail["location"]["name"] for detail in response.json()["error"]["details"]}


async def test_token_paging_walks_every_product_once(client: httpx.AsyncClient) -> None:
    seen: list[str | None] = []
    params: dict[str, Any] = {"rowCount": 4}
    pages = 0
    while True:
        response = await client.get("/v1/products", params=params)
        assert response.status_code == 200
        seen += [product["name"] for product in response.json()]
        pages += 1
        token = response.headers.get("NextPageToken")
        if token is None:
            break
        params = {"rowCount": 4, "pageToken": token}
    assert pages == 3
    assert len(seen) == len(set(seen)) == PRODUCTS_IN_DEMO


async def test_last_page_has_no_token_and_row_count_is_checked(client: httpx.AsyncClient) -> None:
    everything = await client.get("/v1/products", params={"rowCount": PRODUCTS_IN_DEMO})
    assert len(everything.json()) == PRODUCTS_IN_DEMO and "NextPageToken" not in everything.headers
    assert (await client.get("/v1/products", params={"rowCount": 0})).status_code == 400
    forged = await client.get("/v1/products", params={"pageToken": "page-2"})
    assert forged.status_code == 400 and forged.json()["error"]["details"][0]["location"]["name"] == "pageToken"


async def test_type_is_active_and_code_filters(client: httpx.AsyncClient) -> None:
    fixed = await client.get("/v1/products", params={"type": "FixedFees"})
    assert _codes(fixed) == ["P-110", "P-130"]
    inactive = await client.get("/v1/products", params={"isActive": "false"})
    assert _codes(inactive) == ["P-160"]
    active = await client.get("/v1/products", params={"isActive": "true", "rowCount": 100})
    assert len(active.json()) == PRODUCTS_IN_DEMO - 1
    assert _codes(await client.get("/v1/products", params={"code": "P-120"})) == ["P-120"]
    assert (await client.get("/v1/products", params={"code": "p-120"})).json() == []


async def test_unknown_type_is_invalid_parameter(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/products", params={"type": "Services"})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["location"] == {
        "type": "UriParameter",
        "name": "type",
        "identifier": None,
    }


async def test_changed_since_is_greater_or_equal(client: httpx.AsyncClient, clock: FakeClock) -> None:
    body = {"name": "Ny produkt", "code": "P-900"}
    created = (await client.post("/v1/products", json=body)).json()
    assert created["createdDateTime"] == created["lastUpdatedDateTime"] == "2025-05-01T09:00:00.000Z"
    at_creation = await client.get("/v1/products", params={"changedSince": created["createdDateTime"]})
    assert _codes(at_creation) == ["P-900"]
    clock.advance(60)
    later = await client.get("/v1/products", params={"changedSince": "2025-05-01T09:00:00.001Z"})
    assert later.json() == []
    p100 = await _product(client, "P-100")
    await client.patch(f"/v1/products/{p100['guid']}", json=[{"op": "Replace", "path": "/isActive", "value": False}])
    changed = await client.get("/v1/products", params={"changedSince": "2025-05-01T09:01:00+00:00"})
    assert _codes(changed) == ["P-100"]


async def test_create_answers_201_with_every_property(client: httpx.AsyncClient) -> None:
    body = {
        "name": "Workshopmaterial",
        "code": "P-901",
        "measurementUnit": "st",
        "vatRate": 12,
        "type": "Materials",
        "unitPrice": {"amount": "not used", "currencyCode": "SEK"},
    }
    bad = await client.post("/v1/products", json=body)
    assert _problem_names(bad) == {"unitPrice.amount"}
    body["unitPrice"] = {"amount": 350.5, "currencyCode": "SEK"}
    response = await client.post("/v1/products", json=body)
    assert response.status_code == 201, response.text
    created = _decoded(response)
    assert created["unitPrice"] == {"amount": Decimal("350.5"), "currencyCode": "SEK", "multiCurrencyInfo": None}
    assert created["vatRate"] == 12 and created["isActive"] is True and created["unitCost"] is None
    assert created["productCategory"] is None and created["salesAccount"] is None
    fetched = _decoded(await client.get(f"/v1/products/{created['guid']}"))
    assert fetched == created


async def test_patch_replaces_top_level_and_nested_properties(client: httpx.AsyncClient) -> None:
    product = await _product(client, "P-120")
    operations = [
        {"op": "Replace", "path": "/name", "value": "Tryckt handbok, andra upplagan"},
        {"op": "replace", "path": "/unitPrice/amount", "value": "475.00"},
        {"op": "Replace", "path": "/vatRate", "value": 25},
        {"op": "Replace", "path": "/measurementUnit", "value": "st"},
    ]
    response = await client.patch(f"/v1/products/{product['guid']}", json=operations)
    assert response.status_code == 200, response.text
    [patched] = _decoded(response)
    assert patched["name"] == "Tryckt handbok, andra upplagan"
    assert patched["unitPrice"]["amount"] == Decimal("475.00") and patched["unitPrice"]["currencyCode"] == "SEK"
    assert patched["vatRate"] == 25 and patched["unitCost"] == product["unitCost"]
    assert _decoded(await client.get(f"/v1/products/{product['guid']}")) == patched


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("/guid", "x"),
        ("/createdDateTime", "2020-01-01T00:00:00Z"),
        ("/price", "1"),
        ("/name", ""),
        ("/type", "Services"),
    ],
)
async def test_patch_refuses_bad_paths_and_values(client: httpx.AsyncClient, path: str, value: str) -> None:
    product = await _product(client, "P-100")
    response = await client.patch(
        f"/v1/products/{product['guid']}", json=[{"op": "Replace", "path": path, "value": value}]
    )
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "InvalidParameter"
    assert _decoded(await client.get(f"/v1/products/{product['guid']}")) == product


async def test_missing_name_gives_full_exception_model(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/products", json={"code": "P-902"})
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "httpStatusCode": 400,
            "type": "InvalidParameter",
            "details": [
                {
                    "message": "The name field is required.",
                    "url": None,
                    "location": {"type": "RequestBody", "name": "name", "identifier": None},
                }
            ],
            "stack": None,
        }
    }


async def test_vat_rate_must_be_one_of_the_organizations_percentages(client: httpx.AsyncClient) -> None:
    # eEkonomi speaks fractions (0.25); Severa's vatRate is a percentage, and 0.25 % is no Swedish rate.
    fraction = await client.post("/v1/products", json={"name": "Bråkdel", "vatRate": 0.25})
    assert _problem_names(fraction) == {"vatRate"}
    assert fraction.json()["error"]["details"][0]["location"]["identifier"] == "0.25"
    finnish = await client.post("/v1/products", json={"name": "Finsk moms", "vatRate": 25.5})
    assert _problem_names(finnish) == {"vatRate"}
    for rate in (25, 12, 6, 0):
        assert (await client.post("/v1/products", json={"name": f"Moms {rate}", "vatRate": rate})).status_code == 201


async def test_every_problem_of_a_body_is_listed(client: httpx.AsyncClient) -> None:
    body: dict[str, Any] = {
        "name": "Allt fel",
        "type": "Goods",
        "isActive": "yes",
        "unitCost": {"amount": 5},
        "unitPrice": {"amount": 10, "currencyCode": "XYZ"},
        "productCategory": {"guid": "7d4ab0a3-0000-0000-0000-000000000000"},
    }
    schema_errors = await client.post("/v1/products", json=body)
    assert _problem_names(schema_errors) == {"type", "isActive", "unitCost.currencyCode"}
    body.update({"type": "Materials", "isActive": True, "unitCost": {"amount": 5, "currencyCode": "NOK"}})
    reference_errors = await client.post("/v1/products", json=body)
    # NOK exists in the demo organisation but is not active; XYZ does not exist at all.
    assert _problem_names(reference_errors) == {
        "unitCost.currencyCode",
        "unitPrice.currencyCode",
        "productCategory.guid",
    }


async def test_codes_are_unique_across_products_and_work_types(client: httpx.AsyncClient) -> None:
    clash_with_product = await client.post("/v1/products", json={"name": "Kopia", "code": "P-100"})
    clash_with_work_type = await client.post("/v1/products", json={"name": "Konsult", "code": "KONS"})
    assert _problem_names(clash_with_product) == {"code"} and _problem_names(clash_with_work_type) == {"code"}
    p110 = await _product(client, "P-110")
    renumber = await client.patch(
        f"/v1/products/{p110['guid']}", json=[{"op": "Replace", "path": "/code", "value": "P-100"}]
    )
    assert _problem_names(renumber) == {"code"}
    keep_own = await client.patch(
        f"/v1/products/{p110['guid']}", json=[{"op": "Replace", "path": "/code", "value": "P-110"}]
    )
    assert keep_own.status_code == 200


async def test_unknown_guid_is_404(client: httpx.AsyncClient) -> None:
    missing = "00000000-0000-0000-0000-000000000404"
    for response in (
        await client.get(f"/v1/products/{missing}"),
        await client.patch(f"/v1/products/{missing}", json=[{"op": "Replace", "path": "/name", "value": "X"}]),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["details"][0]["location"]["identifier"] == missing

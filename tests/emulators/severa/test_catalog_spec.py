"""Articles, projects, VAT rates, price lists and settings against the official spec's schemas."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from brygga_emulators.severa.catalog_models import (
    PRODUCT_INPUT,
    PRODUCT_OUTPUT,
    TRAVEL_EXPENSE_TYPE_INPUT,
    TRAVEL_EXPENSE_TYPE_OUTPUT,
    WORK_TYPE_INPUT,
    WORK_TYPE_OUTPUT,
)
from brygga_emulators.severa.schema import Model

from .spec_check import SpecChecker
from .test_validation import _assert_model_matches

LISTS = (
    ("/v1/products", "ProductOutputModel"),
    ("/v1/worktypes", "WorkTypeOutputModel"),
    ("/v1/travelexpensetypes", "TravelExpenseTypeOutputModel"),
    ("/v1/projects", "ProjectOutputModel"),
    ("/v1/vatrates", "VatRateOutputModel"),
    ("/v1/pricelists", "PriceListOutputModel"),
)


async def _list(client: httpx.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    response = await client.get(path, params={"rowCount": 100, **params} if "vatrates" not in path else params)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()
    assert items, path
    return items


@pytest.mark.parametrize(("path", "model"), LISTS)
async def test_list_and_single_answers_match_their_models(
    client: httpx.AsyncClient, checker: SpecChecker, path: str, model: str
) -> None:
    items = await _list(client, path)
    for item in items:
        checker.assert_matches(model, item)
    single = (await client.get(f"{path}/{items[-1]['guid']}")).json()
    checker.assert_matches("PriceListModel" if path == "/v1/pricelists" else model, single)


async def test_price_list_rows_match_their_models(client: httpx.AsyncClient, checker: SpecChecker) -> None:
    [pricelist] = await _list(client, "/v1/pricelists")
    [version] = (await client.get(f"/v1/pricelists/{pricelist['guid']}/pricelistversions")).json()
    checker.assert_matches("PricelistVersionOutputModel", version)
    checker.assert_matches(
        "PricelistVersionOutputModel", (await client.get(f"/v1/pricelistversions/{version['guid']}")).json()
    )
    rows = f"/v1/pricelistversions/{version['guid']}"
    for row in await _list(client, f"{rows}/workhourprices"):
        checker.assert_matches("WorkHourPriceOutputModel", row)
    for row in await _list(client, f"{rows}/travelprices"):
        checker.assert_matches("TravelPriceOutputModel", row)
    for row in await _list(client, f"{rows}/productprices"):
        checker.assert_matches("ProductPriceOutputModel", row)


async def test_organization_settings_match(client: httpx.AsyncClient, checker: SpecChecker) -> None:
    checker.assert_matches("OrganizationSettingsModel", (await client.get("/v1/organizationsettings")).json())


@pytest.mark.parametrize(
    ("path", "body", "model"),
    [
        ("/v1/products", {"name": "Spec", "unitPrice": {"amount": 1, "currencyCode": "SEK"}}, "ProductOutputModel"),
        ("/v1/worktypes", {"name": "Spec", "hourCost": {"amount": 1, "currencyCode": "SEK"}}, "WorkTypeOutputModel"),
        (
            "/v1/travelexpensetypes",
            {"name": "Spec", "expenseClass": "Mileage", "unitCost": {"amount": 1, "currencyCode": "SEK"}},
            "TravelExpenseTypeOutputModel",
        ),
    ],
)
async def test_created_and_patched_answers_match(
    client: httpx.AsyncClient, checker: SpecChecker, path: str, body: dict[str, Any], model: str
) -> None:
    created = await client.post(path, json=body)
    assert created.status_code == 201, created.text
    checker.assert_matches(model, created.json())
    patched = await client.patch(
        f"{path}/{created.json()['guid']}", json=[{"op": "Replace", "path": "/code", "value": "S"}]
    )
    assert patched.status_code == 200, patched.text
    [item] = patched.json()
    checker.assert_matches(model, item)
    refused = await client.post(path, json={})
    checker.assert_matches("ExceptionModel", refused.json())


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/products"),
        ("POST", "/v1/products"),
        ("GET", "/v1/products/{guid}"),
        ("PATCH", "/v1/products/{guid}"),
        ("GET", "/v1/worktypes"),
        ("POST", "/v1/worktypes"),
        ("GET", "/v1/worktypes/{guid}"),
        ("PATCH", "/v1/worktypes/{guid}"),
        ("GET", "/v1/travelexpensetypes"),
        ("POST", "/v1/travelexpensetypes"),
        ("GET", "/v1/travelexpensetypes/{guid}"),
        ("PATCH", "/v1/travelexpensetypes/{guid}"),
        ("GET", "/v1/projects"),
        ("GET", "/v1/projects/{guid}"),
        ("GET", "/v1/vatrates"),
        ("GET", "/v1/vatrates/{guid}"),
        ("GET", "/v1/organizationsettings"),
        ("GET", "/v1/pricelists"),
        ("GET", "/v1/pricelists/{guid}"),
        ("GET", "/v1/pricelists/{pricelistGuid}/pricelistversions"),
        ("GET", "/v1/pricelistversions/{guid}"),
        ("GET", "/v1/pricelistversions/{pricelistVersionGuid}/workhourprices"),
        ("GET", "/v1/pricelistversions/{pricelistVersionGuid}/travelprices"),
        ("GET", "/v1/pricelistversions/{pricelistVersionGuid}/productprices"),
    ],
)
def test_emulated_operations_exist_in_the_spec(severa_spec: dict[str, Any], method: str, path: str) -> None:
    assert method.lower() in severa_spec["paths"][path]


@pytest.mark.parametrize(
    "model",
    [
        PRODUCT_INPUT,
        PRODUCT_OUTPUT,
        WORK_TYPE_INPUT,
        WORK_TYPE_OUTPUT,
        TRAVEL_EXPENSE_TYPE_INPUT,
        TRAVEL_EXPENSE_TYPE_OUTPUT,
    ],
    ids=lambda model: model.name,
)
def test_catalog_models_match_the_spec(severa_spec: dict[str, Any], model: Model) -> None:
    _assert_model_matches(severa_spec, model)

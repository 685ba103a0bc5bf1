"""Article model validation: required fields, lengths, the CodingId null message, references, duplicates."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest

from brygga_emulators.eekonomi import Emulator

from .support import article_body, send_json

CODING_NULL = "Error converting value {null} to type 'System.Guid'. Path 'CodingId', line 8, position 18."


async def rejected(
    api: httpx.AsyncClient, body: dict[str, Any], method: str = "POST", path: str = ""
) -> dict[str, Any]:
    response = await send_json(api, method, path or "/v2/articles", body)
    assert response.status_code == 400, response.text
    payload: dict[str, Any] = response.json()
    uuid.UUID(str(payload["ErrorId"]))
    return payload


@pytest.mark.parametrize(
    ("field", "limit"),
    [("Number", 40), ("Name", 50), ("NameEnglish", 50), ("Note", 4000), ("SupplierArticleNumber", 16)],
)
async def test_max_lengths_use_the_dotnet_wording(api: httpx.AsyncClient, field: str, limit: int) -> None:
    body = await rejected(api, article_body(**{field: "x" * (limit + 1)}))

    message = f"The field {field} must be a string with a maximum length of {limit}."
    assert body["ErrorCode"] == 2000
    assert body["DeveloperErrorMessage"] == f"ValidateModelAttributeException - {message}"
    assert body["Errors"] == [{"Field": field, "ErrorCode": "StringLength", "Message": message, "Key": None}]


async def test_lengths_at_the_limit_are_fine(api: httpx.AsyncClient) -> None:
    response = await send_json(api, "POST", "/v2/articles", article_body(Number="N" * 40, Name="x" * 50))

    assert response.status_code == 201, response.text


async def test_required_fields(api: httpx.AsyncClient) -> None:
    body = await rejected(api, {"CodingId": article_body()["CodingId"]})

    assert body["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - The IsActive field is required. The Number field is required. "
        "The Name field is required. The UnitId field is required."
    )


@pytest.mark.parametrize("how", ["null", "missing"])
async def test_a_missing_coding_fails_as_the_original_table_shows(api: httpx.AsyncClient, how: str) -> None:
    request = article_body(CodingId=None)
    if how == "missing":
        del request["CodingId"]
    body = await rejected(api, request)

    assert body["ErrorCode"] == 2000
    assert body["DeveloperErrorMessage"] == f"ValidateModelAttributeException - {CODING_NULL}"
    assert body["Errors"] == [{"Field": "CodingId", "ErrorCode": "Conversion", "Message": CODING_NULL, "Key": None}]


async def test_a_missing_coding_and_a_long_name_give_both_messages_in_that_order(api: httpx.AsyncClient) -> None:
    body = await rejected(api, article_body(CodingId=None, Name="N" * 51))

    assert body["DeveloperErrorMessage"] == (
        f"ValidateModelAttributeException - {CODING_NULL} The field Name must be a string with a maximum length of 50."
    )
    assert [error["Field"] for error in body["Errors"]] == ["CodingId", "Name"]


async def test_a_malformed_coding_id_is_a_conversion_error(api: httpx.AsyncClient) -> None:
    body = await rejected(api, article_body(CodingId="abc"))

    assert body["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - Error converting value \"abc\" to type 'System.Guid'. Path 'CodingId'."
    )


@pytest.mark.parametrize(("field", "resource"), [("CodingId", "ArticleAccountCoding"), ("UnitId", "Unit")])
async def test_unknown_coding_or_unit_is_3000(api: httpx.AsyncClient, field: str, resource: str) -> None:
    missing = str(uuid.uuid4())
    body = await rejected(api, article_body(**{field: missing}))

    assert body["ErrorCode"] == 3000
    assert body["DeveloperErrorMessage"] == f"ResourceNotFoundException - {resource} with id {missing} was not found."


@pytest.mark.parametrize("field", ["NetPrice", "GrossPrice", "PurchasePrice", "FreightCosts"])
@pytest.mark.parametrize("value", [Decimal("-0.01"), Decimal("99000000.01")])
async def test_prices_lie_between_0_and_99_million(api: httpx.AsyncClient, field: str, value: Decimal) -> None:
    request = article_body(**{field: value})
    if field == "GrossPrice":
        del request["NetPrice"]
    body = await rejected(api, request)

    assert body["DeveloperErrorMessage"] == (
        f"ValidateModelAttributeException - The field {field} must be between 0 and 99000000."
    )


@pytest.mark.parametrize("field", ["NetPrice", "GrossPrice"])
async def test_prices_have_at_most_two_decimals(api: httpx.AsyncClient, field: str) -> None:
    request = article_body()
    del request["NetPrice"]
    request[field] = Decimal("10.005")
    body = await rejected(api, request)

    assert body["DeveloperErrorMessage"] == (
        f"ValidateModelAttributeException - The field {field} must match the regular expression "
        "'[-]?\\d+(\\.\\d{1,2})?'."
    )


async def test_duplicate_number_is_4000_and_nothing_is_created(api: httpx.AsyncClient, emulator: Emulator) -> None:
    before = len(emulator.store.articles)
    body = await rejected(api, article_body(Number="P-100", Name="Något annat"))

    assert body["ErrorCode"] == 4000
    assert body["DeveloperErrorMessage"] == (
        "ArticleNumberAlreadyExistsException - An article with the provided number already exists."
    )
    assert len(emulator.store.articles) == before


async def test_put_cannot_take_another_articles_number(api: httpx.AsyncClient, emulator: Emulator) -> None:
    article = next(a for a in emulator.store.articles.all() if a["Number"] == "A-900")
    body = await rejected(api, article_body(Number="A-901"), "PUT", f"/v2/articles/{article['Id']}")

    assert body["ErrorCode"] == 4000
    assert emulator.store.articles.get(article["Id"])["Number"] == "A-900"  # type: ignore[index]


async def test_a_rejected_put_changes_nothing(api: httpx.AsyncClient, emulator: Emulator) -> None:
    article = next(a for a in emulator.store.articles.all() if a["Number"] == "A-901")
    await rejected(api, article_body(Number="A-901", Name="x" * 51), "PUT", f"/v2/articles/{article['Id']}")

    assert emulator.store.articles.get(article["Id"]) == article

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest

from brygga_emulators.eekonomi import Emulator

from .support import JSON_HEADERS, customer_body, json_content


async def post_invalid(api: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await api.post("/v2/customers", content=json_content(body), headers=JSON_HEADERS)
    assert response.status_code == 400, response.text
    payload: dict[str, Any] = response.json()
    uuid.UUID(str(payload["ErrorId"]))
    return payload


async def test_name_longer_than_50(api: httpx.AsyncClient) -> None:
    body = await post_invalid(api, customer_body(Name="K" * 51))

    assert body["ErrorCode"] == 2000
    assert body["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - The field Name must be a string with a maximum length of 50."
    )
    assert body["Errors"] == [
        {
            "Field": "Name",
            "ErrorCode": "StringLength",
            "Message": "The field Name must be a string with a maximum length of 50.",
            "Key": None,
        }
    ]


async def test_name_of_exactly_50_is_fine(api: httpx.AsyncClient) -> None:
    response = await api.post("/v2/customers", json=customer_body(Name="K" * 50))

    assert response.status_code == 201


async def test_invoice_address_longer_than_50(api: httpx.AsyncClient) -> None:
    body = await post_invalid(api, customer_body(InvoiceAddress1="Långa gatan " + "9" * 39))

    assert body["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - The field InvoiceAddress1 must be a string with a maximum length of 50."
    )


async def test_missing_invoice_city(api: httpx.AsyncClient) -> None:
    request = customer_body()
    del request["InvoiceCity"]
    body = await post_invalid(api, request)

    assert body["DeveloperErrorMessage"] == "ValidateModelAttributeException - The InvoiceCity field is required."
    assert body["Errors"] == [
        {
            "Field": "InvoiceCity",
            "ErrorCode": "Required",
            "Message": "The InvoiceCity field is required.",
            "Key": None,
        }
    ]


@pytest.mark.parametrize("blank", [None, "", "   "])
async def test_blank_required_strings_count_as_missing(api: httpx.AsyncClient, blank: str | None) -> None:
    body = await post_invalid(api, customer_body(InvoicePostalCode=blank))

    assert body["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - The InvoicePostalCode field is required."
    )


async def test_several_violations_are_joined_with_a_space(api: httpx.AsyncClient) -> None:
    request = customer_body(Name="N" * 51, InvoicePostalCode="12345678901")
    del request["InvoiceCity"]
    body = await post_invalid(api, request)

    assert body["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - The InvoiceCity field is required. "
        "The field InvoicePostalCode must be a string with a maximum length of 10. "
        "The field Name must be a string with a maximum length of 50."
    )
    assert [error["Field"] for error in body["Errors"]] == ["InvoiceCity", "InvoicePostalCode", "Name"]


async def test_all_spec_required_fields_are_enforced(api: httpx.AsyncClient) -> None:
    body = await post_invalid(api, {})

    assert body["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - The InvoiceCity field is required. "
        "The InvoicePostalCode field is required. The Name field is required. "
        "The TermsOfPaymentId field is required. The IsPrivatePerson field is required. "
        "The IsActive field is required."
    )


async def test_unknown_terms_of_payment_is_3000(api: httpx.AsyncClient) -> None:
    body = await post_invalid(api, customer_body(TermsOfPaymentId=str(uuid.uuid4())))

    assert body["ErrorCode"] == 3000


async def test_duplicate_customer_number_is_4000_and_nothing_is_created(
    api: httpx.AsyncClient, emulator: Emulator
) -> None:
    before = len(emulator.store.customers)
    body = await post_invalid(api, customer_body(CustomerNumber="1005", Name="Someone Else AB"))

    assert body["ErrorCode"] == 4000
    assert body["DeveloperErrorMessage"] == (
        "CustomerNumberAlreadyExistsException - A customer with the provided customer number already exists."
    )
    assert len(emulator.store.customers) == before


async def test_wrong_types_use_the_newtonsoft_wording(api: httpx.AsyncClient) -> None:
    body = await post_invalid(api, customer_body(IsActive="yes", TermsOfPaymentId="abc"))

    assert body["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - Error converting value \"abc\" to type 'System.Guid'. "
        "Path 'TermsOfPaymentId'. Error converting value \"yes\" to type 'System.Boolean'. Path 'IsActive'."
    )


async def test_numbers_are_bound_to_string_fields_like_newtonsoft(api: httpx.AsyncClient) -> None:
    response = await api.post("/v2/customers", json=customer_body(CustomerNumber=4711))

    assert response.status_code == 201
    assert response.json()["CustomerNumber"] == "4711"


async def test_range_and_decimals_of_discount_percentage(api: httpx.AsyncClient) -> None:
    too_big = await post_invalid(api, customer_body(DiscountPercentage=2))
    too_precise = await post_invalid(api, customer_body(DiscountPercentage=Decimal("0.12345")))

    assert too_big["DeveloperErrorMessage"] == (
        "ValidateModelAttributeException - The field DiscountPercentage must be between 0 and 1."
    )
    assert "must match the regular expression" in str(too_precise["DeveloperErrorMessage"])


async def test_nested_direct_debit_settings_are_validated(api: httpx.AsyncClient) -> None:
    body = await post_invalid(api, customer_body(DirectDebitCustomerSettings={"Bic": "B" * 12}))

    assert body["Errors"][0]["Field"] == "DirectDebitCustomerSettings.Bic"
    assert body["Errors"][0]["Message"] == "The field Bic must be a string with a maximum length of 11."


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"Name": x}', "Unexpected character encountered while parsing value: x. Path '', line 1, position 10."),
        ('{"Name": "a"', "Unexpected end when reading JSON."),
        ("", "A non-empty request body is required."),
        ("[1, 2]", "Cannot deserialize the current JSON value into type 'CustomerApi'"),
    ],
)
async def test_malformed_json_is_2000(api: httpx.AsyncClient, content: str, expected: str) -> None:
    response = await api.post("/v2/customers", content=content, headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    body = response.json()
    assert body["ErrorCode"] == 2000
    assert expected in body["DeveloperErrorMessage"]

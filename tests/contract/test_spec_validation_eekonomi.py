"""The eEkonomi validator accepts valid traffic and catches each kind of contract violation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import simplejson

from tests.support.spec_validation import SpecValidator

JSON = "application/json"
TERMS_ID = "8f7c3a52-1f0e-4b7a-9a51-3d2f0c9e1a10"
CUSTOMER_ID = "0b9e3c1e-5d0a-4f6b-8d3e-2a1c9b8e7f60"
ERROR_ID = "5f1c8d2e-3b4a-4c6d-9e8f-7a6b5c4d3e2f"


@pytest.fixture(scope="module")
def validator() -> SpecValidator:
    return SpecValidator.eekonomi()


def customer(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "Name": "Kundbolaget AB",
        "InvoiceCity": "Stockholm",
        "InvoicePostalCode": "11122",
        "IsActive": True,
        "IsPrivatePerson": False,
        "TermsOfPaymentId": TERMS_ID,
    }
    body.update(changes)
    return body


def encode(body: object) -> bytes:
    return simplejson.dumps(body, use_decimal=True).encode()


def post_customer(validator: SpecValidator, body: dict[str, Any]) -> list[str]:
    return validator.validate_request("POST", "http://eek.test/v2/customers", encode(body), JSON)


def test_a_valid_customer_passes(validator: SpecValidator) -> None:
    assert post_customer(validator, customer(Name="x" * 50)) == []


def test_a_name_of_51_characters_is_too_long(validator: SpecValidator) -> None:
    problems = post_customer(validator, customer(Name="x" * 51))
    assert len(problems) == 1
    assert problems[0].startswith("request body $.Name:")
    assert "too long" in problems[0]


def test_a_missing_required_field_is_reported(validator: SpecValidator) -> None:
    body = customer()
    del body["InvoiceCity"]
    assert post_customer(validator, body) == ["request body $: 'InvoiceCity' is a required property"]


def test_a_read_only_field_in_a_request_is_reported(validator: SpecValidator) -> None:
    problems = post_customer(validator, customer(Id=CUSTOMER_ID))
    assert problems == ["request body $.Id: is read-only: it must not be sent in a request"]


def test_a_read_only_field_is_fine_in_a_response(validator: SpecValidator) -> None:
    body = encode(customer(Id=CUSTOMER_ID, ChangedUtc="2025-03-01T12:00:00Z"))
    assert validator.validate_response("POST", "http://eek.test/v2/customers", 201, body, JSON) == []


def test_a_wrong_type_is_reported(validator: SpecValidator) -> None:
    problems = post_customer(validator, customer(IsActive="yes"))
    assert problems == ["request body $.IsActive: 'yes' is not of type 'boolean'"]


def test_an_undeclared_path_is_not_in_spec(validator: SpecValidator) -> None:
    problems = validator.validate_request("GET", "http://eek.test/v2/kunder", None, None)
    assert problems == ["not in spec: no path template matches /kunder"]


def test_an_undeclared_method_is_not_in_spec(validator: SpecValidator) -> None:
    url = f"http://eek.test/v2/customers/{CUSTOMER_ID}"
    problems = validator.validate_request("PATCH", url, encode(customer()), JSON)
    assert problems == ["not in spec: PATCH is not declared for /customers/{customerId}"]


def test_paths_outside_v2_are_not_in_spec_but_oauth_is_skipped(validator: SpecValidator) -> None:
    assert validator.validate_request("GET", "http://eek.test/customers", None, None) == [
        "not in spec: path is not under /v2"
    ]
    form = b"grant_type=authorization_code&code=abc"
    url = "http://eek.test/connect/token"
    assert validator.validate_request("POST", url, form, "application/x-www-form-urlencoded") == []
    assert validator.validate_response("POST", url, 200, b'{"access_token": "t"}', JSON) == []


def test_literal_segments_win_over_parameters(validator: SpecValidator) -> None:
    url = "http://eek.test/v2/accounts/standardaccounts"
    assert validator.template_of("GET", url) == "/v2/accounts/standardaccounts"
    assert validator.validate_request("GET", url, None, None) == []


def test_templates_that_differ_only_in_parameter_names_are_told_apart_by_method(
    validator: SpecValidator,
) -> None:
    url = f"http://eek.test/v2/articlelabels/{CUSTOMER_ID}"
    assert validator.template_of("GET", url) == "/v2/articlelabels/{articlelabelid}"
    assert validator.template_of("PUT", url) == "/v2/articlelabels/{articleLabelId}"


def test_path_parameters_are_validated(validator: SpecValidator) -> None:
    problems = validator.validate_request("GET", "http://eek.test/v2/customers/42", None, None)
    assert problems == ["path parameter customerId $: '42' is not a 'uuid'"]


def test_odata_options_are_allowed_but_other_unknown_query_parameters_are_not(
    validator: SpecValidator,
) -> None:
    odata = "$page=2&$pagesize=100&$filter=ChangedUtc gt 2025-01-01T00:00:00Z&$orderby=Name&$select=Id"
    assert validator.validate_request("GET", f"http://eek.test/v2/customers?{odata}", None, None) == []
    problems = validator.validate_request("GET", "http://eek.test/v2/customers?page=2", None, None)
    assert problems == ["query parameter page not in spec"]


def test_declared_query_parameters_must_have_their_type(validator: SpecValidator) -> None:
    base = "http://eek.test/v2/customerinvoices"
    assert validator.validate_request("GET", f"{base}?modifiedSinceUtc=2025-01-01T00:00:00Z", None, None) == []
    problems = validator.validate_request("GET", f"{base}?modifiedSinceUtc=yesterday", None, None)
    assert problems == ["query parameter modifiedSinceUtc $: 'yesterday' is not a 'date-time'"]


def test_a_body_with_the_wrong_content_type_is_reported(validator: SpecValidator) -> None:
    url = "http://eek.test/v2/customers"
    problems = validator.validate_request("POST", url, encode(customer()), "text/plain")
    assert problems == ["request body has content type text/plain; spec declares application/json"]


def test_invalid_json_is_reported(validator: SpecValidator) -> None:
    url = "http://eek.test/v2/customers"
    assert validator.validate_request("POST", url, b"{'Name':", JSON) == ["request body is not valid JSON"]


def page(data: list[dict[str, Any]], server_time: str = "2025-03-01T12:00:00Z") -> bytes:
    meta = {
        "CurrentPage": 1,
        "PageSize": 50,
        "TotalNumberOfPages": 1,
        "TotalNumberOfResults": len(data),
        "ServerTimeUtc": server_time,
    }
    return encode({"Meta": meta, "Data": data})


def test_a_valid_page_passes_and_decimals_count_as_numbers(validator: SpecValidator) -> None:
    row = customer(Id=CUSTOMER_ID, UnpaidInvoicesAmount=Decimal("1234.50"))
    url = "http://eek.test/v2/customers?$page=1"
    assert validator.validate_response("GET", url, 200, page([row]), JSON) == []


def test_a_date_time_without_offset_is_not_rfc3339(validator: SpecValidator) -> None:
    body = page([], server_time="2025-03-01T12:00:00")
    problems = validator.validate_response("GET", "http://eek.test/v2/customers", 200, body, JSON)
    assert problems == ["response body $.Meta.ServerTimeUtc: '2025-03-01T12:00:00' is not a 'date-time'"]


def test_an_integral_decimal_is_an_integer_but_a_fraction_is_not(validator: SpecValidator) -> None:
    url = "http://eek.test/v2/customers"
    whole = page([]).replace(b'"PageSize": 50', b'"PageSize": 50.0')
    assert validator.validate_response("GET", url, 200, whole, JSON) == []
    fraction = page([]).replace(b'"PageSize": 50', b'"PageSize": 50.5')
    problems = validator.validate_response("GET", url, 200, fraction, JSON)
    assert problems == ["response body $.Meta.PageSize: Decimal('50.5') is not of type 'integer'"]


def test_an_undeclared_status_is_reported(validator: SpecValidator) -> None:
    url = f"http://eek.test/v2/customers/{CUSTOMER_ID}"
    body = encode({"ErrorCode": 3000, "ErrorId": ERROR_ID})
    assert validator.validate_response("GET", url, 422, body, JSON) == [
        "status 422 not declared in spec (declared: 200, 400)"
    ]


def test_a_declared_400_must_have_the_error_shape(validator: SpecValidator) -> None:
    url = "http://eek.test/v2/customers"
    good = {"ErrorCode": 2000, "DeveloperErrorMessage": "Name too long", "ErrorId": ERROR_ID}
    assert validator.validate_response("POST", url, 400, encode(good), JSON) == []
    problems = validator.validate_response("POST", url, 400, encode({**good, "Message": "x"}), JSON)
    assert problems == ["response body $: Additional properties are not allowed ('Message' was unexpected)"]


def test_429_follows_the_rate_limit_page(validator: SpecValidator) -> None:
    url = "http://eek.test/v2/customers"
    body = {
        "ErrorCode": 4010,
        "DeveloperErrorMessage": "API calls quota exceeded! maximum admitted 600 per Minute. Try again in 55 seconds.",
        "ErrorId": ERROR_ID,
    }
    assert validator.validate_response("GET", url, 429, encode(body), JSON) == []
    del body["ErrorId"]
    problems = validator.validate_response("GET", url, 429, encode(body), JSON)
    assert problems == ["error body (CommonExtendedBadRequest) $: 'ErrorId' is a required property"]


def test_401_is_accepted_on_every_operation_with_an_error_body(validator: SpecValidator) -> None:
    url = "http://eek.test/v2/customers"  # declares only 200 and 400
    body = {"ErrorCode": 4005, "DeveloperErrorMessage": "NotAuthorized", "ErrorId": ERROR_ID}
    assert validator.validate_response("GET", url, 401, encode(body), JSON) == []
    assert validator.validate_response("GET", url, 401, encode({**body, "ErrorId": "x"}), JSON) == [
        "error body (CommonExtendedBadRequest) $.ErrorId: 'x' is not a 'uuid'"
    ]


def test_5xx_may_be_empty_or_an_error_body(validator: SpecValidator) -> None:
    url = "http://eek.test/v2/customers"
    assert validator.validate_response("GET", url, 503, None, None) == []
    body = encode({"ErrorCode": 5000, "ErrorId": ERROR_ID})
    assert validator.validate_response("GET", url, 500, body, JSON) == []
    assert validator.validate_response("GET", url, 502, b"<html>Bad gateway</html>", "text/html") == [
        "error body is text/html, expected application/json"
    ]


def test_a_response_declared_without_content_must_not_have_a_success_body(validator: SpecValidator) -> None:
    url = f"http://eek.test/v2/customers/{CUSTOMER_ID}"
    assert validator.validate_response("DELETE", url, 200, None, None) == []
    assert validator.validate_response("DELETE", url, 200, b"{}", JSON) == [
        "response has a body but the spec declares none for status 200"
    ]


def test_a_declared_json_response_must_have_a_body(validator: SpecValidator) -> None:
    url = f"http://eek.test/v2/customers/{CUSTOMER_ID}"
    assert validator.validate_response("GET", url, 200, None, None) == [
        "response body missing: spec declares application/json"
    ]

"""The Severa validator (OpenAPI 3.0 translated to 2020-12) accepts valid traffic and catches violations."""

from __future__ import annotations

from typing import Any

import pytest
import simplejson

from tests.support.spec_loading import translate_openapi30
from tests.support.spec_validation import SpecValidator

JSON = "application/json"
CUSTOMER_GUID = "1d3f5a7c-9e0b-4c2d-8f4a-6b8c0d2e4f61"


@pytest.fixture(scope="module")
def validator() -> SpecValidator:
    return SpecValidator.severa()


def encode(body: object) -> bytes:
    return simplejson.dumps(body, use_decimal=True).encode()


def exception(error_type: str = "InvalidParameter", status: int = 400, **error: Any) -> bytes:
    return encode({"error": {"httpStatusCode": status, "type": error_type, **error}})


def test_nullable_becomes_a_null_allowing_type_and_enum() -> None:
    assert translate_openapi30({"type": "string", "nullable": True}) == {"type": ["string", "null"]}
    assert translate_openapi30({"type": "string", "enum": ["A"], "nullable": True}) == {
        "type": ["string", "null"],
        "enum": ["A", None],
    }
    assert translate_openapi30({"$ref": "#/x", "nullable": True, "readOnly": True}) == {
        "anyOf": [{"$ref": "#/x"}, {"type": "null"}],
        "readOnly": True,
    }
    assert translate_openapi30({"type": "string", "nullable": False}) == {"type": "string"}


def test_a_valid_customer_passes(validator: SpecValidator) -> None:
    body = encode({"name": "Kundbolaget AB", "number": 1001, "isActive": True, "email": None})
    assert validator.validate_request("POST", "http://severa.test/v1/customers", body, JSON) == []


def test_a_customer_without_name_is_reported(validator: SpecValidator) -> None:
    body = encode({"number": 1001})
    problems = validator.validate_request("POST", "http://severa.test/v1/customers", body, JSON)
    assert problems == ["request body $: 'name' is a required property"]


def test_read_only_fields_in_a_request_are_reported_even_behind_a_nullable_reference(
    validator: SpecValidator,
) -> None:
    body = encode({"name": "A", "guid": CUSTOMER_GUID, "createdBy": None})
    problems = validator.validate_request("POST", "http://severa.test/v1/customers", body, JSON)
    assert problems == [
        "request body $.createdBy: is read-only: it must not be sent in a request",
        "request body $.guid: is read-only: it must not be sent in a request",
    ]


def test_errors_inside_a_nullable_reference_are_reported_precisely(validator: SpecValidator) -> None:
    body = encode([{"name": "A", "currency": {"code": 5}}])
    problems = validator.validate_response("GET", "http://severa.test/v1/customers", 200, body, JSON)
    assert problems == ["response body $[0].currency.code: 5 is not of type 'string', 'null'"]


def test_a_wrong_type_is_reported(validator: SpecValidator) -> None:
    body = encode({"name": "A", "number": "1001"})
    problems = validator.validate_request("POST", "http://severa.test/v1/customers", body, JSON)
    assert problems == ["request body $.number: '1001' is not of type 'integer', 'null'"]


def test_json_patch_values_may_be_any_json_value(validator: SpecValidator) -> None:
    url = f"http://severa.test/v1/customers/{CUSTOMER_GUID}"
    patch = [
        {"op": "Replace", "path": "/isActive", "value": False},
        {"op": "Replace", "path": "/name", "value": "Nytt namn"},
    ]
    assert validator.validate_request("PATCH", url, encode(patch), JSON) == []
    problems = validator.validate_request("PATCH", url, encode([{"op": "Rename", "path": "/x"}]), JSON)
    assert len(problems) == 1
    assert problems[0].startswith("request body $[0].op: 'Rename' is not one of")


def test_the_token_request_needs_client_id_and_secret(validator: SpecValidator) -> None:
    url = "http://severa.test/v1/token"
    good = {"client_id": "demo", "client_secret": "secret", "scope": "customers:read"}
    assert validator.validate_request("POST", url, encode(good), JSON) == []
    problems = validator.validate_request("POST", url, encode({"client_id": "demo"}), JSON)
    assert problems == ["request body $: 'client_secret' is a required property"]


def test_query_parameters_are_typed_and_unknown_ones_are_reported(validator: SpecValidator) -> None:
    base = "http://severa.test/v1/customers"
    good = f"{base}?rowCount=100&changedSince=2025-01-01T00:00:00%2B01:00&numbers=1&numbers=2&isActive=true"
    assert validator.validate_request("GET", good, None, None) == []
    bad = f"{base}?rowCount=many&numbers=1&numbers=x&$filter=x"
    assert validator.validate_request("GET", bad, None, None) == [
        "query parameter rowCount $: 'many' is not of type 'integer', 'null'",
        "query parameter numbers $[1]: 'x' is not of type 'integer'",
        "query parameter $filter not in spec",
    ]


def test_an_unencoded_plus_in_a_date_time_query_is_caught(validator: SpecValidator) -> None:
    url = "http://severa.test/v1/customers?changedSince=2025-01-01T00:00:00+01:00"
    problems = validator.validate_request("GET", url, None, None)
    assert problems == ["query parameter changedSince $: '2025-01-01T00:00:00 01:00' is not a 'date-time'"]


def test_the_rest_api_base_path_is_accepted(validator: SpecValidator) -> None:
    url = "https://api.severa.visma.com/rest-api/v1/customers"
    assert validator.template_of("GET", url) == "/v1/customers"
    assert validator.validate_request("GET", url, None, None) == []


def test_an_undeclared_path_is_not_in_spec(validator: SpecValidator) -> None:
    problems = validator.validate_request("GET", "http://severa.test/v1/kunder", None, None)
    assert problems == ["not in spec: no path template matches /v1/kunder"]


def test_an_exception_model_passes_as_the_default_response(validator: SpecValidator) -> None:
    url = "http://severa.test/v1/customers"
    details = [{"message": "name is required", "location": {"type": "RequestBody", "name": "name"}}]
    for status in (400, 401, 429, 500):
        assert validator.validate_response("POST", url, status, exception(status=status, details=details), JSON) == []


def test_an_exception_model_of_the_wrong_shape_is_reported(validator: SpecValidator) -> None:
    url = "http://severa.test/v1/customers"
    problems = validator.validate_response("POST", url, 400, exception(error_type="BadThing"), JSON)
    assert len(problems) == 1
    assert problems[0].startswith("response body $.error.type: 'BadThing' is not one of")
    flat = encode({"httpStatusCode": 400, "message": "wrong"})
    assert validator.validate_response("POST", url, 400, flat, JSON) == []  # ExceptionModel has no required


def test_a_404_error_body_must_be_an_exception_model(validator: SpecValidator) -> None:
    url = f"http://severa.test/v1/customers/{CUSTOMER_GUID}"
    body = exception(error_type="InvalidParameter", status=404)
    assert validator.validate_response("GET", url, 404, body, JSON) == []
    problems = validator.validate_response("GET", url, 404, encode({"error": "not found"}), JSON)
    assert problems == ["error body (ExceptionModel) $.error: 'not found' is not of type 'object'"]


def test_a_date_time_in_a_response_must_carry_an_offset(validator: SpecValidator) -> None:
    url = "http://severa.test/v1/customers"
    good = encode([{"name": "A", "createdDateTime": "2025-03-01T12:00:00.123+02:00"}])
    assert validator.validate_response("GET", url, 200, good, JSON) == []
    bad = encode([{"name": "A", "createdDateTime": "2025-03-01 12:00:00"}])
    assert validator.validate_response("GET", url, 200, bad, JSON) == [
        "response body $[0].createdDateTime: '2025-03-01 12:00:00' is not a 'date-time'"
    ]

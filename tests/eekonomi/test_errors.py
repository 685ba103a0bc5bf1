from __future__ import annotations

import httpx
import pytest

from brygga.eekonomi.errors import DEFAULT_RETRY_AFTER_SECONDS, map_error
from brygga.errors import ApiFieldError, AuthError, RateLimitedError, RejectedError, ServerError

REQUEST = httpx.Request("POST", "https://eaccountingapi.vismaonline.com/v2/customers?$page=1")
VALIDATION_BODY = {
    "ErrorCode": 2000,
    "DeveloperErrorMessage": "ValidateModelAttributeException - The field Name must be a string with a "
    "maximum length of 50.",
    "ErrorId": "6a3c0b55-9c1e-4c39-9d7e-0a7b3f1c2d11",
    "Errors": [{"Field": "Name", "ErrorCode": "StringLength", "Message": "Too long"}],
}


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (400, RejectedError),
        (401, AuthError),
        (403, RejectedError),
        (404, RejectedError),
        (409, RejectedError),
        (422, RejectedError),
        (429, RateLimitedError),
        (500, ServerError),
        (502, ServerError),
        (503, ServerError),
    ],
)
def test_status_maps_to_exception(status: int, error_type: type[Exception]) -> None:
    error = map_error(REQUEST, httpx.Response(status, json={"ErrorCode": 4000, "ErrorId": "e-1"}))
    assert type(error) is error_type
    assert error.status == status
    assert error.system == "eekonomi"
    assert (error.method, error.path) == ("POST", "/v2/customers")


def test_message_uses_the_original_integrations_format_and_keeps_fields() -> None:
    error = map_error(REQUEST, httpx.Response(400, json=VALIDATION_BODY))
    assert error.message == (
        "ErrorCode: 2000, DeveloperErrorMessage: ValidateModelAttributeException - The field Name must "
        "be a string with a maximum length of 50."
    )
    assert error.error_code == 2000
    assert error.error_id == "6a3c0b55-9c1e-4c39-9d7e-0a7b3f1c2d11"
    assert error.developer_message is not None and error.developer_message.startswith("ValidateModel")
    assert error.field_errors == [ApiFieldError(field="Name", code="StringLength", message="Too long")]
    assert "ErrorId: 6a3c0b55" in str(error)


def test_forbidden_keeps_the_module_error_code() -> None:
    body = {"ErrorCode": 4002, "DeveloperErrorMessage": "NoAccessToModule", "ErrorId": "x"}
    error = map_error(REQUEST, httpx.Response(403, json=body))
    assert isinstance(error, RejectedError)
    assert error.error_code == 4002


@pytest.mark.parametrize("content", [b"", b"<html>Not Found</html>", b"[1, 2]"])
def test_empty_or_foreign_bodies_still_map(content: bytes) -> None:
    error = map_error(REQUEST, httpx.Response(404, content=content))
    assert isinstance(error, RejectedError)
    assert error.message == "HTTP 404 Not Found"
    assert error.error_code is None


@pytest.mark.parametrize(
    ("headers", "body", "expected"),
    [
        ({"Retry-After": "12"}, {"ErrorCode": 4010, "DeveloperErrorMessage": "Try again in 55 seconds."}, 12.0),
        (
            {},
            {
                "ErrorCode": 4010,
                "DeveloperErrorMessage": "API calls quota exceeded! maximum admitted "
                "600 per Minute. Try again in 55 seconds.",
            },
            55.0,
        ),
        ({}, {"ErrorCode": 4010}, DEFAULT_RETRY_AFTER_SECONDS),
        ({"Retry-After": "soon"}, None, DEFAULT_RETRY_AFTER_SECONDS),
    ],
    ids=["header", "body", "default", "bad-header"],
)
def test_rate_limit_wait_comes_from_header_then_body_then_default(
    headers: dict[str, str], body: object, expected: float
) -> None:
    response = httpx.Response(429, headers=headers, json=body) if body else httpx.Response(429, headers=headers)
    error = map_error(REQUEST, response)
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == expected
    assert error.status == 429

from __future__ import annotations

import httpx
import pytest

from brygga.errors import ApiError, ApiFieldError, AuthError, RateLimitedError, RejectedError, ServerError
from brygga.severa.errors import SETTINGS_ERROR_TYPES, map_error

from .fakes import BASE_URL, json_response, severa_error

REQUEST = httpx.Request("POST", f"{BASE_URL}/v1/customers?numbers=1")


@pytest.mark.parametrize(
    ("status", "error_type", "expected"),
    [
        (400, "InvalidParameter", RejectedError),
        (400, "InvalidRequest", RejectedError),
        (400, "InvalidOperation", RejectedError),
        (404, "InvalidParameter", RejectedError),
        (409, "InvalidOperation", RejectedError),
        (403, "InsufficientApiScope", RejectedError),
        (403, "PermissionDenied", RejectedError),
        (403, "AddonMissing", RejectedError),
        (403, "FeatureIsNotEnabled", RejectedError),
        (401, "AuthenticationRequired", AuthError),
        (403, "AuthenticationRequired", AuthError),
        (401, "InvalidRequest", AuthError),
        (429, "InvalidOperation", RateLimitedError),
        (500, "InternalSystemError", ServerError),
        (400, "InternalSystemError", ServerError),
        (503, "InvalidOperation", ServerError),
    ],
)
def test_status_and_type_pick_the_exception(status: int, error_type: str, expected: type[ApiError]) -> None:
    error = map_error(REQUEST, severa_error(status, error_type, "Something is wrong"))

    assert type(error) is expected
    assert error.error_code == error_type
    assert error.status == status
    assert error.system == "severa"
    assert error.method == "POST"
    assert error.path == "/rest-api/v1/customers"


@pytest.mark.parametrize(
    ("status", "expected"),
    [(400, RejectedError), (404, RejectedError), (401, AuthError), (429, RateLimitedError), (502, ServerError)],
)
def test_empty_body_maps_by_status(status: int, expected: type[ApiError]) -> None:
    error = map_error(REQUEST, httpx.Response(status))

    assert type(error) is expected
    assert error.error_code is None
    assert error.message == f"Visma PM svarade HTTP {status}"


def test_settings_problems_keep_their_type_as_error_code() -> None:
    assert {"InsufficientApiScope", "PermissionDenied", "AddonMissing", "FeatureIsNotEnabled"} == set(
        SETTINGS_ERROR_TYPES
    )
    error = map_error(REQUEST, severa_error(403, "AddonMissing"))
    assert isinstance(error, RejectedError)
    assert error.error_code == "AddonMissing"
    assert error.message == "Visma PM svarade HTTP 403 (AddonMissing)"


def test_detail_messages_are_joined_and_become_field_errors() -> None:
    response = severa_error(400, "InvalidParameter", "Name is required", "Number is taken", field="name")

    error = map_error(REQUEST, response)

    assert error.message == "Name is required; Number is taken"
    assert error.field_errors == [
        ApiFieldError(field="name", code="RequestBody", message="Name is required"),
        ApiFieldError(field="name", code="RequestBody", message="Number is taken"),
    ]
    assert "Name is required" in str(error)
    assert "?numbers" not in str(error)


def test_body_that_is_not_exception_model_is_tolerated() -> None:
    error = map_error(REQUEST, httpx.Response(502, text="<html>Bad gateway</html>"))
    assert isinstance(error, ServerError)
    assert error.field_errors == []


@pytest.mark.parametrize(
    ("headers", "message", "expected"),
    [
        ({"Retry-After": "7"}, "Try again in 30 seconds", 7.0),
        ({}, "Rate limit exceeded. Try again in 30 seconds.", 30.0),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, "try again in 2 seconds", 2.0),
        ({}, "Slow down", 60.0),
        ({"Retry-After": "soon"}, "", 60.0),
    ],
)
def test_rate_limit_wait(headers: dict[str, str], message: str, expected: float) -> None:
    details = [{"message": message}] if message else []
    response = json_response(429, {"error": {"type": "InvalidOperation", "details": details}}, headers)

    error = map_error(REQUEST, response)

    assert isinstance(error, RateLimitedError)
    assert error.retry_after == expected

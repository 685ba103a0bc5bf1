"""Failures as the error log shows them (X2): the original's message, a Swedish and an English hint, and
whether the object must be tried again (unknown outcomes and transient errors, X6)."""

from __future__ import annotations

from typing import Any

import pytest

from brygga.errors import (
    ApiError,
    AuthError,
    BryggaError,
    RateLimitedError,
    RejectedError,
    RuleViolation,
    ServerError,
    StateError,
    TransportError,
)
from brygga.transfer.outcome import Action, Outcome, failure_from_error

PREFIX = "Could not add customer 1001 to Visma eAccounting. "
WHERE: dict[str, Any] = {"system": "eekonomi", "method": "POST", "path": "/v2/customers"}


def fail(error: BryggaError) -> tuple[str, str, str, bool, str | None]:
    item = failure_from_error(
        error,
        category="customers",
        direction="pm->eek",
        key="1001",
        name="Acme AB",
        action=Action.CREATE,
        prefix=PREFIX,
    )
    assert item.outcome is Outcome.FAILED
    assert (item.category, item.direction, item.key, item.name) == ("customers", "pm->eek", "1001", "Acme AB")
    return item.message, item.hint, item.hint_en, item.retry, item.rule_id


def test_x2_rule_violation_keeps_its_message_hints_and_rule() -> None:
    message, hint, hint_en, retry, rule = fail(RuleViolation("C5", "Det gick inte...", hint="Lägg till", hint_en="Add"))
    assert (message, hint, hint_en, retry, rule) == ("Det gick inte...", "Lägg till", "Add", False, "C5")


def test_x2_api_rejection_is_in_the_original_format_with_the_error_id() -> None:
    error = RejectedError(
        "ErrorCode: 2000, DeveloperErrorMessage: ValidateModelAttributeException - The field Name must be a string "
        "with a maximum length of 50.",
        status=400,
        error_code=2000,
        error_id="abc-123",
        **WHERE,
    )
    message, hint, hint_en, retry, _ = fail(error)
    assert message == (
        "Could not add customer 1001 to Visma eAccounting. ErrorCode: 2000, DeveloperErrorMessage: "
        "ValidateModelAttributeException - The field Name must be a string with a maximum length of 50., "
        "ErrorId: abc-123"
    )
    assert "Visma eEkonomi avvisade objektet" in hint and "ErrorId" in hint
    assert "rejected" in hint_en
    assert retry is False


@pytest.mark.parametrize(
    ("error", "hint_part", "retry"),
    [
        (TransportError("timeout", outcome_unknown=True, **WHERE), "okänt om objektet skapades", True),
        (ApiError("no answer", status=None, **WHERE), "svarar inte just nu", True),
        (ServerError("boom", status=503, **WHERE), "svarar inte just nu", True),
        (RateLimitedError("slow", retry_after=5.0, status=429, **WHERE), "svarar inte just nu", True),
        (AuthError("expired", status=401, **WHERE), "brygga connect eekonomi", True),
        (RejectedError("forbidden", status=403, error_code="InsufficientApiScope", **WHERE), "behörighet", False),
        (RejectedError("bad", status=400, **WHERE), "avvisade objektet", False),
    ],
    ids=["unknown outcome", "unreachable", "5xx", "429", "auth", "permission", "rejected"],
)
def test_x2_api_errors_get_a_swedish_hint_and_transient_ones_are_retried(
    error: ApiError, hint_part: str, retry: bool
) -> None:
    _, hint, hint_en, item_retry, rule = fail(error)
    assert hint_part in hint
    assert hint_en and hint_en != hint
    assert (item_retry, rule) == (retry, None)


def test_x6_unknown_outcome_is_marked_for_retry_and_promises_no_duplicate() -> None:
    _, hint, _, retry, _ = fail(TransportError("read timeout", outcome_unknown=True, **WHERE))
    assert retry is True
    assert "skapar det aldrig två gånger" in hint


def test_x2_pm_auth_failure_points_at_the_pm_connection() -> None:
    error = AuthError("expired", system="severa", method="GET", path="/v1/customers", status=401)
    assert "brygga connect severa" in fail(error)[1]


def test_x2_unexpected_internal_error_fails_the_object_and_is_retried() -> None:
    message, _, _, retry, _ = fail(StateError("two links"))
    assert (message, retry) == ("two links", True)

"""eEkonomi's error bodies and the exception the route handlers raise to answer with one.

Every failure carries ``ErrorCode``, ``DeveloperErrorMessage`` and a fresh ``ErrorId`` (a GUID the
real API asks you to quote to support). 400 answers use the spec's ``CommonExtendedBadRequest`` shape,
which adds ``Errors``: ``[{Field, ErrorCode, Message, Key}]``, null when no single field is to blame.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from .jsonio import DecimalJSONResponse

__all__ = [
    "ApiProblem",
    "FieldProblem",
    "bad_request",
    "conflict",
    "not_found",
    "problem_response",
    "query_error",
]

VALIDATION = 2000
RESOURCE_NOT_FOUND = 3000
CONFLICT = 4000
NOT_AUTHORIZED = 4005
NO_ACCESS_TO_SCOPES = 4006
TOO_MANY_REQUESTS = 4010
INTERNAL_SERVER_ERROR = 5000
QUERY_PARAMETER_ERROR = 6000
INVALID_INPUT = 6001


@dataclass(frozen=True)
class FieldProblem:
    """One ``Errors[]`` entry; ``code`` names the .NET validation attribute that failed."""

    field: str | None
    code: str
    message: str

    def as_json(self) -> dict[str, Any]:
        return {"Field": self.field, "ErrorCode": self.code, "Message": self.message, "Key": None}


@dataclass(eq=False)
class ApiProblem(Exception):
    """Raised anywhere below a route; the pipeline turns it into the error response."""

    status: int
    error_code: int
    message: str
    fields: list[FieldProblem] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.message)


def problem_response(problem: ApiProblem) -> DecimalJSONResponse:
    body: dict[str, Any] = {
        "ErrorCode": problem.error_code,
        "DeveloperErrorMessage": problem.message,
        "ErrorId": str(uuid.uuid4()),
    }
    if problem.status == 400:
        body["Errors"] = [item.as_json() for item in problem.fields] or None
    return DecimalJSONResponse(body, status_code=problem.status, headers=problem.headers)


def bad_request(fields: list[FieldProblem]) -> ApiProblem:
    """Model validation failure, worded as eEk's ``ValidateModelAttribute`` filter words it."""
    joined = " ".join(item.message for item in fields)
    return ApiProblem(400, VALIDATION, f"ValidateModelAttributeException - {joined}", list(fields))


def not_found(resource: str) -> ApiProblem:
    return ApiProblem(404, RESOURCE_NOT_FOUND, f"ResourceNotFoundException - {resource} was not found.")


def conflict(message: str) -> ApiProblem:
    return ApiProblem(400, CONFLICT, message)


def query_error(message: str, code: int = QUERY_PARAMETER_ERROR) -> ApiProblem:
    kind = "InvalidInputException" if code == INVALID_INPUT else "QueryParameterException"
    return ApiProblem(400, code, f"{kind} - {message}")

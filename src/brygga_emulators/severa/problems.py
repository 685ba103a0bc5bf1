"""Severa's error body, ``ExceptionModel``, and the exception the routes raise to produce it.

Every non-2xx answer of the emulator carries this body, including 404, 401, 429 and 503, so a client
can rely on one error parser (the real API documents ``ExceptionModel`` as the default response).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["ApiProblem", "Detail", "LocationType", "exception_model"]

LocationType = Literal["PathParameter", "RequestBody", "RequestHeader", "UriParameter"]


@dataclass(frozen=True)
class Detail:
    """One ``ExceptionDetailModel``: what went wrong and where (location may be absent)."""

    message: str
    location_type: LocationType | None = None
    name: str | None = None
    identifier: str | None = None

    def as_json(self) -> dict[str, Any]:
        location = None
        if self.location_type is not None:
            location = {"type": self.location_type, "name": self.name, "identifier": self.identifier}
        return {"message": self.message, "url": None, "location": location}


@dataclass
class ApiProblem(Exception):
    """Raised by a route to answer with ``ExceptionModel``; ``headers`` are added to the response."""

    status: int
    type: str
    details: list[Detail] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        messages = "; ".join(detail.message for detail in self.details)
        return f"{self.status} {self.type}: {messages}"

    @classmethod
    def invalid_parameter(
        cls, message: str, location_type: LocationType, name: str | None, identifier: str | None = None
    ) -> ApiProblem:
        return cls(400, "InvalidParameter", [Detail(message, location_type, name, identifier)])

    @classmethod
    def invalid_request(cls, message: str) -> ApiProblem:
        return cls(400, "InvalidRequest", [Detail(message, "RequestBody", None)])

    @classmethod
    def not_found(cls, what: str, guid: str, parameter: str = "guid") -> ApiProblem:
        return cls(404, "InvalidParameter", [Detail(f"{what} not found.", "PathParameter", parameter, guid)])

    @classmethod
    def authentication_required(cls, message: str, header: str | None = None) -> ApiProblem:
        location: LocationType | None = "RequestHeader" if header else None
        return cls(401, "AuthenticationRequired", [Detail(message, location, header)])


def exception_model(problem: ApiProblem) -> dict[str, Any]:
    return {
        "error": {
            "httpStatusCode": problem.status,
            "type": problem.type,
            "details": [detail.as_json() for detail in problem.details],
            "stack": None,
        }
    }

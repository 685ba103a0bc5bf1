"""A small in-memory eEkonomi API for client tests, served through httpx.MockTransport.

It speaks the official wire format ({Meta, Data} pages, PascalCase, eEk error bodies) and
understands the few ``$filter`` forms the client sends. Every request is also checked against the
official spec; problems are collected in ``spec_problems`` for the tests to assert empty.
"""

from __future__ import annotations

import math
import re
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx

from brygga.eekonomi.odata import parse_string_literal
from brygga.http import jsonio
from tests.support.spec_validation import SpecValidator

SERVER_TIME = "2025-03-01T12:00:00Z"
TERMS_ID = "8f9a2a3c-1111-4c5d-9e0f-123456789abc"
_COMPARISON = re.compile(r"^(\w+) (eq|gt) (.+)$")


def customer_row(number: str, name: str, changed: str = "2025-01-10T08:00:00Z") -> dict[str, Any]:
    return {
        "Id": str(uuid.uuid4()),
        "CustomerNumber": number,
        "Name": name,
        "IsPrivatePerson": False,
        "IsActive": True,
        "InvoiceCity": "Stockholm",
        "InvoicePostalCode": "111 22",
        "TermsOfPaymentId": TERMS_ID,
        "ChangedUtc": changed,
        "UnpaidInvoicesAmount": 0,
    }


def error_response(status: int, code: int, message: str) -> httpx.Response:
    body = {"ErrorCode": code, "DeveloperErrorMessage": message, "ErrorId": str(uuid.uuid4())}
    return httpx.Response(status, content=jsonio.dumps(body), headers={"Content-Type": "application/json"})


def _json(status: int, body: Any) -> httpx.Response:
    return httpx.Response(status, content=jsonio.dumps(body), headers={"Content-Type": "application/json"})


def _matches(row: dict[str, Any], expression: str | None) -> bool:
    if not expression:
        return True
    match = _COMPARISON.match(expression)
    if match is None:
        raise ValueError(f"fake cannot evaluate filter {expression!r}")
    name, operator, text = match.groups()
    if operator == "eq":
        return bool(row.get(name) == parse_string_literal(text))
    given = datetime.fromisoformat(text.replace("Z", "+00:00"))
    value = row.get(name)
    return value is not None and datetime.fromisoformat(value.replace("Z", "+00:00")) > given


class FakeEEkonomi:
    def __init__(self, customers: list[dict[str, Any]] | None = None, access_token: str = "access-1") -> None:
        self.customers = {row["Id"]: row for row in customers or []}
        self.accepted_access_tokens = {access_token}
        self.requests: list[httpx.Request] = []
        # Copied at arrival: an auth flow resends the same (mutated) request object after a 401.
        self.authorizations: list[str] = []
        self.spec_problems: list[str] = []
        self.collections: dict[str, list[dict[str, Any]]] = {
            "/v2/termsofpayments": [{"Id": TERMS_ID, "Name": "30 dagar", "NumberOfDays": 30}],
            "/v2/currencies": [{"Code": "SEK"}, {"Code": "EUR"}],
            "/v2/countries": [{"Code": "SE", "Name": "Sverige", "NameEnglish": "Sweden", "IsEuMember": True}],
        }

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.authorizations.append(request.headers.get("Authorization", ""))
        content_type = request.headers.get("Content-Type")
        self.spec_problems += SpecValidator.eekonomi().validate_request(
            request.method, str(request.url), request.content or None, content_type
        )
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer" or token not in self.accepted_access_tokens:
            return httpx.Response(401)
        return self._route(request)

    def _route(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/v2/customers":
            return self._list_customers(request) if request.method == "GET" else self._create(request)
        if path.startswith("/v2/customers/"):
            return self._one_customer(request, path.rsplit("/", 1)[1])
        if path == "/v2/companysettings":
            return _json(
                200,
                {
                    "Name": "Demo AB",
                    "CountryCode": "SE",
                    "CurrencyCode": "SEK",
                    "DomesticCurrencyRounding": 1,
                    "NextCustomerNumber": 1042,
                },
            )
        if path in self.collections:
            return self._page(request, self.collections[path])
        return error_response(404, 3000, "ResourceNotFound")

    def _page(self, request: httpx.Request, rows: list[dict[str, Any]]) -> httpx.Response:
        page = int(request.url.params.get("$page", "1"))
        size = int(request.url.params.get("$pagesize", "50"))
        pages = max(1, math.ceil(len(rows) / size))
        meta = {
            "CurrentPage": page,
            "PageSize": size,
            "TotalNumberOfPages": pages,
            "TotalNumberOfResults": len(rows),
            "ServerTimeUtc": SERVER_TIME,
        }
        return _json(200, {"Meta": meta, "Data": rows[(page - 1) * size : page * size]})

    def _list_customers(self, request: httpx.Request) -> httpx.Response:
        expression = request.url.params.get("$filter")
        return self._page(request, [row for row in self.customers.values() if _matches(row, expression)])

    def _create(self, request: httpx.Request) -> httpx.Response:
        body = jsonio.loads(request.content)
        if len(body.get("Name", "")) > 50:
            return error_response(
                400,
                2000,
                "ValidateModelAttributeException - The field Name must be a string with a maximum length of 50.",
            )
        row = {**body, "Id": str(uuid.uuid4()), "ChangedUtc": datetime.now(UTC).isoformat()}
        self.customers[row["Id"]] = row
        return _json(201, row)

    def _one_customer(self, request: httpx.Request, customer_id: str) -> httpx.Response:
        if customer_id not in self.customers:
            return error_response(404, 3000, "ResourceNotFound")
        if request.method == "PUT":
            self.customers[customer_id] = {**jsonio.loads(request.content), "Id": customer_id}
        return _json(200, self.customers[customer_id])

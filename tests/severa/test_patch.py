from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from brygga.severa.patch import REPLACE_OP, build_patch_body

from .fakes import body_of, json_response, make_client, spec_schema


def test_replace_is_the_specs_spelling() -> None:
    assert REPLACE_OP in spec_schema("PatchOperationType")["enum"]


def test_one_replace_per_change_with_native_json_values() -> None:
    body = build_patch_body(
        {
            "name": "Kund AB",
            "/currency/guid": "cur-1",
            "paymentTerm": 30,
            "overdueInterest": Decimal("8.50"),
            "isActive": False,
            "notes": None,
            "invoicingVat": {"guid": "vat-25"},
        }
    )

    assert body == [
        {"op": "Replace", "path": "/name", "value": "Kund AB"},
        {"op": "Replace", "path": "/currency/guid", "value": "cur-1"},
        {"op": "Replace", "path": "/paymentTerm", "value": 30},
        {"op": "Replace", "path": "/overdueInterest", "value": Decimal("8.50")},
        {"op": "Replace", "path": "/isActive", "value": False},
        {"op": "Replace", "path": "/notes", "value": None},
        {"op": "Replace", "path": "/invoicingVat", "value": {"guid": "vat-25"}},
    ]


@pytest.mark.parametrize("changes", [{}, {"": 1}, {"/": 1}])
def test_an_empty_patch_or_path_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="PATCH"):
        build_patch_body(changes)


async def test_update_sends_the_patch_and_returns_the_first_updated_model() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        return json_response(200, [{"guid": "c1", "name": "Nytt namn", "overdueInterest": Decimal("8.50")}])

    client, api = make_client(respond)
    async with client:
        customer = await client.customers.update("c1", {"name": "Nytt namn", "overdueInterest": Decimal("8.50")})

    request = api.requests[0]
    assert (request.method, request.url.path) == ("PATCH", "/rest-api/v1/customers/c1")
    assert b'"value": 8.50' in request.content  # exact, not a float and not a string
    assert body_of(request)[0] == {"op": "Replace", "path": "/name", "value": "Nytt namn"}
    assert customer.name == "Nytt namn"


async def test_contact_communication_patch_answers_with_one_model() -> None:
    updated = {"guid": "cc1", "value": "anna@example.se", "contact": {"guid": "p1"}, "communicationType": {"guid": "t"}}
    client, api = make_client(lambda request: json_response(200, updated))
    async with client:
        communication = await client.contact_communications.update("cc1", {"value": "anna@example.se"})

    assert api.requests[0].url.path == "/rest-api/v1/contactcommunications/cc1"
    assert communication.value == "anna@example.se"

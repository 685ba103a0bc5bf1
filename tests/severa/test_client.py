from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from brygga.errors import RejectedError, ServerError, TransportError
from brygga.severa import Address, ContactCommunication, ContactPerson, Customer, SeveraClient
from brygga.severa.models import CommunicationTypeRef, ContactCustomer, ContactRef

from .fakes import body_of, json_response, make_client, severa_error, spec_operation

CUSTOMER = {"guid": "c1", "name": "Kund AB", "number": 1001}
ADDRESS = {"guid": "a1", "addressline": "Storgatan 1", "customer": {"guid": "c1"}}
CONTACT = {"guid": "p1", "customer": {"guid": "c1"}, "firstName": "Anna", "lastName": "Ek"}
COMMUNICATION = {"guid": "cc1", "value": "anna@x.se", "contact": {"guid": "p1"}, "communicationType": {"guid": "t1"}}


def by_route(request: httpx.Request) -> httpx.Response:
    """A tiny Severa: lists answer with one row, single objects with the right kind."""
    path = request.url.path.removeprefix("/rest-api")
    singles = [
        (r"/v1/customers(/[^/]+)?", CUSTOMER),
        (r"/v1/customers/[^/]+/addresses|/v1/addresses(/[^/]+)?", ADDRESS),
        (r"/v1/customers/[^/]+/contactpersons|/v1/contactpersons(/[^/]+)?", CONTACT),
        (r"/v1/contacts/[^/]+/contactcommunications|/v1/contactcommunications(/[^/]+)?", COMMUNICATION),
        (r"/v1/communicationtypes", {"guid": "t1", "name": "E-post", "type": "EmailAddress"}),
        (r"/v1/currencies", {"guid": "cur", "code": "SEK", "isOrganizationCurrency": True}),
        (r"/v1/localization/countries", {"guid": "se", "code2": "SE", "isInEU": True}),
    ]
    one_object = re.fullmatch(r"/v1/(customers|addresses|contactpersons|contactcommunications)/[^/]+", path)
    for pattern, obj in singles:
        if re.fullmatch(pattern, path):
            is_list = request.method == "GET" and not one_object
            return json_response(201 if request.method == "POST" else 200, [obj] if is_list else obj)
    return severa_error(404, "InvalidParameter", f"no route {path}")


async def exercise_every_call(client: SeveraClient) -> dict[str, Any]:
    contact = ContactPerson(customer=ContactCustomer(guid="c1"), firstName="Anna", lastName="Ek")
    communication = ContactCommunication(
        value="anna@x.se", contact=ContactRef(guid="p1"), communicationType=CommunicationTypeRef(guid="t1")
    )
    return {
        "customers.list": await client.customers.list(),
        "customers.iter": [c async for c in client.customers.iter()],
        "customers.get": await client.customers.get("c1"),
        "customers.create": await client.customers.create(Customer(name="Kund AB", number=1001)),
        "customers.update": await client.customers.update("c1", {"name": "Kund AB"}),
        "addresses.iter": [a async for a in client.addresses.iter()],
        "addresses.for_customer": await client.addresses.for_customer("c1"),
        "addresses.get": await client.addresses.get("a1"),
        "addresses.create": await client.addresses.create("c1", Address(addressline="Storgatan 1")),
        "addresses.update": await client.addresses.update("a1", {"city": "Lund"}),
        "contact_persons.iter": [p async for p in client.contact_persons.iter()],
        "contact_persons.for_customer": await client.contact_persons.for_customer("c1"),
        "contact_persons.get": await client.contact_persons.get("p1"),
        "contact_persons.create": await client.contact_persons.create(contact),
        "contact_persons.update": await client.contact_persons.update("p1", {"jobTitle": "VD"}),
        "contact_communications.iter": [c async for c in client.contact_communications.iter()],
        "contact_communications.for_contact": await client.contact_communications.for_contact("p1"),
        "contact_communications.get": await client.contact_communications.get("cc1"),
        "contact_communications.create": await client.contact_communications.create(communication),
        "contact_communications.update": await client.contact_communications.update("cc1", {"value": "a@b.se"}),
        "communication_types.iter": [t async for t in client.communication_types.iter()],
        "currencies.iter": [c async for c in client.currencies.iter()],
        "countries.iter": [c async for c in client.countries.iter()],
    }


async def test_every_call_uses_a_route_and_query_parameters_the_spec_declares() -> None:
    client, api = make_client(by_route)
    async with client:
        results = await exercise_every_call(client)

    assert all(results.values())
    for request in api.requests:
        path = request.url.path.removeprefix("/rest-api")
        operation = spec_operation(request.method, path)
        assert operation is not None, f"{request.method} {path} is not in the spec"
        declared = {parameter["name"] for parameter in operation.get("parameters", [])}
        assert set(request.url.params.keys()) <= declared, f"{request.method} {path}"


async def test_results_have_the_right_types_and_values() -> None:
    client, _ = make_client(by_route)
    async with client:
        results = await exercise_every_call(client)

    assert results["customers.get"] == Customer.model_validate(CUSTOMER)
    assert results["addresses.for_customer"] == [Address.model_validate(ADDRESS)]
    assert results["contact_communications.for_contact"][0].communicationType.guid == "t1"
    assert results["countries.iter"][0].code2 == "SE"
    assert results["currencies.iter"][0].isOrganizationCurrency is True


async def test_create_posts_the_create_body_to_the_parent_route() -> None:
    client, api = make_client(by_route)
    async with client:
        await client.addresses.create("c1", Address(guid="ignored", addressline="Storgatan 1", isBillingAddress=True))

    request = api.requests[0]
    assert (request.method, request.url.path) == ("POST", "/rest-api/v1/customers/c1/addresses")
    assert body_of(request) == {
        "addressline": "Storgatan 1",
        "isBillingAddress": True,
        "isPostalAddress": False,
        "isVisitAddress": False,
    }


async def test_a_failed_post_is_not_resent_and_its_outcome_is_unknown() -> None:
    client, api = make_client(lambda request: severa_error(503, "InternalSystemError"))
    async with client:
        with pytest.raises(ServerError) as caught:
            await client.customers.create(Customer(name="Kund AB"))

    assert len(api.requests) == 1
    assert caught.value.outcome_unknown is True


async def test_a_dropped_connection_on_get_is_retried() -> None:
    calls: list[int] = []

    def respond(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            raise httpx.ReadTimeout("slow", request=request)
        return json_response(200, CUSTOMER)

    client, _ = make_client(respond)
    async with client:
        customer = await client.customers.get("c1")
    assert customer.guid == "c1"
    assert client.api_calls == 2
    assert client.calls_by_endpoint["GET /v1/customers/{guid}"] == 2


async def test_a_dropped_connection_on_post_is_raised_with_unknown_outcome() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    client, api = make_client(respond)
    async with client:
        with pytest.raises(TransportError) as caught:
            await client.customers.create(Customer(name="Kund AB"))
    assert len(api.requests) == 1
    assert caught.value.outcome_unknown is True


async def test_an_answer_that_breaks_the_spec_is_a_server_error_naming_the_model() -> None:
    client, _ = make_client(lambda request: json_response(200, [{"guid": "p1", "firstName": "Anna"}]))
    async with client:
        with pytest.raises(ServerError, match="ContactPerson") as caught:
            await client.contact_persons.for_customer("c1")
    assert caught.value.path == "/rest-api/v1/customers/c1/contactpersons"


async def test_a_rejected_write_surfaces_severas_message() -> None:
    client, _ = make_client(lambda request: severa_error(400, "InvalidParameter", "Name is required", field="name"))
    async with client:
        with pytest.raises(RejectedError, match="Name is required") as caught:
            await client.customers.update("c1", {"name": ""})
    assert caught.value.field_errors[0].field == "name"


async def test_an_unreadable_answer_to_a_post_marks_the_outcome_unknown() -> None:
    client, api = make_client(lambda request: json_response(201, {"guid": "c9"}))
    async with client:
        with pytest.raises(ServerError) as caught:
            await client.customers.create(Customer(name="Kund AB"))
    assert len(api.requests) == 1
    assert caught.value.outcome_unknown is True

"""Error bodies, JSON Patch refusals, and the emulator's request models against the spec."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from brygga_emulators.severa.models import (
    ADDRESS,
    CLIENT_CREDENTIALS,
    CONTACT,
    CONTACT_COMMUNICATION,
    CUSTOMER,
    PATCH_OPERATION,
)
from brygga_emulators.severa.schema import Model


async def test_missing_name_gives_full_exception_model(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/customers", json={"number": 7000})
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "httpStatusCode": 400,
            "type": "InvalidParameter",
            "details": [
                {
                    "message": "The name field is required.",
                    "url": None,
                    "location": {"type": "RequestBody", "name": "name", "identifier": None},
                }
            ],
            "stack": None,
        }
    }


async def test_every_problem_is_listed_and_types_are_checked(client: httpx.AsyncClient) -> None:
    body = {"name": "", "paymentTerm": "thirty", "isActive": "yes", "kvkNumber": "K" * 26}
    response = await client.post("/v1/customers", json=body)
    names = {detail["location"]["name"] for detail in response.json()["error"]["details"]}
    assert names == {"name", "paymentTerm", "isActive", "kvkNumber"}


async def test_number_must_be_integer_not_fraction(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/customers", content=b'{"name": "A", "number": 12.5}', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400


async def test_body_that_is_not_json_is_invalid_request(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/customers", content=b"{name:", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "InvalidRequest"


async def test_long_names_are_accepted_because_severa_declares_no_limit(client: httpx.AsyncClient) -> None:
    # The 50-character limits belong to eEkonomi; PM holds such customers (demo 1041, 1038).
    response = await client.post("/v1/customers", json={"name": "N" * 120})
    assert response.status_code == 201


@pytest.mark.parametrize("op", ["Add", "remove", "Move", "Copy", "test", None])
async def test_patch_ops_other_than_replace_are_refused(client: httpx.AsyncClient, op: Any) -> None:
    [customer] = (await client.get("/v1/customers", params={"numbers": 1001})).json()
    response = await client.patch(
        f"/v1/customers/{customer['guid']}", json=[{"op": op, "path": "/notes", "value": "x"}]
    )
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "InvalidRequest"
    unchanged = (await client.get(f"/v1/customers/{customer['guid']}")).json()
    assert unchanged["notes"] == customer["notes"]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("/guid", "x"),
        ("/isInternal", "true"),
        ("/nope", "x"),
        ("notes", "x"),
        ("/currency/rate/x", "1"),
        ("/name", ""),
        ("/paymentTerm", "soon"),
    ],
)
async def test_patch_with_bad_path_or_value_is_invalid_parameter(
    client: httpx.AsyncClient, path: str, value: str
) -> None:
    [customer] = (await client.get("/v1/customers", params={"numbers": 1002})).json()
    response = await client.patch(
        f"/v1/customers/{customer['guid']}", json=[{"op": "Replace", "path": path, "value": value}]
    )
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "InvalidParameter"


async def test_patch_body_must_be_an_array(client: httpx.AsyncClient) -> None:
    [customer] = (await client.get("/v1/customers", params={"numbers": 1002})).json()
    response = await client.patch(f"/v1/customers/{customer['guid']}", json={"op": "Replace"})
    assert response.status_code == 400


async def test_unknown_route_and_method_answer_exception_model(client: httpx.AsyncClient) -> None:
    missing = await client.get("/v1/nothing-here")
    wrong_method = await client.delete("/v1/currencies")
    assert missing.status_code == 404 and missing.json()["error"]["httpStatusCode"] == 404
    assert wrong_method.status_code == 405 and wrong_method.json()["error"]["type"] == "InvalidRequest"


@pytest.mark.parametrize(
    "model",
    [CLIENT_CREDENTIALS, PATCH_OPERATION, CUSTOMER, ADDRESS, CONTACT, CONTACT_COMMUNICATION],
    ids=lambda model: model.name,
)
def test_request_models_match_the_spec(severa_spec: dict[str, Any], model: Model) -> None:
    _assert_model_matches(severa_spec, model)


def _assert_model_matches(spec: dict[str, Any], model: Model) -> None:
    schema = spec["components"]["schemas"][model.name]
    properties = schema.get("properties", {})
    assert set(model.fields) == set(properties), model.name
    assert model.required == frozenset(schema.get("required", [])), model.name
    for name, field in model.fields.items():
        declared = properties[name]
        where = f"{model.name}.{name}"
        assert field.read_only == bool(declared.get("readOnly")), where
        assert field.nullable == bool(declared.get("nullable")), where
        assert field.max_length == declared.get("maxLength"), where
        assert field.min_length == declared.get("minLength"), where
        if field.model is not None:
            target = declared.get("$ref") or declared.get("items", {}).get("$ref")
            assert target == f"#/components/schemas/{field.model.name}", where
            _assert_model_matches(spec, field.model)

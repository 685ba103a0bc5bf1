"""RecordingTransport records faithfully and still answers like the transport it wraps."""

from __future__ import annotations

import gzip
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from brygga_emulators.server import EmulatorServer
from tests.support.recording import BaseUrlRegistry, Exchange, ExchangeLog, RecordingTransport, count_problems
from tests.support.spec_validation import SpecValidator

JSON = "application/json"
ERROR_ID = "5f1c8d2e-3b4a-4c6d-9e8f-7a6b5c4d3e2f"


async def echo(request: Request) -> JSONResponse:
    body = await request.json()
    return JSONResponse({"echo": body}, status_code=201)


def echo_app() -> Starlette:
    return Starlette(routes=[Route("/echo", echo, methods=["POST"])])


async def test_asgi_exchanges_are_recorded_and_the_response_stays_readable() -> None:
    log = ExchangeLog()
    transport = RecordingTransport(httpx.ASGITransport(echo_app()), log)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.post("/echo", json={"a": 1})
    assert response.status_code == 201
    assert response.json() == {"echo": {"a": 1}}
    [exchange] = list(log)
    assert exchange.method == "POST"
    assert exchange.url == "http://app.test/echo"
    assert exchange.request_body == b'{"a":1}'
    assert exchange.request_content_type == JSON
    assert exchange.status == 201
    assert exchange.response_body == b'{"echo":{"a":1}}'
    assert exchange.response_content_type == JSON


async def test_real_loopback_sockets_work_too() -> None:
    log = ExchangeLog()
    with EmulatorServer(echo_app()) as server:
        transport = RecordingTransport(httpx.AsyncHTTPTransport(), log)
        async with httpx.AsyncClient(transport=transport, base_url=server.base_url) as client:
            response = await client.post("/echo", json=[1, 2])
    assert response.json() == {"echo": [1, 2]}
    assert [exchange.status for exchange in log] == [201]


async def test_gzip_bodies_are_recorded_decoded_and_handed_back_intact() -> None:
    payload = b'{"zipped": true}'

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"content-encoding": "gzip", "content-type": JSON}
        return httpx.Response(200, headers=headers, content=gzip.compress(payload))

    log = ExchangeLog()
    async with httpx.AsyncClient(transport=RecordingTransport(httpx.MockTransport(handler), log)) as client:
        response = await client.get("http://mock.test/zip")
    assert response.json() == {"zipped": True}
    assert next(iter(log)).response_body == payload


async def test_streamed_request_bodies_are_recorded_and_still_sent() -> None:
    seen: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.read())
        return httpx.Response(204)

    async def chunks() -> AsyncIterator[bytes]:
        yield b"part one, "
        yield b"part two"

    log = ExchangeLog()
    async with httpx.AsyncClient(transport=RecordingTransport(httpx.MockTransport(handler), log)) as client:
        await client.post("http://mock.test/upload", content=chunks())
    assert seen == [b"part one, part two"]
    assert next(iter(log)).request_body == b"part one, part two"


async def test_a_request_without_answer_is_recorded_without_status() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # closed again before the request: nothing listens there
    log = ExchangeLog()
    async with httpx.AsyncClient(transport=RecordingTransport(httpx.AsyncHTTPTransport(), log)) as client:
        with pytest.raises(httpx.ConnectError):
            await client.post(f"http://127.0.0.1:{port}/v2/customers", json={"Name": "A"})
    [exchange] = list(log)
    assert exchange.status is None
    assert exchange.request_body == b'{"Name":"A"}'


def exchange(url: str, status: int | None, response_body: bytes = b"", method: str = "GET") -> Exchange:
    return Exchange(method, url, b"", None, status, response_body, JSON if response_body else None)


def test_check_prefixes_problems_and_skips_unregistered_urls() -> None:
    registry = BaseUrlRegistry()
    registry.register("http://eek.test/", "eekonomi")
    log = ExchangeLog()
    log.add(exchange("http://eek.test/v2/customers/42", None))
    log.add(exchange("http://eek.test/v2/kunder", 200, b"[]"))
    log.add(exchange("http://other.test/v2/kunder", 200, b"[]"))
    problems = log.check({"eekonomi": SpecValidator.eekonomi()}, registry.system_of)
    assert problems == [
        "GET /v2/customers/{customerId} no-response: path parameter customerId $: '42' is not a 'uuid'",
        "GET /v2/kunder 200: not in spec: no path template matches /kunder",
    ]


def test_the_same_fault_on_many_objects_counts_as_one_problem() -> None:
    registry = BaseUrlRegistry()
    registry.register("http://eek.test", "eekonomi")
    log = ExchangeLog()
    body = b'{"ErrorCode": 3000, "ErrorId": "' + ERROR_ID.encode() + b'"}'
    for suffix in ("1", "2", "3"):
        log.add(exchange(f"http://eek.test/v2/customers/{ERROR_ID[:-1]}{suffix}", 422, body))
    log.add(exchange("http://eek.test/v2/customers", 429, b"{}"))
    counted = count_problems(log.check({"eekonomi": SpecValidator.eekonomi()}, registry.system_of))
    assert counted == [
        ("GET /v2/customers/{customerId} 422: status 422 not declared in spec (declared: 200, 400)", 3),
        (
            "GET /v2/customers 429: error body (CommonExtendedBadRequest) $: 'DeveloperErrorMessage' is a "
            "required property",
            1,
        ),
        ("GET /v2/customers 429: error body (CommonExtendedBadRequest) $: 'ErrorCode' is a required property", 1),
        ("GET /v2/customers 429: error body (CommonExtendedBadRequest) $: 'ErrorId' is a required property", 1),
    ]


def test_the_longest_registered_prefix_decides_the_system() -> None:
    registry = BaseUrlRegistry()
    registry.register("http://127.0.0.1:8000", "eekonomi")
    registry.register("http://127.0.0.1:8000/rest-api", "severa")
    assert registry.system_of("http://127.0.0.1:8000/v2/customers") == "eekonomi"
    assert registry.system_of("http://127.0.0.1:8000/rest-api/v1/customers") == "severa"
    assert registry.system_of("http://127.0.0.1:80001/v2/customers") is None
    assert registry.systems() == {"eekonomi", "severa"}

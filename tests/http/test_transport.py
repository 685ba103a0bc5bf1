from __future__ import annotations

import asyncio
from decimal import Decimal

import httpx
import pytest

from brygga.errors import RateLimitedError, RejectedError, ServerError, TransportError
from brygga.http import jsonio

from .fakes import RecordingSleep, ScriptedApi, StaticBearer, make_transport

OK = httpx.Response(200, json={"ok": True})


def unavailable() -> httpx.Response:
    return httpx.Response(503, text="Service Unavailable")


def read_timeout() -> httpx.ReadTimeout:
    return httpx.ReadTimeout("timed out")


async def test_limiter_is_per_endpoint_template() -> None:
    api = ScriptedApi(OK)
    transport = make_transport(api, RecordingSleep(), requests_per_minute=1)
    await transport.request("GET", "/customers")
    blocked = asyncio.create_task(transport.request("GET", "/customers"))
    # Another template has its own budget, so it goes through while /customers waits a minute.
    # wait_for only guards against a hang if the limiter were shared; it asserts nothing about time.
    await asyncio.wait_for(transport.request("GET", "/articles"), timeout=10)
    await asyncio.wait_for(
        transport.request("GET", "/customers/{customerId}", path_params={"customerId": "1"}), timeout=10
    )
    for _ in range(20):
        await asyncio.sleep(0)
    assert not blocked.done()
    blocked.cancel()
    assert [r.url.path for r in api.requests] == ["/v2/customers", "/v2/articles", "/v2/customers/1"]
    await transport.aclose()


async def test_rate_limited_request_waits_retry_after_then_succeeds() -> None:
    api = ScriptedApi(httpx.Response(429, headers={"Retry-After": "7"}), OK)
    sleep = RecordingSleep()
    transport = make_transport(api, sleep, jitter=lambda base: 0.25)
    response = await transport.request("GET", "/customers")
    assert response.status_code == 200
    assert sleep.waits == [7.25]
    assert transport.api_calls == 2


async def test_rate_limited_post_is_sent_again_because_it_was_not_processed() -> None:
    api = ScriptedApi(httpx.Response(429, headers={"Retry-After": "3"}), httpx.Response(201, json={}))
    sleep = RecordingSleep()
    transport = make_transport(api, sleep)
    response = await transport.request("POST", "/customers", json={"Name": "A"})
    assert response.status_code == 201
    assert sleep.waits == [3.0]
    assert len(api.requests) == 2


async def test_rate_limit_gives_up_after_max_waits() -> None:
    api = ScriptedApi(httpx.Response(429, headers={"Retry-After": "1"}))
    sleep = RecordingSleep()
    transport = make_transport(api, sleep, max_rate_limit_waits=2)
    with pytest.raises(RateLimitedError):
        await transport.request("GET", "/customers")
    assert len(api.requests) == 3
    assert sleep.waits == [1.0, 1.0]


@pytest.mark.parametrize("method", ["GET", "PUT"])
@pytest.mark.parametrize("failure", [unavailable, read_timeout], ids=["503", "timeout"])
async def test_safe_methods_retry_with_backoff_then_succeed(method: str, failure) -> None:  # type: ignore[no-untyped-def]
    api = ScriptedApi(failure(), failure(), OK)
    sleep = RecordingSleep()
    transport = make_transport(api, sleep, max_attempts=5)
    response = await transport.request(method, "/customers/{customerId}", path_params={"customerId": "9"})
    assert response.status_code == 200
    assert sleep.waits == [0.5, 1.0]
    assert transport.api_calls == 3


@pytest.mark.parametrize(
    ("failure", "error_type"),
    [(unavailable, ServerError), (read_timeout, TransportError)],
    ids=["503", "timeout"],
)
async def test_safe_methods_give_up_after_max_attempts(failure, error_type) -> None:  # type: ignore[no-untyped-def]
    api = ScriptedApi(failure())
    sleep = RecordingSleep()
    transport = make_transport(api, sleep, max_attempts=4)
    with pytest.raises(error_type) as caught:
        await transport.request("GET", "/customers")
    assert len(api.requests) == 4
    assert sleep.waits == [0.5, 1.0, 2.0]
    assert caught.value.outcome_unknown is False
    assert caught.value.method == "GET"
    assert caught.value.path == "/v2/customers"


@pytest.mark.parametrize(
    ("failure", "error_type"),
    [
        (unavailable, ServerError),
        (read_timeout, TransportError),
        (lambda: httpx.RemoteProtocolError("peer closed connection"), TransportError),
    ],
    ids=["503", "timeout", "dropped"],
)
async def test_post_is_never_resent_after_server_or_transport_error(failure, error_type) -> None:  # type: ignore[no-untyped-def]
    api = ScriptedApi(failure(), httpx.Response(201, json={}))
    sleep = RecordingSleep()
    transport = make_transport(api, sleep, max_attempts=5)
    with pytest.raises(error_type) as caught:
        await transport.request("POST", "/customers", json={"Name": "A"})
    assert len(api.requests) == 1
    assert caught.value.outcome_unknown is True
    assert sleep.waits == []


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409])
async def test_client_errors_are_not_retried(status: int) -> None:
    api = ScriptedApi(httpx.Response(status, json={"ErrorCode": 2000}), OK)
    transport = make_transport(api, RecordingSleep(), max_attempts=5)
    with pytest.raises(Exception) as caught:
        await transport.request("PUT", "/customers/{customerId}", path_params={"customerId": "1"})
    assert caught.value.status == status  # type: ignore[attr-defined]
    assert len(api.requests) == 1


async def test_api_calls_count_retries_per_endpoint() -> None:
    api = ScriptedApi(unavailable(), OK)
    transport = make_transport(api, RecordingSleep())
    await transport.request("GET", "/customers/{customerId}", path_params={"customerId": "1"})
    await transport.request("GET", "/customers")
    assert transport.api_calls == 3
    assert transport.calls_by_endpoint == {"GET /customers/{customerId}": 2, "GET /customers": 1}


async def test_errors_never_contain_the_bearer_token() -> None:
    token = "eyJsecret-access-token-123"
    for script in (httpx.Response(500, text="boom"), read_timeout(), httpx.Response(400, text="bad")):
        api = ScriptedApi(script)
        transport = make_transport(api, RecordingSleep(), auth=StaticBearer(token), max_attempts=2)
        with pytest.raises((ServerError, TransportError, RejectedError)) as caught:
            await transport.request("POST", "/customers", params={"q": "x"}, json={"Name": "A"})
        assert api.requests[0].headers["Authorization"] == f"Bearer {token}"
        error = caught.value
        rendered = " ".join([str(error), repr(error), repr(error.args), repr(vars(error))])
        assert token not in rendered
        assert error.path == "/v2/customers"  # no query string


async def test_path_params_are_quoted_so_they_cannot_add_segments() -> None:
    api = ScriptedApi(OK)
    transport = make_transport(api, RecordingSleep())
    await transport.request("GET", "/customers/{customerId}", path_params={"customerId": "a/b c?"})
    assert api.requests[0].url.raw_path == b"/v2/customers/a%2Fb%20c%3F"


async def test_json_bodies_keep_decimals_exact() -> None:
    seen: list[bytes] = []

    def api(request: httpx.Request) -> httpx.Response:
        seen.append(request.content)
        return httpx.Response(200, content=b'{"Amount": 1.10, "Count": 3}')

    transport = make_transport(api, RecordingSleep())
    body = await transport.request_json("PUT", "/x", json={"Price": Decimal("12.30"), "Name": "Åke"})
    assert seen == [jsonio.dumps({"Price": Decimal("12.30"), "Name": "Åke"})]
    assert b"12.30" in seen[0]
    assert body == {"Amount": Decimal("1.10"), "Count": 3}
    assert isinstance(body["Amount"], Decimal)


async def test_empty_body_parses_to_none_and_params_are_flattened() -> None:
    api = ScriptedApi(httpx.Response(200, content=b""))
    transport = make_transport(api, RecordingSleep())
    params = {"$page": 2, "flag": True, "skip": None}
    assert await transport.request_json("DELETE", "/x", params=params) is None
    assert str(api.requests[0].url.query, "ascii") == "%24page=2&flag=true"

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from brygga.severa.query import format_changed_since, query_items

from .fakes import json_response, make_client


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2025, 3, 1, 12, 0, tzinfo=UTC), "2025-03-01T12:00:00.000Z"),
        (datetime(2025, 3, 1, 12, 0, 5, 123999, tzinfo=UTC), "2025-03-01T12:00:05.123Z"),
        (datetime(2025, 3, 1, 1, 30, tzinfo=timezone(timedelta(hours=2))), "2025-02-28T23:30:00.000Z"),
        (datetime(2025, 6, 1, 8, 0, tzinfo=timezone(timedelta(hours=-5))), "2025-06-01T13:00:00.000Z"),
    ],
)
def test_changed_since_is_utc_iso_with_truncated_milliseconds(moment: datetime, expected: str) -> None:
    assert format_changed_since(moment) == expected


def test_a_naive_changed_since_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_changed_since(datetime(2025, 3, 1, 12, 0))


def test_query_items_repeat_array_keys_and_skip_none() -> None:
    items = query_items(numbers=[1, 2], isActive=False, changedSince=None, customerNames=("A", "B"))
    assert items == [
        ("numbers", "1"),
        ("numbers", "2"),
        ("isActive", "false"),
        ("customerNames", "A"),
        ("customerNames", "B"),
    ]


async def test_customer_filters_reach_the_wire_as_repeated_keys() -> None:
    client, api = make_client(lambda request: json_response(200, []))
    since = datetime(2025, 3, 1, 14, 0, tzinfo=timezone(timedelta(hours=1)))
    async with client:
        _ = [c async for c in client.customers.iter(numbers=[10, 20], names=["Åkeri AB", "B&C"], changed_since=since)]

    url = api.requests[0].url
    assert url.params.get_list("numbers") == ["10", "20"]
    assert url.params.get_list("customerNames") == ["Åkeri AB", "B&C"]
    assert url.params["changedSince"] == "2025-03-01T13:00:00.000Z"
    assert b"numbers=10&numbers=20" in url.query
    assert "isActive" not in url.params


async def test_changed_since_on_offset_routes() -> None:
    client, api = make_client(lambda request: json_response(200, []))
    since = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    async with client:
        _ = [c async for c in client.contact_persons.iter(changed_since=since)]
        _ = [c async for c in client.contact_communications.iter(changed_since=since)]

    assert [request.url.path for request in api.requests] == [
        "/rest-api/v1/contactpersons",
        "/rest-api/v1/contactcommunications",
    ]
    assert {request.url.params["changedSince"] for request in api.requests} == {"2025-01-02T03:04:05.000Z"}

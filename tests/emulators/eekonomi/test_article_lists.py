"""``GET /v2/articles``: paging, ``$filter`` on ArticleApi's properties and the filter-only ``CodingType``."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from brygga_emulators.eekonomi.reference_data import coding_id

from .support import FakeClock, article_body, send_json

DEMO_NUMBERS = ["P-100", "P-130", "A-900", "A-901", "A-902", "A-903", "DIV"]


async def numbers(api: httpx.AsyncClient, **params: Any) -> list[str]:
    response = await api.get("/v2/articles", params=params)
    assert response.status_code == 200, response.text
    return [article["Number"] for article in response.json()["Data"]]


async def test_pages_cover_every_article_once_in_creation_order(api: httpx.AsyncClient) -> None:
    for index in range(4):
        created = await send_json(api, "POST", "/v2/articles", article_body(Number=f"T-{index}"))
        assert created.status_code == 201

    pages = [(await api.get("/v2/articles", params={"$page": page, "$pagesize": 4})).json() for page in (1, 2, 3)]

    assert [len(page["Data"]) for page in pages] == [4, 4, 3]
    assert pages[0]["Meta"]["TotalNumberOfResults"] == 11
    assert pages[0]["Meta"]["TotalNumberOfPages"] == 3
    seen = [article["Number"] for page in pages for article in page["Data"]]
    assert seen == [*DEMO_NUMBERS, "T-0", "T-1", "T-2", "T-3"]


async def test_filter_by_number(api: httpx.AsyncClient) -> None:
    assert await numbers(api, **{"$filter": "Number eq 'P-100'"}) == ["P-100"]
    assert await numbers(api, **{"$filter": "Number eq 'P-999'"}) == []


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("CodingType eq 2", ["P-100", "P-130", "A-900", "A-901", "DIV"]),
        ("CodingType eq 1", ["A-902", "A-903"]),
        ("CodingType eq 1 and IsActive eq true", ["A-902"]),
    ],
)
async def test_filter_only_coding_type(api: httpx.AsyncClient, condition: str, expected: list[str]) -> None:
    assert await numbers(api, **{"$filter": condition}) == expected


async def test_coding_type_is_not_in_the_answers(api: httpx.AsyncClient) -> None:
    page = (await api.get("/v2/articles", params={"$filter": "CodingType eq 2"})).json()

    assert all("CodingType" not in article for article in page["Data"])


async def test_changed_since_follows_the_clock(api: httpx.AsyncClient, clock: FakeClock) -> None:
    clock.advance(minutes=10)  # within the token's hour
    await send_json(api, "POST", "/v2/articles", article_body(Number="NY-1"))
    demo = {a["Number"]: a for a in (await api.get("/v2/articles")).json()["Data"]}
    await send_json(api, "PUT", f"/v2/articles/{demo['A-901']['Id']}", article_body(Number="A-901", Name="Support, ny"))

    assert await numbers(api, **{"$filter": "ChangedUtc gt 2025-03-01T12:00:00Z"}) == ["A-901", "NY-1"]
    assert await numbers(api, **{"$filter": "ChangedUtc gt 2025-01-20T10:03:00Z"}) == [
        "A-901",
        "A-902",
        "A-903",
        "DIV",
        "NY-1",
    ]


async def test_orderby_and_unknown_properties(api: httpx.AsyncClient) -> None:
    assert await numbers(api, **{"$orderby": "Number desc", "$pagesize": 2}) == ["P-130", "P-100"]
    bogus = await api.get("/v2/articles", params={"$filter": "Bogus eq 1"})
    assert bogus.status_code == 400
    assert bogus.json()["ErrorCode"] == 6000


async def test_filter_by_coding_id(api: httpx.AsyncClient) -> None:
    condition = f"CodingId eq {coding_id('Varor 12% moms')}"

    assert await numbers(api, **{"$filter": condition}) == ["A-902"]

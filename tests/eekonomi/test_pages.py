from __future__ import annotations

from datetime import UTC, datetime

import pytest

from brygga.eekonomi.models import Currency
from brygga.eekonomi.pages import Page, PageMeta, iter_pages, page_params, parse_page


def _meta(current: int, pages: int) -> PageMeta:
    return PageMeta.model_validate(
        {
            "CurrentPage": current,
            "PageSize": 2,
            "TotalNumberOfPages": pages,
            "TotalNumberOfResults": 5,
            "ServerTimeUtc": "2025-03-01T12:00:00Z",
        }
    )


async def test_iterates_until_the_last_page() -> None:
    asked: list[int] = []
    data = {1: ["SEK", "EUR"], 2: ["NOK", "DKK"], 3: ["USD"]}

    async def fetch(number: int) -> Page[Currency]:
        asked.append(number)
        return Page(meta=_meta(number, 3), data=[Currency(code=code) for code in data[number]])

    codes = [currency.code async for page in iter_pages(fetch) for currency in page.data]
    assert asked == [1, 2, 3]
    assert codes == ["SEK", "EUR", "NOK", "DKK", "USD"]


async def test_an_empty_list_is_one_page() -> None:
    asked: list[int] = []

    async def fetch(number: int) -> Page[Currency]:
        asked.append(number)
        return Page(meta=_meta(1, 0), data=[])

    assert [page async for page in iter_pages(fetch)] != []
    assert asked == [1]


def test_parse_page_reads_meta_with_aware_server_time() -> None:
    page = parse_page(
        {
            "Meta": {
                "CurrentPage": 1,
                "PageSize": 1000,
                "TotalNumberOfPages": 1,
                "TotalNumberOfResults": 1,
                "ServerTimeUtc": "2025-03-01T12:00:00",
            },
            "Data": [{"Code": "SEK"}],
        },
        Currency,
    )
    assert page.meta.server_time_utc == datetime(2025, 3, 1, 12, tzinfo=UTC)
    assert page.data == [Currency(code="SEK")]


def test_page_params() -> None:
    assert page_params(2, 1000, "Name eq 'x'") == {"$page": 2, "$pagesize": 1000, "$filter": "Name eq 'x'"}
    assert page_params(1, 5) == {"$page": 1, "$pagesize": 5}
    for page, size in [(0, 10), (1, 0), (1, 1001)]:
        with pytest.raises(ValueError):
            page_params(page, size)

from __future__ import annotations

import httpx
import pytest

from .support import FakeClock, customer_body


async def create_many(api: httpx.AsyncClient, count: int, clock: FakeClock | None = None) -> None:
    for index in range(count):
        if clock is not None:
            clock.advance(seconds=1)
        response = await api.post("/v2/customers", json=customer_body(CustomerNumber=f"T{index:03d}"))
        assert response.status_code == 201


async def test_pages_cover_every_customer_once_in_a_stable_order(api: httpx.AsyncClient) -> None:
    await create_many(api, 13)  # 7 demo + 13 = 20

    seen: list[str] = []
    pages = []
    for page in (1, 2, 3):
        response = await api.get("/v2/customers", params={"$page": page, "$pagesize": 8})
        assert response.status_code == 200
        pages.append(response.json())
        seen += [customer["CustomerNumber"] for customer in response.json()["Data"]]

    assert [len(page["Data"]) for page in pages] == [8, 8, 4]
    assert pages[2]["Meta"] == {
        "CurrentPage": 3,
        "PageSize": 8,
        "TotalNumberOfPages": 3,
        "TotalNumberOfResults": 20,
        "ServerTimeUtc": "2025-03-01T12:00:00Z",
    }
    assert len(set(seen)) == 20
    assert seen[:7] == ["1005", "1003", "9001", "9002", "9003", "9004", "9005"]


async def test_default_page_size_is_50_and_beyond_the_end_is_empty(api: httpx.AsyncClient) -> None:
    first = (await api.get("/v2/customers")).json()
    beyond = (await api.get("/v2/customers", params={"$page": 9})).json()

    assert first["Meta"]["PageSize"] == 50
    assert first["Meta"]["TotalNumberOfPages"] == 1
    assert beyond["Data"] == []
    assert beyond["Meta"]["CurrentPage"] == 9


@pytest.mark.parametrize(("name", "value"), [("$pagesize", "0"), ("$pagesize", "1001"), ("$page", "0"), ("$page", "x")])
async def test_paging_out_of_range_is_6000(api: httpx.AsyncClient, name: str, value: str) -> None:
    response = await api.get("/v2/customers", params={name: value})

    assert response.status_code == 400
    assert response.json()["ErrorCode"] == 6000


async def test_page_size_1000_is_allowed(api: httpx.AsyncClient) -> None:
    response = await api.get("/v2/customers", params={"$pagesize": "1000"})

    assert response.status_code == 200


async def test_filter_on_customer_number(api: httpx.AsyncClient) -> None:
    page = (await api.get("/v2/customers", params={"$filter": "CustomerNumber eq '1005'"})).json()

    assert [customer["Name"] for customer in page["Data"]] == ["Lindgren & Partners AB"]


async def test_filter_on_a_name_with_an_apostrophe(api: httpx.AsyncClient) -> None:
    await api.post("/v2/customers", json=customer_body(Name="O'Brien AB"))
    await api.post("/v2/customers", json=customer_body(Name="OBrien AB"))

    page = (await api.get("/v2/customers", params={"$filter": "Name eq 'O''Brien AB'"})).json()

    assert [customer["Name"] for customer in page["Data"]] == ["O'Brien AB"]


async def test_filter_changed_utc_compares_instants_not_text(api: httpx.AsyncClient, clock: FakeClock) -> None:
    clock.advance(minutes=30)
    await api.post("/v2/customers", json=customer_body(CustomerNumber="NEW1"))
    clock.advance(microseconds=250000)
    await api.post("/v2/customers", json=customer_body(CustomerNumber="NEW2"))

    # 13:00+01:00 is 12:00Z, before both; compared as text "13:00" would come after "12:30".
    everything_new = "ChangedUtc gt 2025-03-01T13:00:00+01:00"
    after_first = "ChangedUtc gt datetime'2025-03-01T12:30:00Z'"
    quoted = "ChangedUtc ge '2025-03-01T12:30:00.25Z'"
    results = {}
    for text in (everything_new, after_first, quoted):
        response = await api.get("/v2/customers", params={"$filter": text})
        assert response.status_code == 200, response.text
        results[text] = [customer["CustomerNumber"] for customer in response.json()["Data"]]

    assert results[everything_new] == ["NEW1", "NEW2"]
    assert results[after_first] == ["NEW2"]
    assert results[quoted] == ["NEW2"]


async def test_filter_with_booleans_logic_and_functions(api: httpx.AsyncClient) -> None:
    text = "(IsActive eq false or startswith(Name, 'Fjäll')) and not contains(Name, 'Konsult')"
    page = (await api.get("/v2/customers", params={"$filter": text})).json()

    assert sorted(customer["CustomerNumber"] for customer in page["Data"]) == ["9001", "9005"]


async def test_filter_combines_with_paging(api: httpx.AsyncClient) -> None:
    response = await api.get("/v2/customers", params={"$filter": "CurrencyCode eq 'SEK'", "$pagesize": 4, "$page": 2})

    meta = response.json()["Meta"]
    assert (meta["TotalNumberOfResults"], meta["TotalNumberOfPages"]) == (6, 2)
    assert len(response.json()["Data"]) == 2


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Name eq", "end of the $filter"),
        ("Name eq 'unterminated", "Syntax error"),
        ("Nonsense eq 'x'", "Could not find a property named 'Nonsense'"),
        ("Name eq 'a' and", "end of the $filter"),
        ("(Name eq 'a'", "Expected ')'"),
        ("Name eq 5", "incompatible types"),
        ("TermsOfPayment/NumberOfDays eq 30", "Syntax error"),
    ],
)
async def test_bad_filters_are_6000(api: httpx.AsyncClient, text: str, fragment: str) -> None:
    response = await api.get("/v2/customers", params={"$filter": text})

    assert response.status_code == 400
    body = response.json()
    assert body["ErrorCode"] == 6000
    assert fragment in body["DeveloperErrorMessage"]


async def test_bad_date_value_is_6001(api: httpx.AsyncClient) -> None:
    response = await api.get("/v2/customers", params={"$filter": "ChangedUtc gt 'yesterday'"})

    assert response.status_code == 400
    assert response.json()["ErrorCode"] == 6001


async def test_orderby(api: httpx.AsyncClient) -> None:
    ascending = (await api.get("/v2/customers", params={"$orderby": "Name"})).json()["Data"]
    descending = (await api.get("/v2/customers", params={"$orderby": "CustomerNumber desc"})).json()["Data"]
    bad = await api.get("/v2/customers", params={"$orderby": "Name sideways"})

    assert [c["Name"] for c in ascending][:2] == ["Atlantic Trading Ltd", "Fjällgården Hotell AB"]
    assert [c["CustomerNumber"] for c in descending][:2] == ["9005", "9004"]
    assert bad.status_code == 400
    assert bad.json()["ErrorCode"] == 6000


async def test_reference_lists_filter_too(api: httpx.AsyncClient) -> None:
    terms = (await api.get("/v2/termsofpayments", params={"$filter": "NumberOfDays eq 30"})).json()["Data"]
    eu = (await api.get("/v2/countries", params={"$filter": "IsEuMember eq false", "$pagesize": 3})).json()

    assert [t["Name"] for t in terms] == ["30 dagar netto"]
    assert [c["Code"] for c in eu["Data"]] == ["NO", "GB", "US"]

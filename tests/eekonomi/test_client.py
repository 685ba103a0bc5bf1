from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest

from brygga.eekonomi import Customer, EEkonomiClient
from brygga.errors import RateLimitedError, RejectedError

from .fakes import TERMS_ID, FakeEEkonomi, customer_row, error_response

BASE_URL = "https://eaccountingapi.example.test/v2"


class StaticToken(httpx.Auth):
    def auth_flow(self, request: httpx.Request):  # type: ignore[no-untyped-def]
        request.headers["Authorization"] = "Bearer access-1"
        yield request


class RecordingSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def api() -> FakeEEkonomi:
    rows = [customer_row(str(1000 + n), f"Kund {n}", changed=f"2025-01-{n + 1:02d}T08:00:00Z") for n in range(5)]
    rows.append(customer_row("O'1", "O'Brien Bygg", changed="2025-02-01T08:00:00Z"))
    return FakeEEkonomi(rows)


@pytest.fixture
async def client(api: FakeEEkonomi) -> AsyncIterator[EEkonomiClient]:
    async with EEkonomiClient(BASE_URL, StaticToken(), transport=api.transport()) as eek:
        yield eek
    assert api.spec_problems == []


def new_customer(**changes: object) -> Customer:
    fields: dict[str, object] = {
        "customer_number": "2001",
        "name": "Ny Kund AB",
        "is_private_person": False,
        "is_active": True,
        "invoice_city": "Malmö",
        "invoice_postal_code": "211 20",
        "terms_of_payment_id": TERMS_ID,
        "discount_percentage": Decimal("0.0500"),
    }
    return Customer(**{**fields, **changes})  # type: ignore[arg-type]


async def test_list_reads_one_page_with_meta(client: EEkonomiClient, api: FakeEEkonomi) -> None:
    page = await client.customers.list(page=2, page_size=2)
    assert [c.customer_number for c in page.data] == ["1002", "1003"]
    assert page.meta.total_number_of_pages == 3
    assert page.meta.server_time_utc == datetime(2025, 3, 1, 12, tzinfo=UTC)
    assert api.requests[0].url.params["$page"] == "2"


async def test_iter_walks_all_three_pages(client: EEkonomiClient, api: FakeEEkonomi) -> None:
    numbers = [c.customer_number async for c in client.customers.iter(page_size=2)]
    assert numbers == ["1000", "1001", "1002", "1003", "1004", "O'1"]
    assert [r.url.params["$page"] for r in api.requests] == ["1", "2", "3"]
    assert client.calls_by_endpoint == {"GET /customers": 3}


async def test_find_by_number_quotes_the_number(client: EEkonomiClient, api: FakeEEkonomi) -> None:
    found = await client.customers.find_by_number("O'1")
    assert found is not None and found.name == "O'Brien Bygg"
    assert api.requests[0].url.params["$filter"] == "CustomerNumber eq 'O''1'"
    assert await client.customers.find_by_number("9999") is None


async def test_changed_since_filters_on_changed_utc(client: EEkonomiClient, api: FakeEEkonomi) -> None:
    since = datetime(2025, 1, 4, 12, tzinfo=UTC)
    numbers = [c.customer_number async for c in client.customers.changed_since(since)]
    assert numbers == ["1004", "O'1"]
    assert api.requests[0].url.params["$filter"] == "ChangedUtc gt 2025-01-04T12:00:00Z"
    everything = [c async for c in client.customers.changed_since(None)]
    assert len(everything) == 6
    assert "$filter" not in api.requests[-1].url.params


async def test_create_posts_the_body_without_read_only_fields(client: EEkonomiClient, api: FakeEEkonomi) -> None:
    created = await client.customers.create(new_customer())
    assert created.id is not None and created.customer_number == "2001"
    assert created.discount_percentage == Decimal("0.0500")
    sent = api.requests[0]
    assert sent.method == "POST" and sent.url.path == "/v2/customers"
    assert b'"DiscountPercentage": 0.0500' in sent.content
    assert b'"Id"' not in sent.content


async def test_get_then_update_replaces_the_whole_customer(client: EEkonomiClient, api: FakeEEkonomi) -> None:
    existing = next(iter(api.customers.values()))
    customer = await client.customers.get(existing["Id"])
    updated = await client.customers.update(existing["Id"], customer.model_copy(update={"name": "Nytt Namn"}))
    assert updated.name == "Nytt Namn"
    assert api.customers[existing["Id"]]["InvoiceCity"] == "Stockholm"  # sent back, not dropped
    assert client.calls_by_endpoint == {"GET /customers/{customerId}": 1, "PUT /customers/{customerId}": 1}


async def test_validation_error_keeps_the_original_message(client: EEkonomiClient, api: FakeEEkonomi) -> None:
    with pytest.raises(RejectedError) as caught:
        await client.customers.create(new_customer(name="N" * 51))
    assert caught.value.message.startswith("ErrorCode: 2000, DeveloperErrorMessage: ValidateModelAttribute")
    assert caught.value.outcome_unknown is False
    # The over-long name is the point of this test; the spec check rightly flagged it.
    assert api.spec_problems == ["request body $.Name: '" + "N" * 51 + "' is too long"]
    api.spec_problems.clear()


async def test_missing_customer_is_rejected(client: EEkonomiClient) -> None:
    with pytest.raises(RejectedError) as caught:
        await client.customers.get("00000000-0000-0000-0000-000000000000")
    assert (caught.value.status, caught.value.error_code) == (404, 3000)


async def test_reference_data_and_company_settings(client: EEkonomiClient) -> None:
    terms = [t async for t in client.terms_of_payment.iter()]
    currencies = [c.code async for c in client.currencies.iter()]
    countries = [c async for c in client.countries.iter()]
    settings = await client.company_settings.get()
    assert terms[0].number_of_days == 30 and terms[0].id == TERMS_ID
    assert currencies == ["SEK", "EUR"]
    assert countries[0].is_eu_member is True
    assert (settings.name, settings.currency_code, settings.next_customer_number) == ("Demo AB", "SEK", 1042)
    assert client.api_calls == 4


async def test_rate_limit_body_decides_the_wait() -> None:
    answers = iter(
        [
            error_response(
                429, 4010, "API calls quota exceeded! maximum admitted 600 per Minute. Try again in 55 seconds."
            )
        ]
    )
    api = FakeEEkonomi()

    def handler(request: httpx.Request) -> httpx.Response:
        return next(answers, None) or api(request)

    sleep = RecordingSleep()
    async with EEkonomiClient(BASE_URL, StaticToken(), transport=httpx.MockTransport(handler), sleep=sleep) as eek:
        settings = await eek.company_settings.get()
    assert settings.name == "Demo AB"
    assert len(sleep.waits) == 1 and 55.0 <= sleep.waits[0] <= 56.0


async def test_endless_rate_limit_finally_raises() -> None:
    sleep = RecordingSleep()
    transport = httpx.MockTransport(lambda request: httpx.Response(429))
    async with EEkonomiClient(BASE_URL, StaticToken(), transport=transport, sleep=sleep) as eek:
        with pytest.raises(RateLimitedError) as caught:
            await eek.customers.list()
    assert caught.value.retry_after == 60.0
    assert eek.api_calls == 21

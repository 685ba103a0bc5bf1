"""Articles: create, read and replace; what the server derives from the coding and the unit; timestamps."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import httpx

from brygga_emulators.eekonomi import Emulator
from brygga_emulators.eekonomi.reference_data import coding_id, unit_id

from .support import ACCOUNTING_SCOPE, FakeClock, article_body, bearer, decode, obtain_tokens, send_json


async def create(api: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    response = await send_json(api, "POST", "/v2/articles", article_body(**overrides))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = decode(response)
    return created


async def test_create_answers_201_with_the_stored_article(api: httpx.AsyncClient) -> None:
    created = await create(api, Number="T-7", Name="Konsulttimme")
    fetched = await api.get(f"/v2/articles/{created['Id']}")

    assert fetched.status_code == 200
    assert decode(fetched) == created
    assert (created["Number"], created["Name"], created["IsActive"]) == ("T-7", "Konsulttimme", True)
    uuid.UUID(created["Id"])


async def test_coding_and_unit_fill_the_read_only_fields(api: httpx.AsyncClient) -> None:
    service = await create(api, Number="T-1", CodingId=coding_id("Tjänster 25% moms"), UnitId=unit_id("h"))
    goods = await create(api, Number="T-2", CodingId=coding_id("Varor 12% moms"), UnitId=unit_id("kg"))

    assert (service["CodingName"], service["IsServiceArticle"]) == ("Tjänster 25% moms", True)
    assert (service["UnitName"], service["UnitAbbreviation"]) == ("Timmar", "tim")
    assert (goods["CodingName"], goods["IsServiceArticle"]) == ("Varor 12% moms", False)
    assert (goods["UnitName"], goods["UnitAbbreviation"]) == ("Kilogram", "kg")


async def test_read_only_fields_in_the_request_are_ignored(api: httpx.AsyncClient) -> None:
    created = await create(
        api, CodingName="Påhittad", IsServiceArticle=False, UnitName="Ton", CreatedUtc="2000-01-01T00:00:00Z"
    )

    assert created["CodingName"] == "Tjänster 25% moms"
    assert created["IsServiceArticle"] is True
    assert created["UnitName"] == "Timmar"
    assert created["CreatedUtc"] == "2025-03-01T12:00:00Z"


async def test_created_and_changed_follow_the_clock(api: httpx.AsyncClient, clock: FakeClock) -> None:
    created = await create(api)
    clock.advance(minutes=5)
    replaced = await send_json(api, "PUT", f"/v2/articles/{created['Id']}", article_body(Name="Nytt namn"))

    assert replaced.status_code == 200, replaced.text
    assert (created["CreatedUtc"], created["ChangedUtc"]) == ("2025-03-01T12:00:00Z", "2025-03-01T12:00:00Z")
    assert decode(replaced)["CreatedUtc"] == "2025-03-01T12:00:00Z"
    assert decode(replaced)["ChangedUtc"] == "2025-03-01T12:05:00Z"


async def test_put_is_a_full_replace(api: httpx.AsyncClient) -> None:
    created = await create(api, NameEnglish="Test article", Note="Anteckning", SendToWebshop=False)
    replaced = await send_json(api, "PUT", f"/v2/articles/{created['Id']}", article_body(Name="Bara namn"))

    body = decode(replaced)
    assert body["Name"] == "Bara namn"
    assert (body["NameEnglish"], body["Note"]) == (None, None)
    assert body["SendToWebshop"] is True  # the spec's default, not the old value
    assert body["Id"] == created["Id"]


async def test_put_may_keep_its_own_number(api: httpx.AsyncClient) -> None:
    created = await create(api, Number="T-9")
    replaced = await send_json(api, "PUT", f"/v2/articles/{created['Id']}", article_body(Number="T-9", IsActive=False))

    assert replaced.status_code == 200, replaced.text
    assert decode(replaced)["IsActive"] is False


async def test_put_moves_the_article_to_another_coding(api: httpx.AsyncClient) -> None:
    created = await create(api, NetPrice=Decimal("100.00"))
    body = article_body(CodingId=coding_id("Varor 6% moms"), NetPrice=Decimal("100.00"))
    replaced = decode(await send_json(api, "PUT", f"/v2/articles/{created['Id']}", body))

    assert (replaced["CodingName"], replaced["IsServiceArticle"]) == ("Varor 6% moms", False)
    assert replaced["GrossPrice"] == Decimal("106.00")


async def test_prices_are_answered_with_two_decimals(api: httpx.AsyncClient) -> None:
    created = await api.post("/v2/articles", json=article_body(NetPrice=100))

    assert '"NetPrice": 100.00' in created.text
    assert '"GrossPrice": 125.00' in created.text


async def test_labels_get_ids_and_the_price_variants_equal_the_prices(api: httpx.AsyncClient) -> None:
    created = await create(api, ArticleLabels=[{"Name": "Kampanj"}], PurchasePrice=Decimal("40.555"))

    assert created["ArticleLabels"][0]["Name"] == "Kampanj"
    uuid.UUID(created["ArticleLabels"][0]["Id"])
    assert created["NetPriceWithDiscount"] == created["NetPrice"]
    assert created["PurchasePrice"] == Decimal("40.56")  # spec: "rounded to 2 decimals"
    assert created["PurchasePriceWithCurrency"] == Decimal("40.56")
    assert created["PurchasePriceManuallyChangedUtc"] == "2025-03-01T12:00:00Z"


async def test_unknown_or_malformed_ids_are_404(api: httpx.AsyncClient) -> None:
    for path in (f"/v2/articles/{uuid.uuid4()}", "/v2/articles/not-a-guid"):
        response = await api.get(path)
        assert response.status_code == 404
        assert response.json()["ErrorCode"] == 3000
    put = await send_json(api, "PUT", f"/v2/articles/{uuid.uuid4()}", article_body())
    assert put.status_code == 404


async def test_there_is_no_delete(api: httpx.AsyncClient, emulator: Emulator) -> None:
    article_id = emulator.store.articles.all()[0]["Id"]
    response = await api.delete(f"/v2/articles/{article_id}")

    assert response.status_code == 405
    assert emulator.store.articles.get(article_id) is not None


async def test_writes_need_the_sales_scope(client: httpx.AsyncClient) -> None:
    tokens = await obtain_tokens(client, scope=ACCOUNTING_SCOPE)
    response = await send_json(client, "POST", "/v2/articles", article_body())
    refused = await client.post("/v2/articles", json={"Name": "x"}, headers=bearer(tokens))

    assert response.status_code == 401
    assert refused.status_code == 403
    assert refused.json()["ErrorCode"] == 4006

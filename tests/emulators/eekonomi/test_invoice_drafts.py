"""Customer invoice drafts: create, read, replace, delete, and the row rules (§9.3 of the API notes)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import httpx

from brygga_emulators.eekonomi import Emulator
from brygga_emulators.eekonomi.demo_articles import article_id, cost_center_item_id
from brygga_emulators.eekonomi.demo_data import terms_of_payment_id

from .support import article_row, cost_center_item_body, decode, demo_customer_id, draft_body, send_json, text_row


async def create(api: httpx.AsyncClient, body: dict[str, object]) -> httpx.Response:
    return await send_json(api, "POST", "/v2/customerinvoicedrafts", body)


async def test_create_read_replace_delete(api: httpx.AsyncClient) -> None:
    created = await create(api, draft_body(YourReference="Anna Andersson", OurReference="Per Persson"))
    assert created.status_code == 201, created.text
    draft = decode(created)
    fetched = decode(await api.get(f"/v2/customerinvoicedrafts/{draft['Id']}"))
    replaced = await send_json(
        api,
        "PUT",
        f"/v2/customerinvoicedrafts/{draft['Id']}",
        draft_body(rows=[article_row("A-901", "3", "650.00")], YourReference="Eva Lindgren"),
    )
    deleted = await api.delete(f"/v2/customerinvoicedrafts/{draft['Id']}")
    gone = await api.get(f"/v2/customerinvoicedrafts/{draft['Id']}")

    assert fetched == draft
    assert (draft["YourReference"], draft["OurReference"]) == ("Anna Andersson", "Per Persson")
    assert replaced.status_code == 200, replaced.text
    assert decode(replaced)["Id"] == draft["Id"]
    assert decode(replaced)["CreatedUtc"] == draft["CreatedUtc"]
    assert [row["ArticleNumber"] for row in decode(replaced)["Rows"]] == ["A-901"]
    assert decode(replaced)["YourReference"] == "Eva Lindgren"
    assert deleted.status_code == 200
    assert gone.status_code == 404
    assert gone.json()["ErrorCode"] == 3000


async def test_customer_fields_are_copied_and_null_addresses_come_from_the_customer(api: httpx.AsyncClient) -> None:
    draft = decode(await create(api, draft_body(InvoiceAddress1=None, InvoiceAddress2="Våning 3")))

    assert draft["CustomerName"] == draft["InvoiceCustomerName"] == "Lindgren & Partners AB"
    assert draft["CustomerNumber"] == "1005"
    assert draft["InvoiceAddress1"] == "Sveavägen 44"
    assert draft["InvoiceAddress2"] == "Våning 3"
    assert (draft["InvoicePostalCode"], draft["InvoiceCity"], draft["InvoiceCountryCode"]) == (
        "111 34",
        "Stockholm",
        "SE",
    )
    assert draft["InvoiceCurrencyCode"] == "SEK"
    assert draft["TermsOfPaymentId"] == terms_of_payment_id(30)


async def test_read_only_customer_fields_in_the_request_are_ignored(api: httpx.AsyncClient) -> None:
    draft = decode(await create(api, draft_body(InvoiceCity="Ingenstans", CustomerName="Fel AB")))

    assert (draft["InvoiceCity"], draft["CustomerName"]) == ("Stockholm", "Lindgren & Partners AB")


async def test_terms_of_payment_override_the_customers_and_set_the_due_date(api: httpx.AsyncClient) -> None:
    body = draft_body(TermsOfPaymentId=terms_of_payment_id(10), InvoiceDate="2025-02-20")

    draft = decode(await create(api, body))

    assert draft["TermsOfPaymentId"] == terms_of_payment_id(10)
    assert (draft["InvoiceDate"], draft["DueDate"]) == ("2025-02-20T00:00:00Z", "2025-03-02T00:00:00Z")


async def test_article_rows_take_unit_vat_and_text_from_the_article(api: httpx.AsyncClient) -> None:
    rows = [article_row("A-902", "3", "45.00"), article_row("P-100", "1", "1200.00", Text="Licens mars")]

    draft = decode(await create(api, draft_body(rows=rows)))
    coffee, licence = draft["Rows"]

    assert (coffee["Text"], coffee["ArticleNumber"], coffee["UnitAbbreviation"]) == ("Kaffe och fika", "A-902", "st")
    assert (coffee["VatRate"], coffee["VatRateId"], coffee["IsServiceArticle"]) == (Decimal("0.12"), "MP2", False)
    assert coffee["Amount"] == Decimal("135.00")
    assert licence["Text"] == "Licens mars"
    assert [row["LineNumber"] for row in draft["Rows"]] == [0, 1]


async def test_read_only_row_fields_are_derived_not_taken(api: httpx.AsyncClient) -> None:
    row = article_row("P-100", "2", "1200.00", VatRate=0, Amount=1, UnitId=str(uuid.uuid4()))

    stored = decode(await create(api, draft_body(rows=[row])))["Rows"][0]

    assert (stored["VatRate"], stored["Amount"]) == (Decimal("0.25"), Decimal("2400.00"))
    assert stored["UnitId"] != row["UnitId"]


async def test_text_rows_carry_text_only(api: httpx.AsyncClient) -> None:
    rows = [text_row("Avser oktober 2026"), article_row("P-100", "1", "1200.00"), text_row("Tack!")]

    draft = decode(await create(api, draft_body(rows=rows)))

    texts = [(row["IsTextRow"], row["Text"], row["ArticleId"], row["VatRate"], row["Amount"]) for row in draft["Rows"]]
    assert texts == [
        (True, "Avser oktober 2026", None, None, 0),
        (False, "Licens Projektverktyg", article_id("P-100"), Decimal("0.25"), Decimal("1200.00")),
        (True, "Tack!", None, None, 0),
    ]
    assert draft["TotalAmount"] == Decimal("1500.00")


async def test_an_empty_text_row_is_refused(api: httpx.AsyncClient) -> None:
    answer = await create(api, draft_body(rows=[text_row(" "), article_row("P-100", "1", "1")]))

    assert answer.status_code == 400
    assert answer.json()["ErrorCode"] == 2000
    assert answer.json()["Errors"][0]["Field"] == "Rows[0].Text"


async def test_a_draft_needs_a_row_with_an_article(api: httpx.AsyncClient) -> None:
    only_text = await create(api, draft_body(rows=[text_row("Bara text")]))
    missing_article = await create(api, draft_body(rows=[{**article_row("P-100", "1", "1"), "ArticleId": None}]))

    assert only_text.status_code == 400
    assert "at least one row must include an article ID" in only_text.json()["DeveloperErrorMessage"]
    assert missing_article.status_code == 400
    assert missing_article.json()["Errors"][0]["Field"] == "Rows[0].ArticleId"


async def test_an_inactive_article_is_the_originals_409_conflict(api: httpx.AsyncClient, emulator: Emulator) -> None:
    answer = await create(api, draft_body(rows=[article_row("A-903", "1", "10.00")]))

    assert answer.status_code == 409
    body = answer.json()
    assert body["ErrorCode"] == 4000
    assert "A-903" in body["DeveloperErrorMessage"]
    assert "inactive" in body["DeveloperErrorMessage"]
    assert uuid.UUID(body["ErrorId"])
    assert len(emulator.store.customer_invoice_drafts) == 0


async def test_unknown_article_and_customer_are_3000(api: httpx.AsyncClient) -> None:
    unknown_article = await create(
        api, draft_body(rows=[{**article_row("P-100", "1", "1"), "ArticleId": str(uuid.uuid4())}])
    )
    unknown_customer = await create(api, draft_body(CustomerId=str(uuid.uuid4())))

    assert (unknown_article.status_code, unknown_article.json()["ErrorCode"]) == (400, 3000)
    assert "Article with id" in unknown_article.json()["DeveloperErrorMessage"]
    assert (unknown_customer.status_code, unknown_customer.json()["ErrorCode"]) == (400, 3000)


async def test_cost_center_items_must_exist_and_be_active(api: httpx.AsyncClient) -> None:
    item = decode(await api.post("/v2/costcenteritems", json=cost_center_item_body(ShortName="2099", IsActive=False)))
    active = article_row("P-100", "1", "1", CostCenterItemId2=cost_center_item_id(2, "2003"))
    inactive = article_row("P-100", "1", "1", CostCenterItemId2=item["Id"])
    unknown = article_row("P-100", "1", "1", CostCenterItemId2=str(uuid.uuid4()))

    accepted = await create(api, draft_body(rows=[active]))
    refused = await create(api, draft_body(rows=[inactive]))
    missing = await create(api, draft_body(rows=[unknown]))

    assert accepted.status_code == 201, accepted.text
    assert decode(accepted)["Rows"][0]["CostCenterItemId2"] == cost_center_item_id(2, "2003")
    assert (refused.status_code, refused.json()["ErrorCode"]) == (400, 5006)
    assert (missing.status_code, missing.json()["ErrorCode"]) == (400, 3000)


async def test_unit_price_has_two_decimals_at_home_and_four_abroad(api: httpx.AsyncClient) -> None:
    domestic = await create(api, draft_body(rows=[article_row("P-100", "1", "10.125")]))
    foreign = await create(api, draft_body("9004", rows=[article_row("P-100", "1", "10.125")]))

    assert domestic.status_code == 400
    assert domestic.json()["Errors"][0]["Field"] == "Rows[0].UnitPrice"
    assert foreign.status_code == 201, foreign.text
    assert decode(foreign)["Rows"][0]["Amount"] == Decimal("10.13")
    assert decode(foreign)["InvoiceCurrencyCode"] == "USD"


async def test_quantity_and_discount_limits(api: httpx.AsyncClient) -> None:
    long_quantity = await create(api, draft_body(rows=[article_row("P-100", "1.125", "10")]))
    big_discount = await create(
        api, draft_body(rows=[article_row("P-100", "1", "10", DiscountPercentage=Decimal("1.5"))])
    )
    discounted = await create(
        api, draft_body(rows=[article_row("P-100", "3", "99.99", DiscountPercentage=Decimal("0.1"))])
    )

    assert long_quantity.status_code == 400
    assert long_quantity.json()["Errors"][0]["Field"] == "Rows[0].Quantity"
    assert big_discount.status_code == 400
    assert "between 0 and 1" in big_discount.json()["DeveloperErrorMessage"]
    assert decode(discounted)["Rows"][0]["Amount"] == Decimal("269.97")  # 269.973 rounded to öre


async def test_missing_header_fields_are_required(api: httpx.AsyncClient) -> None:
    body = draft_body()
    del body["CustomerId"], body["EuThirdParty"]

    answer = await create(api, body)

    assert answer.status_code == 400
    assert {error["Field"] for error in answer.json()["Errors"]} == {"CustomerId", "EuThirdParty"}


async def test_list_drafts_with_paging_and_filter(api: httpx.AsyncClient) -> None:
    for reference in ("A", "B", "C"):
        await create(api, draft_body(YourReference=reference))
    await create(api, draft_body("1003"))

    page = decode(await api.get("/v2/customerinvoicedrafts", params={"$pagesize": 2, "$page": 2}))
    filtered = decode(
        await api.get("/v2/customerinvoicedrafts", params={"$filter": f"CustomerId eq {demo_customer_id('1003')}"})
    )

    assert page["Meta"]["TotalNumberOfResults"] == 4
    assert [draft["YourReference"] for draft in page["Data"]] == ["C", None]
    assert [draft["CustomerNumber"] for draft in filtered["Data"]] == ["1003"]

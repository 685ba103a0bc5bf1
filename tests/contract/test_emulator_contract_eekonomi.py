"""The eEkonomi emulator answers what the official eAccounting v2 spec allows, on every endpoint it serves.

Each driver sends a realistic mix of requests through a RecordingTransport; the test then checks every
recorded exchange against the spec. Drivers that send invalid bodies on purpose check responses only.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from brygga_emulators.eekonomi import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Emulator, build_emulator
from tests.contract.emulator_harness import Recorded, emulator_routes, exercised_routes, recorded_client

BASE_URL = "http://eekonomi.test"
REDIRECT_URI = "http://127.0.0.1:8765/callback"
FIXED_NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

Driver = Callable[[httpx.AsyncClient, Emulator], Awaitable[None]]


@pytest.fixture
def emulator() -> Emulator:
    return build_emulator("demo", clock=lambda: FIXED_NOW)


@pytest.fixture
async def recorded(emulator: Emulator) -> AsyncIterator[Recorded]:
    async with recorded_client(emulator.app, "eekonomi", BASE_URL) as recording:
        recording.client.headers["Authorization"] = f"Bearer {await access_token(recording.client)}"
        yield recording


SALES_SCOPE = "ea:api offline_access ea:sales"
ACCOUNTING_SCOPE = "ea:api offline_access ea:accounting"
PURCHASE_SCOPE = "ea:api offline_access ea:purchase"


async def access_token(client: httpx.AsyncClient, scope: str = SALES_SCOPE) -> str:
    """The authorization-code dance against ``/connect`` (not part of the spec, so never validated)."""
    authorize = await client.get(
        "/connect/authorize",
        params={
            "client_id": DEMO_CLIENT_ID,
            "redirect_uri": REDIRECT_URI,
            "scope": scope,
            "response_type": "code",
            "state": "s",
        },
    )
    code = parse_qs(urlsplit(authorize.headers["location"]).query)["code"][0]
    basic = base64.b64encode(f"{DEMO_CLIENT_ID}:{DEMO_CLIENT_SECRET}".encode()).decode()
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
    token = await client.post("/connect/token", data=form, headers={"Authorization": f"Basic {basic}"})
    assert token.status_code == 200, token.text
    access: str = token.json()["access_token"]
    return access


async def first_id(api: httpx.AsyncClient, path: str) -> str:
    page = await api.get(path, params={"$pagesize": 1})
    assert page.status_code == 200, page.text
    found: str = page.json()["Data"][0]["Id"]
    return found


async def customer_body(api: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "Name": "Kontraktsbolaget AB",
        "InvoiceAddress1": "Spec gatan 1",
        "InvoicePostalCode": "123 45",
        "InvoiceCity": "Uppsala",
        "InvoiceCountryCode": "SE",
        "TermsOfPaymentId": await first_id(api, "/v2/termsofpayments"),
        "IsActive": True,
        "IsPrivatePerson": False,
    }
    body.update(changes)
    return body


# drivers -------------------------------------------------------------------------------------------------
async def drive_reference_reads(api: httpx.AsyncClient, emulator: Emulator) -> None:
    terms = await api.get("/v2/termsofpayments", params={"$page": 1, "$pagesize": 5})
    await api.get(f"/v2/termsofpayments/{terms.json()['Data'][0]['Id']}")
    await api.get("/v2/currencies")
    await api.get("/v2/countries", params={"$orderby": "Name", "$pagesize": 10})
    await api.get("/v2/countries/SE")
    await api.get("/v2/companysettings")


async def drive_customer_lists(api: httpx.AsyncClient, emulator: Emulator) -> None:
    for page in (1, 2, 99):
        await api.get("/v2/customers", params={"$page": page, "$pagesize": 3})
    await api.get("/v2/customers", params={"$filter": "IsActive eq true", "$orderby": "Name desc"})
    await api.get("/v2/customers", params={"$filter": "ChangedUtc gt 2020-01-01T00:00:00Z"})
    await api.get("/v2/customers", params={"$filter": "Name eq"})  # 400 QueryParameterError
    await api.get("/v2/customers", params={"$pagesize": 1001})  # 400 out of range


async def drive_customer_writes(api: httpx.AsyncClient, emulator: Emulator) -> None:
    created = await api.post("/v2/customers", json=await customer_body(api, CustomerNumber="7001"))
    assert created.status_code == 201, created.text
    customer_id = created.json()["Id"]
    await api.get(f"/v2/customers/{customer_id}")
    replaced = await api.put(
        f"/v2/customers/{customer_id}",
        json=await customer_body(api, CustomerNumber="7001", Name="Omdöpt AB", EmailAddress="a@b.se"),
    )
    assert replaced.status_code == 200, replaced.text
    deleted = await api.delete(f"/v2/customers/{customer_id}")
    assert deleted.status_code == 200, deleted.text


async def drive_rejected_customer_writes(api: httpx.AsyncClient, emulator: Emulator) -> None:
    await api.post("/v2/customers", json=await customer_body(api, Name="x" * 51))
    body = await customer_body(api)
    del body["InvoiceCity"]
    await api.post("/v2/customers", json=body)
    await api.post("/v2/customers", json=await customer_body(api, IsActive="yes"))
    await api.post("/v2/customers", content=b"{not json", headers={"Content-Type": "application/json"})
    existing = await first_id(api, "/v2/customers")
    await api.put(f"/v2/customers/{existing}", json=await customer_body(api, TermsOfPaymentId=str(uuid.uuid4())))


async def drive_rate_limit_and_server_errors(api: httpx.AsyncClient, emulator: Emulator) -> None:
    emulator.faults.rate_limit_next(1)
    limited = await api.get("/v2/customers")
    assert limited.status_code == 429
    emulator.faults.fail_next("GET", "/v2/customers", status=503)
    failed = await api.get("/v2/customers")
    assert failed.status_code == 503


async def drive_not_found(api: httpx.AsyncClient, emulator: Emulator) -> None:
    missing = str(uuid.uuid4())
    await api.get(f"/v2/customers/{missing}")
    await api.put(f"/v2/customers/{missing}", json=await customer_body(api))
    await api.delete(f"/v2/customers/{missing}")
    await api.get(f"/v2/termsofpayments/{missing}")
    await api.get("/v2/countries/XX")


async def drive_unauthorized(api: httpx.AsyncClient, emulator: Emulator) -> None:
    await api.get("/v2/customers", headers={"Authorization": "Bearer expired-or-unknown"})


async def article_body(api: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    codings = (await api.get("/v2/articleaccountcodings")).json()["Data"]
    units = (await api.get("/v2/units")).json()["Data"]
    body: dict[str, Any] = {
        "Number": "K-1",
        "Name": "Kontraktsartikel",
        "CodingId": next(c["Id"] for c in codings if c["Name"] == "Tjänster 25% moms"),
        "UnitId": next(u["Id"] for u in units if u["Code"] == "h"),
        "NetPrice": 100,
        "IsActive": True,
    }
    body.update(changes)
    return body


async def drive_article_reference_reads(api: httpx.AsyncClient, emulator: Emulator) -> None:
    codings = await api.get("/v2/articleaccountcodings", params={"vatRateDate": "2025-03-01"})
    await api.get(f"/v2/articleaccountcodings/{codings.json()['Data'][0]['Id']}", params={"vatRateDate": "2025-03-01"})
    await api.get("/v2/articleaccountcodings", params={"vatRateDate": "not a date"})  # 400 InvalidInput
    units = await api.get("/v2/units", params={"$filter": "Code eq 'st'"})
    await api.get(f"/v2/units/{units.json()['Data'][0]['Id']}")
    await api.get("/v2/vatcodes")  # 403: a sales token lacks ea:accounting
    accounting = {"Authorization": f"Bearer {await access_token(api, ACCOUNTING_SCOPE)}"}
    vat_codes = await api.get("/v2/vatcodes", headers=accounting)
    await api.get(f"/v2/vatcodes/{vat_codes.json()['Data'][0]['Id']}", headers=accounting)


async def drive_article_lists(api: httpx.AsyncClient, emulator: Emulator) -> None:
    for page in (1, 2):
        await api.get("/v2/articles", params={"$page": page, "$pagesize": 4})
    await api.get("/v2/articles", params={"$filter": "Number eq 'P-100'"})
    await api.get("/v2/articles", params={"$filter": "CodingType eq 1", "$orderby": "Number desc"})
    await api.get("/v2/articles", params={"$filter": "ChangedUtc gt 2025-01-20T10:02:00Z"})
    await api.get("/v2/articles", params={"showPricesWithTwoDecimals": "true", "customerId": str(uuid.uuid4())})


async def drive_article_writes(api: httpx.AsyncClient, emulator: Emulator) -> None:
    created = await api.post("/v2/articles", json=await article_body(api, ArticleLabels=[{"Name": "Ny"}]))
    assert created.status_code == 201, created.text
    article_id = created.json()["Id"]
    await api.get(f"/v2/articles/{article_id}", params={"showPricesWithTwoDecimals": "true"})
    replaced = await api.put(
        f"/v2/articles/{article_id}", json=await article_body(api, Name="Omdöpt artikel", GrossPrice=250, NetPrice=200)
    )
    assert replaced.status_code == 200, replaced.text


async def drive_rejected_article_writes(api: httpx.AsyncClient, emulator: Emulator) -> None:
    await api.post("/v2/articles", json=await article_body(api, Name="x" * 51))
    await api.post("/v2/articles", json=await article_body(api, CodingId=None, Name="x" * 51))
    await api.post("/v2/articles", json=await article_body(api, NetPrice=100, GrossPrice=120))
    await api.post("/v2/articles", json=await article_body(api, Number="P-100"))
    await api.post("/v2/articles", json=await article_body(api, UnitId=str(uuid.uuid4())))
    existing = await first_id(api, "/v2/articles")
    await api.put(f"/v2/articles/{existing}", json=await article_body(api, NetPrice=-1))


async def drive_cost_centers(api: httpx.AsyncClient, emulator: Emulator) -> None:
    centers = (await api.get("/v2/costcenters")).json()["Data"]
    projects = next(center for center in centers if center["Number"] == 2)
    renamed = await api.put(f"/v2/costcenters/{projects['Id']}", json={"Name": "PM-projekt", "IsActive": True})
    assert renamed.status_code == 200, renamed.text
    item = {"CostCenterId": projects["Id"], "ShortName": "2001", "Name": "Kontraktsprojekt", "IsActive": True}
    created = await api.post("/v2/costcenteritems", json=item)
    assert created.status_code == 201, created.text
    await api.get(f"/v2/costcenteritems/{created.json()['Id']}")
    replaced = await api.put(f"/v2/costcenteritems/{created.json()['Id']}", json={**item, "IsActive": False})
    assert replaced.status_code == 200, replaced.text


async def drive_rejected_cost_center_writes(api: httpx.AsyncClient, emulator: Emulator) -> None:
    centers = (await api.get("/v2/costcenters")).json()["Data"]
    departments, projects = centers[0], centers[1]
    clash = {"CostCenterId": projects["Id"], "ShortName": "2004", "Name": "Älvsjö Mässhall etapp 2", "IsActive": True}
    await api.post("/v2/costcenteritems", json=clash)
    await api.post("/v2/costcenteritems", json={**clash, "CostCenterId": str(uuid.uuid4()), "ShortName": "X"})
    await api.post("/v2/costcenteritems", json={**clash, "ShortName": "1234567890"})
    item = projects["Items"][0]
    moved = {**item, "CostCenterId": departments["Id"]}
    del moved["Id"], moved["CreatedUtc"]
    await api.put(f"/v2/costcenteritems/{item['Id']}", json=moved)
    await api.put(f"/v2/costcenters/{projects['Id']}", json={"Name": "N" * 21, "IsActive": True})


async def drive_article_and_cost_center_not_found(api: httpx.AsyncClient, emulator: Emulator) -> None:
    missing = str(uuid.uuid4())
    await api.get(f"/v2/articles/{missing}")
    await api.put(f"/v2/articles/{missing}", json=await article_body(api))
    await api.get(f"/v2/articleaccountcodings/{missing}")
    await api.get(f"/v2/units/{missing}")
    await api.get(f"/v2/costcenteritems/{missing}")
    await api.put(f"/v2/costcenters/{missing}", json={"Name": "Ingen", "IsActive": True})
    item = {"CostCenterId": missing, "ShortName": "X", "Name": "Ingen", "IsActive": True}
    await api.put(f"/v2/costcenteritems/{missing}", json=item)
    accounting = {"Authorization": f"Bearer {await access_token(api, ACCOUNTING_SCOPE)}"}
    await api.get(f"/v2/vatcodes/{missing}", headers=accounting)


async def draft_body(api: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    """A draft for the first demo customer: a text row and a row of the first active article."""
    customer = await first_id(api, "/v2/customers")
    articles = (await api.get("/v2/articles", params={"$filter": "IsActive eq true", "$pagesize": 1})).json()["Data"]
    body: dict[str, Any] = {
        "CustomerId": customer,
        "EuThirdParty": False,
        "RotReducedInvoicingType": 0,
        "YourReference": "Kontraktskund",
        "Rows": [
            {"IsTextRow": True, "ReversedConstructionServicesVatFree": False, "Text": "Avser mars"},
            {
                "IsTextRow": False,
                "ReversedConstructionServicesVatFree": False,
                "ArticleId": articles[0]["Id"],
                "Quantity": 3,
                "UnitPrice": 1250,
                "DiscountPercentage": 0.1,
            },
        ],
    }
    body.update(changes)
    return body


async def purchase_token(api: httpx.AsyncClient) -> dict[str, str]:
    return {"Authorization": f"Bearer {await access_token(api, PURCHASE_SCOPE)}"}


async def drive_invoice_drafts(api: httpx.AsyncClient, emulator: Emulator) -> None:
    created = await api.post("/v2/customerinvoicedrafts", json=await draft_body(api))
    assert created.status_code == 201, created.text
    draft_id = created.json()["Id"]
    await api.get(f"/v2/customerinvoicedrafts/{draft_id}")
    replaced = await api.put(f"/v2/customerinvoicedrafts/{draft_id}", json=await draft_body(api, OurReference="Per"))
    assert replaced.status_code == 200, replaced.text
    await api.get("/v2/customerinvoicedrafts", params={"$pagesize": 1, "$filter": "YourReference eq 'Kontraktskund'"})
    spare = await api.post("/v2/customerinvoicedrafts", json=await draft_body(api))
    deleted = await api.delete(f"/v2/customerinvoicedrafts/{spare.json()['Id']}")
    assert deleted.status_code == 200


async def drive_invoices_and_payments(api: httpx.AsyncClient, emulator: Emulator) -> None:
    draft = (await api.post("/v2/customerinvoicedrafts", json=await draft_body(api))).json()
    expected = {
        "TotalAmountInvoiceCurrency": draft["TotalAmount"],
        "TotalVatAmountInvoiceCurrency": draft["TotalVatAmount"],
        "TotalRoundingsInvoiceCurrency": draft["TotalRoundings"],
        "Rows": [
            {"LineNumber": 1, "TotalAmountNoVatInvoiceCurrency": 3375, "TotalAmountIncVatInvoiceCurrency": 4218.75}
        ],
    }
    booked = await api.post(
        f"/v2/customerinvoicedrafts/{draft['Id']}/convert", params={"keepOriginalDraftDate": "true"}, json=expected
    )
    assert booked.status_code == 201, booked.text
    invoice = booked.json()
    await api.get("/v2/customerinvoices", params={"modifiedSinceUtc": "2025-03-01T00:00:00Z"})
    await api.get("/v2/customerinvoices", params={"$filter": f"CreatedFromDraftId eq {draft['Id']}"})
    await api.get(f"/v2/customerinvoices/{invoice['Id']}")
    accounts = (await api.get("/v2/bankaccounts", headers=await purchase_token(api))).json()["Data"]
    await api.get(f"/v2/bankaccounts/{accounts[0]['Id']}", headers=await purchase_token(api))
    payment = {
        "CompanyBankAccountId": accounts[0]["Id"],
        "PaymentAmount": invoice["TotalAmount"],
        "PaymentCurrency": "SEK",
        "PaymentType": 2,
        "PaymentDate": "2025-03-01T00:00:00Z",
    }
    paid = await api.post(f"/v2/customerinvoices/{invoice['Id']}/payments", json=payment)
    assert paid.status_code == 201, paid.text


async def drive_rejected_invoice_writes(api: httpx.AsyncClient, emulator: Emulator) -> None:
    await api.post("/v2/customerinvoicedrafts", json=await draft_body(api, YourReference="x" * 120))
    await api.post("/v2/customerinvoicedrafts", json=await draft_body(api, CustomerId=str(uuid.uuid4())))
    await api.post("/v2/customerinvoicedrafts", json=await draft_body(api, Rows=[]))
    future = (
        await api.post("/v2/customerinvoicedrafts", json=await draft_body(api, InvoiceDate="2025-03-09T00:00:00Z"))
    ).json()
    await api.post(f"/v2/customerinvoicedrafts/{future['Id']}/convert", params={"keepOriginalDraftDate": "true"})
    await api.post(f"/v2/customerinvoicedrafts/{future['Id']}/convert", json={"TotalAmountInvoiceCurrency": 1})
    booked = (await api.post(f"/v2/customerinvoicedrafts/{future['Id']}/convert")).json()
    payment = {
        "CompanyBankAccountId": str(uuid.uuid4()),
        "PaymentAmount": 1,
        "PaymentCurrency": "SEK",
        "PaymentType": 1,
    }
    await api.post(f"/v2/customerinvoices/{booked['Id']}/payments", json=payment)


async def drive_inactive_article_on_a_draft(api: httpx.AsyncClient, emulator: Emulator) -> None:
    inactive = (await api.get("/v2/articles", params={"$filter": "IsActive eq false"})).json()["Data"][0]
    body = await draft_body(api)
    body["Rows"][1]["ArticleId"] = inactive["Id"]
    answer = await api.post("/v2/customerinvoicedrafts", json=body)
    assert answer.status_code == 409


async def supplier_invoice_body(api: httpx.AsyncClient, headers: dict[str, str], **changes: Any) -> dict[str, Any]:
    supplier = (await api.get("/v2/suppliers", params={"$pagesize": 1}, headers=headers)).json()["Data"][0]
    body: dict[str, Any] = {
        "SupplierId": supplier["Id"],
        "InvoiceNumber": "K-77",
        "InvoiceDate": "2025-02-28T00:00:00Z",
        "TotalAmount": 1250,
        "Rows": [
            {"AccountNumber": 4010, "DebetAmount": 1000, "CreditAmount": 0, "TransactionText": "Material"},
            {"AccountNumber": 2641, "DebetAmount": 250, "CreditAmount": 0},
            {"AccountNumber": 2440, "DebetAmount": 0, "CreditAmount": 1250},
        ],
    }
    body.update(changes)
    return body


async def drive_suppliers_and_supplier_invoices(api: httpx.AsyncClient, emulator: Emulator) -> None:
    headers = await purchase_token(api)
    terms = await first_id(api, "/v2/termsofpayments")
    supplier = {"Name": "Kontraktsleverantör AB", "TermsOfPaymentId": terms, "BankgiroNumber": "5050-9999"}
    created = await api.post("/v2/suppliers", json=supplier, headers=headers)
    assert created.status_code == 201, created.text
    await api.get(f"/v2/suppliers/{created.json()['Id']}", headers=headers)
    replaced = await api.put(
        f"/v2/suppliers/{created.json()['Id']}", json={**supplier, "City": "Kiruna"}, headers=headers
    )
    assert replaced.status_code == 200, replaced.text
    await api.get("/v2/suppliers", params={"$orderby": "Name"}, headers=headers)
    booked = await api.post("/v2/supplierinvoices", json=await supplier_invoice_body(api, headers), headers=headers)
    assert booked.status_code == 201, booked.text
    await api.get(f"/v2/supplierinvoices/{booked.json()['Id']}", headers=headers)
    await api.get("/v2/supplierinvoices", params={"$filter": "InvoiceDate ge 2025-03-01"}, headers=headers)
    await api.get("/v2/supplierinvoices", params={"$filter": "ModifiedUtc gt 2025-01-01T00:00:00Z"}, headers=headers)
    await api.get("/v2/supplierinvoices", params={"$page": 2, "$pagesize": 2}, headers=headers)


async def drive_rejected_purchase_writes(api: httpx.AsyncClient, emulator: Emulator) -> None:
    headers = await purchase_token(api)
    terms = await first_id(api, "/v2/termsofpayments")
    await api.post("/v2/suppliers", json={"Name": "N" * 51, "TermsOfPaymentId": terms}, headers=headers)
    await api.post(
        "/v2/suppliers", json={"Name": "Dubblett AB", "TermsOfPaymentId": terms, "SupplierNumber": "1"}, headers=headers
    )
    unbalanced = await supplier_invoice_body(api, headers, TotalAmount=1300)
    await api.post("/v2/supplierinvoices", json=unbalanced, headers=headers)
    await api.post(
        "/v2/supplierinvoices", json=await supplier_invoice_body(api, headers, InvoiceNumber=""), headers=headers
    )


async def drive_invoice_and_purchase_not_found(api: httpx.AsyncClient, emulator: Emulator) -> None:
    missing = str(uuid.uuid4())
    headers = await purchase_token(api)
    await api.get(f"/v2/customerinvoicedrafts/{missing}")
    await api.put(f"/v2/customerinvoicedrafts/{missing}", json=await draft_body(api))
    await api.delete(f"/v2/customerinvoicedrafts/{missing}")
    await api.post(f"/v2/customerinvoicedrafts/{missing}/convert")
    await api.get(f"/v2/customerinvoices/{missing}")
    await api.get(f"/v2/bankaccounts/{missing}", headers=headers)
    await api.get(f"/v2/suppliers/{missing}", headers=headers)
    await api.get(f"/v2/supplierinvoices/{missing}", headers=headers)


async def checked(recorded: Recorded, emulator: Emulator, driver: Driver, *, requests: bool = True) -> list[str]:
    await driver(recorded.client, emulator)
    assert len(recorded.log) > 0
    return recorded.problems(requests=requests)


# tests ---------------------------------------------------------------------------------------------------
async def test_reference_reads(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_reference_reads) == []


async def test_customer_lists_with_paging_filters_and_query_errors(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_customer_lists) == []


async def test_customer_create_read_replace_delete(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_customer_writes) == []


async def test_rejected_customer_writes_answer_with_the_declared_400(recorded: Recorded, emulator: Emulator) -> None:
    problems = await checked(recorded, emulator, drive_rejected_customer_writes, requests=False)
    assert problems == []
    writes = [exchange for exchange in recorded.log if exchange.method in ("POST", "PUT")]
    assert {exchange.status for exchange in writes if exchange.path.startswith("/v2/")} == {400}


async def test_429_and_5xx_follow_the_documented_error_bodies(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_rate_limit_and_server_errors) == []


async def test_unknown_ids_answer_404(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_not_found) == []


async def test_a_bad_token_answers_401_with_an_error_body(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_unauthorized) == []


async def test_article_reference_reads(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_article_reference_reads) == []


async def test_article_lists_with_paging_and_filters(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_article_lists) == []


async def test_article_create_read_replace(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_article_writes) == []


async def test_rejected_article_writes_answer_with_the_declared_400(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_rejected_article_writes, requests=False) == []
    writes = [exchange for exchange in recorded.log if exchange.method in ("POST", "PUT")]
    assert {exchange.status for exchange in writes if exchange.path.startswith("/v2/")} == {400}


async def test_cost_centers_and_items(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_cost_centers) == []


async def test_rejected_cost_center_writes_answer_with_the_declared_400(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_rejected_cost_center_writes, requests=False) == []
    writes = [exchange for exchange in recorded.log if exchange.method in ("POST", "PUT")]
    assert {exchange.status for exchange in writes if exchange.path.startswith("/v2/")} == {400}


async def test_unknown_article_and_cost_center_ids_answer_404(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_article_and_cost_center_not_found) == []
    reached = [exchange.status for exchange in recorded.log if exchange.path.startswith("/v2/")]
    assert reached.count(404) == 8


async def test_404s_carry_the_documented_error_body(recorded: Recorded, emulator: Emulator) -> None:
    """eEkonomi answers 404 (ErrorCode 3000) for unknown ids on every id route; the spec declares 404 only on
    some operations, so tests/support/spec_validation.py lists it as a status documented outside the spec."""
    await drive_not_found(recorded.client, emulator)
    assert recorded.problems() == []


async def test_invoice_drafts(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_invoice_drafts) == []


async def test_convert_invoices_and_payments(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_invoices_and_payments) == []


async def test_rejected_invoice_writes_answer_with_the_declared_400(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_rejected_invoice_writes, requests=False) == []
    refused = [exchange.status for exchange in recorded.log if exchange.method == "POST" and exchange.status >= 400]
    assert refused == [400, 400, 400, 400, 400, 400]


async def test_an_inactive_article_answers_409_with_the_error_body(recorded: Recorded, emulator: Emulator) -> None:
    """The original integration met "(409) Conflict" here; the spec declares no 409 on any operation, so the
    only problem the validator may find is that status (the body itself must be CommonExtendedBadRequest)."""
    problems = await checked(recorded, emulator, drive_inactive_article_on_a_draft)
    undeclared = "POST /v2/customerinvoicedrafts 409: status 409 not declared in spec (declared: 201, 400)"
    assert problems in ([undeclared], [])  # [] once 409 is listed among the statuses documented outside the spec
    conflict = next(exchange for exchange in recorded.log if exchange.status == 409)
    body = json.loads(conflict.response_body)
    assert conflict.response_content_type is not None and conflict.response_content_type.startswith("application/json")
    assert set(body) == {"ErrorCode", "DeveloperErrorMessage", "ErrorId"}
    assert body["ErrorCode"] == 4000
    assert uuid.UUID(body["ErrorId"])


async def test_suppliers_and_supplier_invoices(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_suppliers_and_supplier_invoices) == []


async def test_rejected_purchase_writes_answer_with_the_declared_400(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_rejected_purchase_writes, requests=False) == []
    writes = [exchange for exchange in recorded.log if exchange.method == "POST" and exchange.path.startswith("/v2/")]
    assert {exchange.status for exchange in writes} == {400}


async def test_unknown_invoice_and_purchase_ids_answer_404(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_invoice_and_purchase_not_found, requests=False) == []
    reached = [
        exchange.status
        for exchange in recorded.log
        if exchange.path.startswith("/v2/") and "/v2/customers" not in exchange.path
    ]
    assert reached.count(404) == 8


ALL_DRIVERS: tuple[Driver, ...] = (
    drive_reference_reads,
    drive_customer_lists,
    drive_customer_writes,
    drive_rejected_customer_writes,
    drive_rate_limit_and_server_errors,
    drive_not_found,
    drive_unauthorized,
    drive_article_reference_reads,
    drive_article_lists,
    drive_article_writes,
    drive_rejected_article_writes,
    drive_cost_centers,
    drive_rejected_cost_center_writes,
    drive_article_and_cost_center_not_found,
    drive_invoice_drafts,
    drive_invoices_and_payments,
    drive_rejected_invoice_writes,
    drive_inactive_article_on_a_draft,
    drive_suppliers_and_supplier_invoices,
    drive_rejected_purchase_writes,
    drive_invoice_and_purchase_not_found,
)


async def test_every_emulator_route_is_driven(recorded: Recorded, emulator: Emulator) -> None:
    """A route added to the emulator needs a driver here, or its answers go unchecked."""
    for driver in ALL_DRIVERS:
        await driver(recorded.client, emulator)
    served = {route for route in emulator_routes(emulator.app) if not route.split(" ")[1].startswith("/connect/")}
    assert served - exercised_routes(emulator.app, recorded.log) == set()

"""Invoice drafts, booked customer invoices and payments through EEkonomiClient against the MockTransport fake."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import httpx
import pytest

from brygga.eekonomi import (
    CustomerInvoiceDraft,
    CustomerInvoiceDraftRow,
    CustomerInvoiceDraftValidation,
    CustomerInvoiceDraftValidationRow,
    EEkonomiClient,
    InvoicePayment,
    InvoicePaymentStatus,
    PaymentType,
)
from brygga.errors import RejectedError, ServerError
from brygga.http import jsonio

from .fakes import error_response
from .fakes_catalog import demo_id
from .fakes_invoices import FakeInvoicingEEkonomi
from .test_client import BASE_URL, RecordingSleep, StaticToken

NORDVIK = demo_id("customer", "1001")
BANK = demo_id("bank", "1930")


@pytest.fixture
def api() -> FakeInvoicingEEkonomi:
    return FakeInvoicingEEkonomi()


async def _connected(api: FakeInvoicingEEkonomi) -> AsyncIterator[EEkonomiClient]:
    async with EEkonomiClient(BASE_URL, StaticToken(), transport=api.transport(), sleep=RecordingSleep()) as eek:
        yield eek
    assert api.spec_problems == []
    assert api.response_problems == []


@pytest.fixture
async def client(api: FakeInvoicingEEkonomi) -> AsyncIterator[EEkonomiClient]:
    async for eek in _connected(api):
        yield eek


def article_row(number: str, quantity: str, price: str, **more: Any) -> CustomerInvoiceDraftRow:
    return CustomerInvoiceDraftRow(
        article_id=demo_id("article", number), quantity=Decimal(quantity), unit_price=Decimal(price), **more
    )


def new_draft(**changes: Any) -> CustomerInvoiceDraft:
    fields: dict[str, Any] = {
        "customer_id": NORDVIK,
        "invoice_date": date(2025, 2, 15),
        "your_reference": "Anna Andersson",
        "our_reference": "Per Persson",
        "contract_number": "PM-5001",
        "rows": [
            CustomerInvoiceDraftRow(is_text_row=True, text="Avser oktober 2026"),
            article_row("P-100", "12", "1250.00", text="Konsultation oktober"),
            article_row("A-902", "3", "45.50", discount_percentage=Decimal("0.1000")),
        ],
    }
    return CustomerInvoiceDraft(**{**fields, **changes})


def sent_json(request: httpx.Request) -> Any:
    return jsonio.loads(request.content)


# drafts -------------------------------------------------------------------------------------------------
async def test_create_sends_required_defaults_and_reads_back_exact_totals(
    client: EEkonomiClient, api: FakeInvoicingEEkonomi
) -> None:
    created = await client.invoice_drafts.create(new_draft())
    body = sent_json(api.requests[0])
    assert (body["EuThirdParty"], body["RotReducedInvoicingType"]) == (False, 0)  # required, sent although unset
    assert [row["ReversedConstructionServicesVatFree"] for row in body["Rows"]] == [False, False, False]
    assert body["InvoiceDate"] == "2025-02-15T00:00:00Z"
    assert b'"UnitPrice": 1250.00' in api.requests[0].content and b'"UnitPrice": 45.50' in api.requests[0].content
    assert created.id is not None and created.invoice_date == date(2025, 2, 15)
    assert [row.amount for row in created.rows or []] == [Decimal("0.00"), Decimal("15000.00"), Decimal("122.85")]
    # 15000.00 at 25 % and 122.85 at 12 % (14.742 -> 14.74)
    assert (created.total_vat_amount, created.total_amount) == (Decimal("3764.74"), Decimal("18887.59"))
    assert (created.customer_number, created.invoice_city) == ("1001", "Stockholm")


async def test_a_draft_read_back_is_replaced_without_read_only_fields(
    client: EEkonomiClient, api: FakeInvoicingEEkonomi
) -> None:
    created = await client.invoice_drafts.create(new_draft())
    assert created.id is not None
    read = await client.invoice_drafts.get(created.id)
    rows = [*(read.rows or [])[1:], article_row("A-901", "1", "650.00")]
    updated = await client.invoice_drafts.update(created.id, read.model_copy(update={"rows": rows}))
    put = sent_json(api.requests[-1])
    assert api.requests[-1].method == "PUT" and api.requests[-1].url.path == f"/v2/customerinvoicedrafts/{created.id}"
    assert "TotalAmount" not in put and "CustomerNumber" not in put and "InvoiceCity" not in put
    # A row's Id is read-only too: a PUT replaces the rows, kept ones carry their content, not their ids.
    assert all(not {"Id", "Amount", "VatRate", "UnitId"} & set(row) for row in put["Rows"])
    assert put["Rows"][0]["Text"] == "Konsultation oktober" and put["Rows"][0]["LineNumber"] == 2
    assert [row.article_number for row in updated.rows or []] == ["P-100", "A-902", "A-901"]
    assert client.calls_by_endpoint == {
        "POST /customerinvoicedrafts": 1,
        "GET /customerinvoicedrafts/{invoiceDraftId}": 1,
        "PUT /customerinvoicedrafts/{customerInvoiceDraftId}": 1,
    }


async def test_delete_removes_the_draft(client: EEkonomiClient, api: FakeInvoicingEEkonomi) -> None:
    created = await client.invoice_drafts.create(new_draft())
    assert created.id is not None
    await client.invoice_drafts.delete(created.id)
    assert (api.requests[-1].method, api.requests[-1].url.path) == ("DELETE", f"/v2/customerinvoicedrafts/{created.id}")
    assert api.drafts == {}
    with pytest.raises(RejectedError) as caught:
        await client.invoice_drafts.get(created.id)
    assert caught.value.status == 404


async def test_list_and_iter_page_through_drafts(client: EEkonomiClient) -> None:
    for number in range(3):
        await client.invoice_drafts.create(new_draft(contract_number=f"PM-{number}"))
    page = await client.invoice_drafts.list(page=2, page_size=2)
    assert [d.contract_number for d in page.data] == ["PM-2"] and page.meta.total_number_of_pages == 2
    assert [d.contract_number async for d in client.invoice_drafts.iter(page_size=1)] == ["PM-0", "PM-1", "PM-2"]


async def test_find_by_contract_number_quotes_the_marker(client: EEkonomiClient, api: FakeInvoicingEEkonomi) -> None:
    await client.invoice_drafts.create(new_draft(contract_number="PM-5001"))
    quoted = await client.invoice_drafts.create(new_draft(contract_number="O'Brien 5002"))
    found = await client.invoice_drafts.find_by_contract_number("O'Brien 5002")
    assert [d.id for d in found] == [quoted.id]
    assert api.requests[-1].url.params["$filter"] == "ContractNumber eq 'O''Brien 5002'"
    assert await client.invoice_drafts.find_by_contract_number("PM-9999") == []


async def test_a_server_that_ignores_the_filter_still_gives_only_exact_matches(
    api: FakeInvoicingEEkonomi,
) -> None:
    def ignore_filter(request: httpx.Request) -> httpx.Response:
        unfiltered = request.url.copy_remove_param("$filter")
        return api(httpx.Request(request.method, unfiltered, headers=request.headers, content=request.content))

    async with EEkonomiClient(BASE_URL, StaticToken(), transport=httpx.MockTransport(ignore_filter)) as eek:
        await eek.invoice_drafts.create(new_draft(contract_number="PM-5001"))
        await eek.invoice_drafts.create(new_draft(contract_number="PM-50011"))
        found = await eek.invoice_drafts.find_by_contract_number("PM-5001")
    assert [d.contract_number for d in found] == ["PM-5001"]


async def test_an_unfilterable_contract_number_is_rejected_so_the_caller_can_scan() -> None:
    api = FakeInvoicingEEkonomi(unfilterable=frozenset({"ContractNumber"}))
    async for eek in _connected(api):
        await eek.invoice_drafts.create(new_draft())
        with pytest.raises(RejectedError) as caught:
            await eek.invoice_drafts.find_by_contract_number("PM-5001")
        assert (caught.value.status, caught.value.error_code) == (400, 6000)
        scanned = [d async for d in eek.invoice_drafts.iter() if d.contract_number == "PM-5001"]
        assert len(scanned) == 1


async def test_an_inactive_article_keeps_status_409_as_a_rejection(
    client: EEkonomiClient, api: FakeInvoicingEEkonomi
) -> None:
    with pytest.raises(RejectedError) as caught:
        await client.invoice_drafts.create(new_draft(rows=[article_row("A-903", "3", "500.00")]))
    error = caught.value
    assert (error.status, error.error_code, error.outcome_unknown) == (409, 4000, False)
    assert error.message == "ErrorCode: 4000, DeveloperErrorMessage: Conflict - The article A-903 is inactive."
    assert "-> 409]" in str(error)
    assert client.calls_by_endpoint == {"POST /customerinvoicedrafts": 1}  # a rejected POST is never resent
    # The spec declares no 409; the fake's answer is flagged, which is the only problem allowed here.
    assert api.response_problems == []  # 409 is documented outside the spec (tests/support/spec_validation.py)
    api.response_problems.clear()


async def test_a_409_without_a_body_is_still_a_rejection() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(409))
    async with EEkonomiClient(BASE_URL, StaticToken(), transport=transport) as eek:
        with pytest.raises(RejectedError) as caught:
            await eek.invoice_drafts.create(new_draft())
    assert (caught.value.status, caught.value.message) == (409, "HTTP 409 Conflict")


async def test_a_reference_over_the_limit_is_rejected_with_the_api_message(
    client: EEkonomiClient, api: FakeInvoicingEEkonomi
) -> None:
    with pytest.raises(RejectedError) as caught:
        await client.invoice_drafts.create(new_draft(your_reference="x" * 120))
    assert (caught.value.status, caught.value.error_code) == (400, 2000)
    assert "maximum length of '100'" in (caught.value.developer_message or "")
    # The client does not pre-validate (the transfer layer does, rule C6): the over-long body went out.
    assert len(api.spec_problems) == 1 and "YourReference" in api.spec_problems[0]
    api.spec_problems.clear()


# convert ------------------------------------------------------------------------------------------------
async def test_convert_books_the_draft_with_the_next_invoice_number(
    client: EEkonomiClient, api: FakeInvoicingEEkonomi
) -> None:
    draft = await client.invoice_drafts.create(new_draft())
    assert draft.id is not None
    invoice = await client.invoice_drafts.convert(draft.id)
    sent = api.requests[-1]
    assert (sent.method, sent.url.path) == ("POST", f"/v2/customerinvoicedrafts/{draft.id}/convert")
    assert sent.content == b"" and dict(sent.url.params) == {}  # no body, company setting decides the date
    assert (invoice.invoice_number, invoice.created_from_draft_id) == (10001, draft.id)
    assert invoice.invoice_date == date(2025, 3, 1) and invoice.contract_number == "PM-5001"
    assert (invoice.total_amount, invoice.remaining_amount) == (Decimal("18887.59"), Decimal("18887.59"))
    assert invoice.payment_status == InvoicePaymentStatus.UNPAID and not invoice.is_paid
    assert [row.amount_no_vat for row in invoice.rows] == [Decimal("0.00"), Decimal("15000.00"), Decimal("122.85")]
    assert api.drafts == {}


async def test_convert_sends_the_validation_body_and_the_date_choice(
    client: EEkonomiClient, api: FakeInvoicingEEkonomi
) -> None:
    draft = await client.invoice_drafts.create(new_draft())
    assert draft.id is not None
    validation = CustomerInvoiceDraftValidation(
        total_amount_invoice_currency=Decimal("18887.59"),
        total_vat_amount_invoice_currency=Decimal("3764.74"),
        rows=[
            CustomerInvoiceDraftValidationRow(line_number=2, total_amount_no_vat_invoice_currency=Decimal("15000.00"))
        ],
    )
    invoice = await client.invoice_drafts.convert(draft.id, validation=validation, keep_original_draft_date=True)
    sent = api.requests[-1]
    assert b'"TotalAmountInvoiceCurrency": 18887.59' in sent.content
    assert sent_json(sent)["Rows"] == [{"LineNumber": 2, "TotalAmountNoVatInvoiceCurrency": Decimal("15000.00")}]
    assert sent.url.params["keepOriginalDraftDate"] == "true"
    assert sent.url.params["overrideCompanyKeepOriginalDraftDate"] == "true"
    assert invoice.invoice_date == date(2025, 2, 15)


async def test_convert_with_today_still_overrides_the_company_setting(
    client: EEkonomiClient, api: FakeInvoicingEEkonomi
) -> None:
    draft = await client.invoice_drafts.create(new_draft())
    assert draft.id is not None
    invoice = await client.invoice_drafts.convert(draft.id, keep_original_draft_date=False)
    params = api.requests[-1].url.params
    assert (params["keepOriginalDraftDate"], params["overrideCompanyKeepOriginalDraftDate"]) == ("false", "true")
    assert invoice.invoice_date == date(2025, 3, 1)


async def test_convert_refused_on_other_totals_leaves_the_draft(
    client: EEkonomiClient, api: FakeInvoicingEEkonomi
) -> None:
    draft = await client.invoice_drafts.create(new_draft())
    assert draft.id is not None
    wrong = CustomerInvoiceDraftValidation(total_amount_invoice_currency=Decimal("18887.60"))
    with pytest.raises(RejectedError) as caught:
        await client.invoice_drafts.convert(draft.id, validation=wrong)
    assert caught.value.error_code == 2000 and list(api.drafts) == [draft.id] and api.invoices == {}


async def test_a_convert_that_fails_on_the_server_is_not_resent() -> None:
    sends: list[httpx.Request] = []

    def failing(request: httpx.Request) -> httpx.Response:
        sends.append(request)
        return error_response(500, 5000, "InternalServerError")

    sleep = RecordingSleep()
    async with EEkonomiClient(BASE_URL, StaticToken(), transport=httpx.MockTransport(failing), sleep=sleep) as eek:
        with pytest.raises(ServerError) as caught:
            await eek.invoice_drafts.convert(demo_id("draft", "1"))
    assert caught.value.outcome_unknown is True  # the invoice may be booked: reconcile, never resend
    assert len(sends) == 1 and sleep.waits == []


# customer invoices and payments --------------------------------------------------------------------------
async def _booked(client: EEkonomiClient, contract_number: str) -> str:
    draft = await client.invoice_drafts.create(new_draft(contract_number=contract_number))
    assert draft.id is not None
    invoice = await client.invoice_drafts.convert(draft.id)
    assert invoice.id is not None
    return invoice.id


async def test_modified_since_is_sent_as_utc_with_z(client: EEkonomiClient, api: FakeInvoicingEEkonomi) -> None:
    await _booked(client, "PM-1")
    stockholm = timezone(timedelta(hours=1))
    since = datetime(2025, 3, 1, 13, 29, 59, tzinfo=stockholm)  # 12:29:59Z, one second before the write
    changed = [i.contract_number async for i in client.customer_invoices.iter(modified_since=since)]
    assert changed == ["PM-1"]
    assert api.requests[-1].url.params["modifiedSinceUtc"] == "2025-03-01T12:29:59Z"
    later = datetime(2025, 3, 1, 12, 30, 0, 500000, tzinfo=UTC)
    assert [i async for i in client.customer_invoices.iter(modified_since=later)] == []
    assert api.requests[-1].url.params["modifiedSinceUtc"] == "2025-03-01T12:30:00.500000Z"


async def test_without_modified_since_there_is_no_such_parameter(
    client: EEkonomiClient, api: FakeInvoicingEEkonomi
) -> None:
    await _booked(client, "PM-1")
    page = await client.customer_invoices.list(page_size=5)
    assert [i.invoice_number for i in page.data] == [10001]
    assert "modifiedSinceUtc" not in api.requests[-1].url.params


async def test_a_naive_modified_since_is_refused_before_any_call(client: EEkonomiClient) -> None:
    with pytest.raises(ValueError, match="aware"):
        await client.customer_invoices.list(modified_since=datetime(2025, 3, 1, 12))
    assert client.api_calls == 0


async def test_customer_invoices_filter_and_get(client: EEkonomiClient, api: FakeInvoicingEEkonomi) -> None:
    first = await _booked(client, "PM-1")
    await _booked(client, "PM-2")
    unpaid = [i.invoice_number async for i in client.customer_invoices.iter(filter="PaymentStatus eq 1")]
    assert unpaid == [10001, 10002]
    invoice = await client.customer_invoices.get(first)
    assert invoice.invoice_number == 10001 and invoice.voucher_number == "B 1"
    assert api.requests[-1].url.path == f"/v2/customerinvoices/{first}"


async def test_add_payment_registers_the_amount_and_the_invoice_becomes_paid(
    client: EEkonomiClient, api: FakeInvoicingEEkonomi
) -> None:
    invoice_id = await _booked(client, "PM-1")
    payment = InvoicePayment(
        company_bank_account_id=BANK,
        payment_date=date(2025, 3, 1),
        payment_amount=Decimal("18887.59"),
        payment_currency="SEK",
        payment_type=PaymentType.COMPLETE_PAYMENT,
        reference="Bankgiro 2025-03-01",
    )
    stored = await client.customer_invoices.add_payment(invoice_id, payment)
    sent = api.requests[-1]
    assert (sent.method, sent.url.path) == ("POST", f"/v2/customerinvoices/{invoice_id}/payments")
    assert b'"PaymentAmount": 18887.59' in sent.content and sent_json(sent)["PaymentType"] == 2
    assert sent_json(sent)["PaymentDate"] == "2025-03-01T00:00:00Z"
    assert stored.bank_transaction_id is not None and stored.payment_amount == Decimal("18887.59")
    paid = await client.customer_invoices.get(invoice_id)
    assert paid.is_paid and paid.remaining_amount == Decimal("0.00") and paid.payment_date == date(2025, 3, 1)


async def test_an_overpayment_is_rejected_and_not_resent(client: EEkonomiClient, api: FakeInvoicingEEkonomi) -> None:
    invoice_id = await _booked(client, "PM-1")
    too_much = InvoicePayment(
        company_bank_account_id=BANK,
        payment_amount=Decimal("20000.00"),
        payment_currency="SEK",
        payment_type=PaymentType.COMPLETE_PAYMENT,
    )
    with pytest.raises(RejectedError):
        await client.customer_invoices.add_payment(invoice_id, too_much)
    assert client.calls_by_endpoint["POST /customerinvoices/{invoiceId}/payments"] == 1
    assert api.payments == []

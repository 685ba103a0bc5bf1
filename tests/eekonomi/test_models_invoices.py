"""Invoice, payment and purchase wire models: their tables against the spec, exact amounts, dates, bodies."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from brygga.eekonomi import (
    BANK_ACCOUNT_LIMITS,
    BANK_ACCOUNT_READ_ONLY,
    BANK_ACCOUNT_REQUIRED,
    CUSTOMER_INVOICE_DRAFT_LIMITS,
    CUSTOMER_INVOICE_DRAFT_READ_ONLY,
    CUSTOMER_INVOICE_DRAFT_REQUIRED,
    CUSTOMER_INVOICE_DRAFT_ROW_LIMITS,
    CUSTOMER_INVOICE_DRAFT_ROW_READ_ONLY,
    CUSTOMER_INVOICE_DRAFT_ROW_REQUIRED,
    CUSTOMER_INVOICE_LIMITS,
    CUSTOMER_INVOICE_READ_ONLY,
    CUSTOMER_INVOICE_REQUIRED,
    CUSTOMER_INVOICE_ROW_LIMITS,
    CUSTOMER_INVOICE_ROW_READ_ONLY,
    INVOICE_PAYMENT_LIMITS,
    INVOICE_PAYMENT_READ_ONLY,
    INVOICE_PAYMENT_REQUIRED,
    SUPPLIER_INVOICE_LIMITS,
    SUPPLIER_INVOICE_READ_ONLY,
    SUPPLIER_INVOICE_REQUIRED,
    SUPPLIER_INVOICE_ROW_LIMITS,
    SUPPLIER_INVOICE_ROW_READ_ONLY,
    SUPPLIER_LIMITS,
    SUPPLIER_READ_ONLY,
    SUPPLIER_REQUIRED,
    BankAccount,
    CustomerInvoice,
    CustomerInvoiceDraft,
    CustomerInvoiceDraftRow,
    CustomerInvoiceDraftValidation,
    CustomerInvoiceDraftValidationRow,
    CustomerInvoiceRow,
    InvoicePayment,
    Supplier,
    SupplierInvoice,
    SupplierInvoiceRow,
)
from brygga.eekonomi.models_documents import DocumentModel
from brygga.http import jsonio
from tests.support.spec_loading import eekonomi_spec

WIRE_DRAFT = b"""{
  "Id": "6d1f3c1e-0000-4000-8000-000000005001", "CustomerId": "6d1f3c1e-0000-4000-8000-000000001001",
  "CreatedUtc": "2026-11-20T08:00:00", "IsCreditInvoice": false, "RotReducedInvoicingType": 0, "EuThirdParty": false,
  "YourReference": "Anna Andersson", "OurReference": "Per Persson", "ContractNumber": "PM-5001",
  "InvoiceAddress1": "Storgatan 1", "InvoiceAddress2": null, "InvoicePostalCode": "111 22", "InvoiceCity": "Stockholm",
  "InvoiceCountryCode": "SE", "InvoiceCurrencyCode": "SEK", "InvoiceDate": "2026-11-15T00:00:00",
  "DueDate": "2026-12-15T00:00:00+01:00", "TotalAmount": 19687.50, "TotalVatAmount": 3937.50,
  "TotalRoundings": 0.00, "CustomerNumber": "1001", "CustomerName": "Nordvik Bygg AB", "IncludesVat": false,
  "Persons": [], "MessageThreads": [], "Notes": [], "ContributionMargin": {"Amount": 100.10, "Percentage": 0.5},
  "Rows": [
    {"Id": "6d1f3c1e-0000-4000-8000-000000000011", "LineNumber": 1, "IsTextRow": true, "Text": "Avser oktober 2026",
     "ReversedConstructionServicesVatFree": false, "VatRate": null, "Amount": 0.00, "UnitPrice": 0},
    {"Id": "6d1f3c1e-0000-4000-8000-000000000012", "LineNumber": 2, "ArticleId": "6d1f3c1e-0000-4000-8000-000000000100",
     "ArticleNumber": "KONS", "IsTextRow": false, "Text": "Konsultation oktober", "UnitPrice": 1250.00,
     "Quantity": 12.00, "DiscountPercentage": 0.0000, "ReversedConstructionServicesVatFree": false,
     "CostCenterItemId2": "6d1f3c1e-0000-4000-8000-000000002003", "UnitAbbreviation": "tim", "VatRate": 0.25,
     "VatRateId": "MP1", "Amount": 15000.00, "IsServiceArticle": true, "UnitId": "6d1f3c1e-0000-4000-8000-000000000002",
     "WorkCostType": 0}
  ]
}"""


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = eekonomi_spec()["components"]["schemas"][name]
    return schema


def _read_only(name: str) -> set[str]:
    return {prop_name for prop_name, prop in _schema(name)["properties"].items() if prop.get("readOnly")}


def _limits(name: str) -> dict[str, int]:
    properties = _schema(name)["properties"]
    return {prop_name: prop["maxLength"] for prop_name, prop in properties.items() if "maxLength" in prop}


@pytest.mark.parametrize(
    ("schema_name", "read_only", "required", "limits"),
    [
        (
            "CustomerInvoiceDraftApi",
            CUSTOMER_INVOICE_DRAFT_READ_ONLY,
            CUSTOMER_INVOICE_DRAFT_REQUIRED,
            CUSTOMER_INVOICE_DRAFT_LIMITS,
        ),
        (
            "CustomerInvoiceDraftRowApi",
            CUSTOMER_INVOICE_DRAFT_ROW_READ_ONLY,
            CUSTOMER_INVOICE_DRAFT_ROW_REQUIRED,
            CUSTOMER_INVOICE_DRAFT_ROW_LIMITS,
        ),
        ("CustomerInvoiceApi", CUSTOMER_INVOICE_READ_ONLY, CUSTOMER_INVOICE_REQUIRED, CUSTOMER_INVOICE_LIMITS),
        ("CustomerInvoiceRowApi", CUSTOMER_INVOICE_ROW_READ_ONLY, frozenset(), CUSTOMER_INVOICE_ROW_LIMITS),
        ("InvoicePaymentApi", INVOICE_PAYMENT_READ_ONLY, INVOICE_PAYMENT_REQUIRED, INVOICE_PAYMENT_LIMITS),
        ("BankAccountApi", BANK_ACCOUNT_READ_ONLY, BANK_ACCOUNT_REQUIRED, BANK_ACCOUNT_LIMITS),
        ("SupplierApi", SUPPLIER_READ_ONLY, SUPPLIER_REQUIRED, SUPPLIER_LIMITS),
        ("SupplierInvoiceApi", SUPPLIER_INVOICE_READ_ONLY, SUPPLIER_INVOICE_REQUIRED, SUPPLIER_INVOICE_LIMITS),
        ("SupplierInvoiceRowApi", SUPPLIER_INVOICE_ROW_READ_ONLY, frozenset(), SUPPLIER_INVOICE_ROW_LIMITS),
        ("CustomerInvoiceDraftValidationApi", frozenset(), frozenset(), {}),
        ("CustomerInvoiceDraftValidationRowApi", frozenset(), frozenset(), {}),
    ],
)
def test_tables_match_the_spec(
    schema_name: str, read_only: frozenset[str], required: frozenset[str], limits: dict[str, int]
) -> None:
    assert _read_only(schema_name) == read_only
    assert set(_schema(schema_name).get("required", [])) == required
    assert _limits(schema_name) == limits


MODELS: list[tuple[type[DocumentModel], str]] = [
    (CustomerInvoiceDraft, "CustomerInvoiceDraftApi"),
    (CustomerInvoiceDraftRow, "CustomerInvoiceDraftRowApi"),
    (CustomerInvoiceDraftValidation, "CustomerInvoiceDraftValidationApi"),
    (CustomerInvoiceDraftValidationRow, "CustomerInvoiceDraftValidationRowApi"),
    (CustomerInvoice, "CustomerInvoiceApi"),
    (CustomerInvoiceRow, "CustomerInvoiceRowApi"),
    (InvoicePayment, "InvoicePaymentApi"),
    (BankAccount, "BankAccountApi"),
    (Supplier, "SupplierApi"),
    (SupplierInvoice, "SupplierInvoiceApi"),
    (SupplierInvoiceRow, "SupplierInvoiceRowApi"),
]


@pytest.mark.parametrize(("model", "schema_name"), MODELS)
def test_every_modelled_alias_exists_in_the_spec(model: type[DocumentModel], schema_name: str) -> None:
    properties = _schema(schema_name)["properties"]
    assert [f.alias for f in model.model_fields.values() if f.alias not in properties] == []


@pytest.mark.parametrize(("model", "schema_name"), MODELS)
def test_read_only_and_always_sent_tables_fit_the_spec(model: type[DocumentModel], schema_name: str) -> None:
    assert _read_only(schema_name) == model.READ_ONLY
    # Only required, writable fields are forced into a body; a forced read-only one would be refused.
    assert set(_schema(schema_name).get("required", [])) - model.READ_ONLY >= model.ALWAYS_SENT


def test_the_booked_supplier_row_spells_debet_amount() -> None:
    properties = _schema("SupplierInvoiceRowApi")["properties"]
    assert "DebetAmount" in properties and "DebitAmount" not in properties
    assert "DebitAmount" in _schema("SupplierInvoiceDraftRowApi")["properties"]  # why the alias is explicit
    row = SupplierInvoiceRow.model_validate(jsonio.loads(b'{"AccountNumber": 4010, "DebetAmount": 10000.00}'))
    assert row.debit_amount == Decimal("10000.00")
    assert jsonio.dumps(row.to_body()) == b'{"AccountNumber": 4010, "DebetAmount": 10000.00}'
    by_name = SupplierInvoiceRow(debit_amount=Decimal("2500.00"))
    assert by_name.to_body() == {"DebetAmount": Decimal("2500.00")}


def test_draft_amounts_survive_a_round_trip_exactly() -> None:
    draft = CustomerInvoiceDraft.model_validate(jsonio.loads(WIRE_DRAFT))
    assert (draft.total_amount, draft.total_vat_amount) == (Decimal("19687.50"), Decimal("3937.50"))
    row = (draft.rows or [])[1]
    assert (row.unit_price, row.quantity, row.amount, row.vat_rate) == (
        Decimal("1250.00"),
        Decimal("12.00"),
        Decimal("15000.00"),
        Decimal("0.25"),
    )
    sent = jsonio.dumps(draft.to_body())
    assert b'"UnitPrice": 1250.00' in sent and b'"Quantity": 12.00' in sent and b'"DiscountPercentage": 0.0000' in sent
    assert b'"ContributionMargin": {"Amount": 100.10, "Percentage": 0.5}' in sent  # not modelled, kept exactly
    again = CustomerInvoiceDraft.model_validate(jsonio.loads(sent))
    assert str((again.rows or [])[1].unit_price) == "1250.00"


def test_a_draft_body_drops_read_only_fields_at_both_levels() -> None:
    body = CustomerInvoiceDraft.model_validate(jsonio.loads(WIRE_DRAFT)).to_body()
    assert not set(body) & CUSTOMER_INVOICE_DRAFT_READ_ONLY
    assert {"CustomerId", "EuThirdParty", "RotReducedInvoicingType", "ContractNumber", "Rows"} <= set(body)
    assert "InvoiceAddress2" in body and body["InvoiceAddress2"] is None  # a full replace keeps the null
    for row in body["Rows"]:
        assert not set(row) & CUSTOMER_INVOICE_DRAFT_ROW_READ_ONLY
    assert body["Rows"][1]["WorkCostType"] == 0 and body["Rows"][1]["ArticleNumber"] == "KONS"
    assert body["Rows"][1]["CostCenterItemId2"] == "6d1f3c1e-0000-4000-8000-000000002003"


def test_a_new_draft_sends_what_was_set_and_the_required_defaults() -> None:
    draft = CustomerInvoiceDraft(
        customer_id="c",
        rows=[CustomerInvoiceDraftRow(is_text_row=True, text="Tack för förtroendet!")],
        invoice_date=date(2026, 11, 15),
    )
    assert draft.to_body() == {
        "CustomerId": "c",
        "EuThirdParty": False,
        "RotReducedInvoicingType": 0,
        "Rows": [{"IsTextRow": True, "Text": "Tack för förtroendet!", "ReversedConstructionServicesVatFree": False}],
        "InvoiceDate": "2026-11-15T00:00:00Z",
    }


def test_a_caller_may_still_change_a_required_default() -> None:
    credit = CustomerInvoiceDraft(customer_id="c", eu_third_party=True, is_credit_invoice=True)
    assert credit.to_body() == {
        "CustomerId": "c",
        "EuThirdParty": True,
        "RotReducedInvoicingType": 0,
        "IsCreditInvoice": True,
    }


@pytest.mark.parametrize(
    ("sent", "day"),
    [
        ("2026-11-15T00:00:00", date(2026, 11, 15)),
        ("2026-11-15T00:00:00Z", date(2026, 11, 15)),
        ("2026-11-15T00:00:00+01:00", date(2026, 11, 15)),  # not moved to the 14th by a UTC conversion
        ("2026-11-15T23:30:00-05:00", date(2026, 11, 15)),
        ("2026-11-15", date(2026, 11, 15)),
    ],
)
def test_document_dates_are_read_as_written(sent: str, day: date) -> None:
    assert CustomerInvoiceDraft.model_validate({"CustomerId": "c", "InvoiceDate": sent}).invoice_date == day


def test_a_document_date_that_is_no_date_is_refused() -> None:
    with pytest.raises(ValidationError):
        CustomerInvoiceDraft.model_validate({"CustomerId": "c", "InvoiceDate": "den 15 november"})


def test_timestamps_stay_aware_instants() -> None:
    draft = CustomerInvoiceDraft.model_validate(jsonio.loads(WIRE_DRAFT))
    assert draft.created_utc == datetime(2026, 11, 20, 8, tzinfo=UTC)  # sent without offset: UTC


def test_booked_invoice_reads_number_payment_state_and_draft_link() -> None:
    wire = {
        "Id": "i",
        "CustomerId": "c",
        "EuThirdParty": False,
        "RotReducedInvoicingType": 0,
        "InvoiceNumber": 10001,
        "PaymentStatus": 0,
        "RemainingAmount": Decimal("0.00"),
        "TotalAmount": Decimal("19687.50"),
        "CreatedFromDraftId": "d",
        "VoucherNumber": "B 1",
        "ModifiedUtc": "2026-11-21T10:00:00Z",
        "Rows": [{"Id": "r", "LineNumber": 1, "AmountNoVat": Decimal("15000.00"), "PercentVat": Decimal("0.25")}],
    }
    invoice = CustomerInvoice.model_validate(wire)
    assert (invoice.invoice_number, invoice.created_from_draft_id, invoice.is_paid) == (10001, "d", True)
    assert invoice.rows[0].amount_no_vat == Decimal("15000.00")
    assert CustomerInvoice.model_validate({**wire, "PaymentStatus": 2}).is_paid is False
    assert CustomerInvoice.model_validate({**wire, "PaymentStatus": 7}).payment_status == 7  # unknown still reads


def test_payment_body_is_exact_and_dates_midnight_utc() -> None:
    payment = InvoicePayment(
        company_bank_account_id="b",
        payment_date=date(2026, 11, 30),
        payment_amount=Decimal("19687.50"),
        payment_currency="SEK",
        payment_type=2,
    )
    assert jsonio.dumps(payment.to_body()) == (
        b'{"CompanyBankAccountId": "b", "PaymentDate": "2026-11-30T00:00:00Z", "PaymentAmount": 19687.50, '
        b'"PaymentCurrency": "SEK", "PaymentType": 2}'
    )


def test_validation_body_nests_its_rows() -> None:
    validation = CustomerInvoiceDraftValidation(
        total_amount_invoice_currency=Decimal("19687.50"),
        rows=[
            CustomerInvoiceDraftValidationRow(line_number=2, total_amount_inc_vat_invoice_currency=Decimal("18750.00"))
        ],
    )
    assert validation.to_body() == {
        "TotalAmountInvoiceCurrency": Decimal("19687.50"),
        "Rows": [{"LineNumber": 2, "TotalAmountIncVatInvoiceCurrency": Decimal("18750.00")}],
    }


def test_supplier_invoice_body_drops_row_ids_and_line_numbers() -> None:
    wire = {
        "Id": "s",
        "SupplierId": "sup",
        "InvoiceNumber": "BS-881",
        "TotalAmount": Decimal("12500.00"),
        "VoucherNumber": "C 1",
        "InvoiceDate": "2026-11-03T00:00:00",
        "Rows": [
            {
                "Id": "r1",
                "LineNumber": 1,
                "AccountNumber": 4010,
                "AccountName": "Inköp",
                "DebetAmount": Decimal("10000.00"),
            }
        ],
    }
    invoice = SupplierInvoice.model_validate(wire)
    assert invoice.invoice_date == date(2026, 11, 3)
    assert invoice.to_body() == {
        "SupplierId": "sup",
        "InvoiceNumber": "BS-881",
        "TotalAmount": Decimal("12500.00"),
        "InvoiceDate": "2026-11-03T00:00:00Z",
        "Rows": [{"AccountNumber": 4010, "DebetAmount": Decimal("10000.00")}],
    }


def test_a_row_lists_its_cost_center_items_in_order() -> None:
    row = SupplierInvoiceRow(cost_center_item_id1="a", cost_center_item_id3="c")
    assert row.cost_center_item_ids == ("a", "c")
    assert SupplierInvoiceRow().cost_center_item_ids == ()

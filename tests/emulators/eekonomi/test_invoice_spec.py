"""The sales and purchase resources against the official spec: field tables and every answer they give."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from brygga_emulators.eekonomi.bank_accounts import default_bank_account_id
from brygga_emulators.eekonomi.demo_data import terms_of_payment_id
from brygga_emulators.eekonomi.demo_purchases import supplier_id
from brygga_emulators.eekonomi.invoice_fields import (
    CONTRIBUTION_MARGIN_FIELDS,
    DRAFT_FIELDS,
    DRAFT_ROW_FIELDS,
    DRAFT_VALIDATION_FIELDS,
    DRAFT_VALIDATION_ROW_FIELDS,
    INVOICE_FIELDS,
    INVOICE_ROW_FIELDS,
    PAYMENT_FIELDS,
    ROT_PERSON_FIELDS,
)
from brygga_emulators.eekonomi.purchase_fields import (
    APPROVER_FIELDS,
    BALANCE_FIELDS,
    BANK_ACCOUNT_FIELDS,
    FOREIGN_PAYMENT_CODE_FIELDS,
    SUPPLIER_FIELDS,
    SUPPLIER_INVOICE_FIELDS,
    SUPPLIER_INVOICE_ROW_FIELDS,
)
from brygga_emulators.eekonomi.validation import FieldRule

from .support import PURCHASE_SCOPE, article_row, bearer, decode, draft_body, obtain_tokens, send_json, text_row
from .test_spec import assert_valid, describe_rules, describe_spec, schema

pytestmark = pytest.mark.contract


@pytest.mark.parametrize(
    ("schema_name", "rules"),
    [
        ("CustomerInvoiceDraftApi", DRAFT_FIELDS),
        ("CustomerInvoiceDraftRowApi", DRAFT_ROW_FIELDS),
        ("CustomerInvoiceDraftValidationApi", DRAFT_VALIDATION_FIELDS),
        ("CustomerInvoiceDraftValidationRowApi", DRAFT_VALIDATION_ROW_FIELDS),
        ("CustomerInvoiceApi", INVOICE_FIELDS),
        ("CustomerInvoiceRowApi", INVOICE_ROW_FIELDS),
        ("InvoicePaymentApi", PAYMENT_FIELDS),
        ("ContributionMarginApi", CONTRIBUTION_MARGIN_FIELDS),
        ("SalesDocumentRotRutReductionPersonApi", ROT_PERSON_FIELDS),
        ("BankAccountApi", BANK_ACCOUNT_FIELDS),
        ("BalanceAndDateApi", BALANCE_FIELDS),
        ("SupplierApi", SUPPLIER_FIELDS),
        ("ForeignPaymentCode", FOREIGN_PAYMENT_CODE_FIELDS),
        ("SupplierApproverApi", APPROVER_FIELDS),
        ("SupplierInvoiceApi", SUPPLIER_INVOICE_FIELDS),
        ("SupplierInvoiceRowApi", SUPPLIER_INVOICE_ROW_FIELDS),
    ],
)
def test_field_tables_match_the_spec(schema_name: str, rules: tuple[FieldRule, ...]) -> None:
    assert describe_rules(rules) == describe_spec(schema_name)


def test_the_patterns_and_decimals_the_brief_names() -> None:
    rows = {rule.name: rule for rule in DRAFT_ROW_FIELDS}
    booked = {rule.name: rule for rule in SUPPLIER_INVOICE_ROW_FIELDS}

    assert (rows["Quantity"].max_decimals, rows["DiscountPercentage"].max_decimals) == (2, 4)
    assert (booked["DebetAmount"].max_decimals, booked["CreditAmount"].max_decimals) == (2, 2)
    supplier_patterns = {rule.name: rule.pattern for rule in SUPPLIER_FIELDS if rule.pattern}
    assert supplier_patterns == {
        name: details["pattern"]
        for name, details in schema("SupplierApi")["properties"].items()
        if "pattern" in details
    }


def assert_complete(schema_name: str, document: dict[str, Any]) -> None:
    assert_valid(schema_name, document)
    assert list(document) == list(schema(schema_name)["properties"])  # every property, nothing more


async def test_draft_and_invoice_answers_validate_against_the_spec(api: httpx.AsyncClient) -> None:
    rows = [text_row("Avser oktober"), article_row("P-100", "2", "1200.00"), article_row("A-902", "1", "45")]
    created = await send_json(api, "POST", "/v2/customerinvoicedrafts", draft_body(rows=rows))
    draft_id = decode(created)["Id"]
    replaced = await send_json(api, "PUT", f"/v2/customerinvoicedrafts/{draft_id}", draft_body(rows=rows))
    fetched = await api.get(f"/v2/customerinvoicedrafts/{draft_id}")
    drafts = await api.get("/v2/customerinvoicedrafts")
    booked = await api.post(f"/v2/customerinvoicedrafts/{draft_id}/convert")
    invoice_id = booked.json()["Id"]
    payment = {
        "CompanyBankAccountId": default_bank_account_id(),
        "PaymentAmount": 100,
        "PaymentCurrency": "SEK",
        "PaymentType": 1,
    }
    paid = await api.post(f"/v2/customerinvoices/{invoice_id}/payments", json=payment)

    for answer in (created, replaced, fetched):
        assert_complete("CustomerInvoiceDraftApi", answer.json())
        assert list(answer.json()["Rows"][1]) == list(schema("CustomerInvoiceDraftRowApi")["properties"])
    assert_valid("PaginatedResponseOfCustomerInvoiceDraftApi", drafts.json())
    assert booked.status_code == 201
    assert_complete("CustomerInvoiceApi", booked.json())
    assert list(booked.json()["Rows"][0]) == list(schema("CustomerInvoiceRowApi")["properties"])
    assert_complete("CustomerInvoiceApi", (await api.get(f"/v2/customerinvoices/{invoice_id}")).json())
    assert_valid("PaginatedResponseOfCustomerInvoiceApi", (await api.get("/v2/customerinvoices")).json())
    assert paid.status_code == 201
    assert_complete("InvoicePaymentApi", paid.json())


async def test_purchase_answers_validate_against_the_spec(api: httpx.AsyncClient) -> None:
    api.headers.update(bearer(await obtain_tokens(api, scope=PURCHASE_SCOPE)))
    supplier = {"Name": "Spec Leverantör AB", "TermsOfPaymentId": terms_of_payment_id(30), "BankIban": "SE45500000"}
    created = await api.post("/v2/suppliers", json=supplier)
    replaced = await api.put(f"/v2/suppliers/{created.json()['Id']}", json={**supplier, "City": "Kiruna"})
    invoice_rows = [
        {"AccountNumber": 6110, "DebetAmount": 80, "CreditAmount": 0},
        {"AccountNumber": 2641, "DebetAmount": 20, "CreditAmount": 0},
    ]
    invoice = {"SupplierId": supplier_id("Kontorsgiganten AB"), "InvoiceNumber": "S-1", "TotalAmount": 100}
    booked = await send_json(api, "POST", "/v2/supplierinvoices", {**invoice, "Rows": invoice_rows})

    assert_valid("PaginatedResponseOfBankAccountApi", (await api.get("/v2/bankaccounts")).json())
    assert_complete("BankAccountApi", (await api.get(f"/v2/bankaccounts/{default_bank_account_id()}")).json())
    for answer in (created, replaced, await api.get(f"/v2/suppliers/{created.json()['Id']}")):
        assert_complete("SupplierApi", answer.json())
    assert_valid("PaginatedResponseOfSupplierApi", (await api.get("/v2/suppliers")).json())
    assert booked.status_code == 201, booked.text
    assert_complete("SupplierInvoiceApi", booked.json())
    listed = (await api.get("/v2/supplierinvoices")).json()
    assert_valid("PaginatedResponseOfSupplierInvoiceApi", listed)
    for found in listed["Data"]:
        assert list(found) == list(schema("SupplierInvoiceApi")["properties"])
        assert all(list(row) == list(schema("SupplierInvoiceRowApi")["properties"]) for row in found["Rows"])


async def test_error_answers_validate_against_the_spec(api: httpx.AsyncClient) -> None:
    answers = [
        await send_json(api, "POST", "/v2/customerinvoicedrafts", draft_body(rows=[article_row("A-903", "1", "1")])),
        await send_json(api, "POST", "/v2/customerinvoicedrafts", draft_body(rows=[text_row("")])),
        await send_json(api, "POST", "/v2/customerinvoicedrafts", draft_body(YourReference="x" * 120)),
        await api.get("/v2/customerinvoices", params={"modifiedSinceUtc": "nu"}),
        await api.post("/v2/customerinvoicedrafts/3f2504e0-4f89-11d3-9a0c-0305e82c3301/convert"),
        await send_json(
            api,
            "POST",
            "/v2/customerinvoices/3f2504e0-4f89-11d3-9a0c-0305e82c3301/payments",
            {"PaymentAmount": Decimal(1)},
        ),
    ]

    assert [answer.status_code for answer in answers] == [409, 400, 400, 400, 404, 404]
    assert "maximum length of 100" in answers[2].json()["DeveloperErrorMessage"]
    for answer in answers:
        assert_valid("CommonExtendedBadRequest", answer.json())

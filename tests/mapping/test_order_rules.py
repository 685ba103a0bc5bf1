"""Rules O2-O10 of the GKS order integration, each proven on its own (the scenario test_orders.py runs them all)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from brygga.eekonomi.models import CompanySettings, TermsOfPayment
from brygga.eekonomi.models_articles import Article as EekArticle
from brygga.mapping.eekonomi_customers import EekReference
from brygga.mapping.orders import order_marker, to_order_customer_fields, to_order_draft, unit_for_row
from brygga.orders.models import Order
from brygga.transfer.orders.transfer import OrdersTransfer
from tests.mapping.article_builders import STANDARD_UNITS, standard_codings, unit
from tests.mapping.builders import guid

UNITS = [unit(*spec) for spec in STANDARD_UNITS]
ARTICLES = {
    Decimal(rate): EekArticle.model_validate(
        {
            "Id": guid(number),
            "Number": number,
            "Name": number,
            "IsActive": True,
            "CodingId": guid("c"),
            "UnitId": guid("u"),
        }
    )
    for rate, number in (("25", "G1"), ("6", "G2"), ("0", "G3"), ("12", "G4"))
}
TERMS = [
    TermsOfPayment.model_validate(
        {"Id": guid(f"t{d}"), "NumberOfDays": d, "TermsOfPaymentTypeId": 0, "AvailableForSales": True}
    )
    for d in (0, 7, 10, 14, 15, 20, 30, 45, 60, 90, 120)
]


def order(**overrides: Any) -> Order:
    data: dict[str, Any] = {
        "schema_version": 1,
        "order_number": "GKS-1",
        "released": True,
        "customer": {
            "number": "7001",
            "name": "Nordiska Verktyg AB",
            "organisation_number": "556900-1234",
            "invoice_email": "faktura@example.se",
            "country_code": "SE",
            "address": {"line1": "Verkstadsvägen 4", "postal_code": "721 30", "city": "Västerås"},
            "currency": "SEK",
        },
        "payment_terms_days": 30,
        "rows": [{"text": "Borr", "quantity": 2, "unit": "st", "unit_price": "100.00", "vat_rate": 25}],
    }
    data.update(overrides)
    return Order.model_validate(data)


def draft(source: Order) -> Any:
    return to_order_draft(
        source,
        customer_id=guid("cust"),
        terms_id=None,
        articles=ARTICLES,
        units=UNITS,
        invoice_date=None,  # type: ignore[arg-type]
    )


def transfer(known_customers: tuple[str, ...] = ()) -> OrdersTransfer:
    """The transfer's checks without a context: what plan() has read is set directly."""
    subject = object.__new__(OrdersTransfer)
    subject.eek_ref = EekReference(CompanySettings.model_validate({"TermsOfPaymentId": guid("t30")}), TERMS)
    subject.codings = standard_codings()
    subject.articles = dict(ARTICLES)
    subject.customers = {number: None for number in known_customers}  # type: ignore[misc]
    return subject


def test_o2_unknown_customer_is_created_from_the_order_data() -> None:
    fields = to_order_customer_fields(order(), guid("t30"))
    assert (fields["CustomerNumber"], fields["Name"], fields["CorporateIdentityNumber"]) == (
        "7001",
        "Nordiska Verktyg AB",
        "556900-1234",
    )
    assert (fields["EmailAddress"], fields["InvoiceCountryCode"], fields["InvoiceCity"], fields["CurrencyCode"]) == (
        "faktura@example.se",
        "SE",
        "Västerås",
        "SEK",
    )
    assert fields["IsPrivatePerson"] is False


def test_o2_unknown_customer_without_postal_address_is_refused_with_a_hint() -> None:
    source = order(customer={"number": "7002", "name": "Utan Adress AB"})
    violation = transfer()._check_customer(source)
    assert violation is not None and violation.rule_id == "O2" and "postnummer" in violation.message
    assert transfer(known_customers=("7002",))._check_customer(source) is None  # a known customer needs nothing


def test_o3_the_order_rows_coding_is_ignored() -> None:
    with_coding = order(rows=[{"text": "Borr", "quantity": 1, "unit_price": 100, "vat_rate": 25, "coding": "9999"}])
    row = draft(with_coding).rows[0]
    assert row.article_number == "G1"
    assert "9999" not in str(draft(with_coding).to_body())


def test_o4_rounding_is_left_to_eekonomi() -> None:
    body = draft(order()).to_body()
    assert "TotalRoundings" not in body and all("Amount" not in row for row in body["Rows"])


@pytest.mark.parametrize(("rate", "article"), [(25, "G1"), (6, "G2"), (0, "G3"), (12, "G4")])
def test_o5_each_row_gets_the_article_of_its_vat_rate(rate: int, article: str) -> None:
    source = order(rows=[{"text": "x", "quantity": 1, "unit_price": 10, "vat_rate": rate}])
    assert draft(source).rows[0].article_number == article
    assert (
        transfer()._check_vat(
            source, {Decimal(r).normalize(): n for r, n in (("25", "G1"), ("6", "G2"), ("0", "G3"), ("12", "G4"))}
        )
        is None
    )


def test_o5_another_vat_rate_is_a_clear_error() -> None:
    source = order(rows=[{"text": "Importvara", "quantity": 1, "unit_price": 10, "vat_rate": 18}])
    violation = transfer()._check_vat(source, {Decimal(25): "G1"})
    assert violation is not None and violation.rule_id == "O5" and "18 %" in violation.message


def test_o6_payment_terms_must_be_one_of_eekonomis() -> None:
    assert transfer()._check_terms(order(payment_terms_days=30)) is None
    violation = transfer()._check_terms(order(payment_terms_days=25))
    assert violation is not None and violation.rule_id == "O6"
    assert "0, 7, 10, 14, 15, 20, 30, 45, 60, 90, 120 dagar netto" in violation.hint


@pytest.mark.parametrize(("text", "expected"), [("kartong", "st"), ("KG", "kg"), (None, "st"), ("st", "st")])
def test_o7_free_text_units_become_st_unless_eekonomi_has_the_unit(text: str | None, expected: str) -> None:
    source = order(rows=[{"text": "x", "quantity": 1, "unit": text, "unit_price": 1, "vat_rate": 25}])
    assert unit_for_row(source.rows[0], UNITS) == expected


def test_o8_negative_price_becomes_positive_price_and_negative_quantity() -> None:
    source = order(rows=[{"text": "Rabatt", "quantity": 2, "unit_price": "-50.00", "vat_rate": 25}])
    row = draft(source).rows[0]
    assert (row.unit_price, row.quantity) == (Decimal("50.00"), Decimal(-2))


def test_o9_rows_are_not_split_over_result_dimensions() -> None:
    row = draft(order()).rows[0]
    assert (row.cost_center_item_id1, row.cost_center_item_id2, row.cost_center_item_id3) == (None, None, None)


def test_o10_export_and_eu_flags_do_not_change_the_draft() -> None:
    plain, flagged = order(), order(export=True, eu=True)
    assert draft(plain).to_body() == draft(flagged).to_body()
    assert order_marker(flagged) == "GKS GKS-1"

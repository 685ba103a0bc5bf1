"""PM invoices -> the canonical invoice (rules I3, I4, I5, I7): header, text rows, article rows, totals, credit flag."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from brygga.domain import InvoiceRow
from brygga.mapping.severa_invoices import from_severa_invoice
from brygga.severa.invoice_models import InvoiceAddress, InvoiceProject
from brygga.severa.models import Money
from tests.mapping.builders import guid, pm_reference
from tests.mapping.invoice_builders import CUSTOMER_LABEL, PROJECT_LABEL, free_text, pm_invoice, pm_row


def texts(rows: tuple[InvoiceRow, ...]) -> list[tuple[bool, str]]:
    return [(row.is_text, row.text) for row in rows]


# I3: header ------------------------------------------------------------------------------------------
def test_i3_header_carries_customer_project_terms_references_and_currency() -> None:
    result = from_severa_invoice(pm_invoice(), [pm_row()], pm_reference())

    assert (result.pm_id, result.customer_pm_id, result.project_pm_id) == (
        guid("pm-invoice"),
        guid("pm-customer"),
        guid("pm-project"),
    )
    assert (result.customer_label, result.project_label) == (CUSTOMER_LABEL, PROJECT_LABEL)
    assert (result.customer_number, result.project_number) == ("1001", "2003")
    assert (result.payment_days, result.your_reference, result.our_reference) == (30, "Karin Lind", "Per Persson")
    assert (result.currency_code, result.invoice_date) == ("SEK", date(2026, 11, 10))
    assert result.status_guid == guid("status-to-transfer")


def test_i3_address_line_postal_code_city_and_country_code_come_from_the_receiver_address() -> None:
    result = from_severa_invoice(pm_invoice(), [], pm_reference())

    assert result.address is not None
    assert (result.address.line1, result.address.postal_code, result.address.city, result.address.country_code) == (
        "Storgatan 1",
        "111 22",
        "Stockholm",
        "SE",
    )
    assert result.address.is_complete()


def test_i3_country_is_matched_by_its_english_name_too() -> None:
    wire = pm_invoice(
        receiverAddress=InvoiceAddress(addressline="Gate 1", postalCode="0150", city="Oslo", country="norway")
    )
    address = from_severa_invoice(wire, [], pm_reference()).address
    assert address is not None and address.country_code == "NO"


def test_i3_invoice_on_several_projects_is_labelled_by_the_first() -> None:
    projects = [
        InvoiceProject(guid=guid("p-first"), name="Första", number=7),
        InvoiceProject(guid=guid("p-second"), name="Andra", number=8),
    ]
    result = from_severa_invoice(pm_invoice(projects=projects), [], pm_reference())
    assert (result.project_pm_id, result.project_label, result.project_number) == (guid("p-first"), "7 Första", "7")


def test_i3_invoice_without_project_has_an_empty_project_label() -> None:
    result = from_severa_invoice(pm_invoice(projects=None), [], pm_reference())
    assert (result.project_pm_id, result.project_label, result.project_number) == (None, "", None)


# I3: text rows ---------------------------------------------------------------------------------------
def test_i3_notes_and_free_text_before_go_on_top_and_free_text_after_at_the_bottom() -> None:
    wire = pm_invoice(notes="Anteckning", freeText1=free_text("Före raderna"), freeText2=free_text("Efter raderna"))
    rows = [pm_row(description="Licens"), pm_row(codes=["A-902"], description="Fika", vat_percent="12")]

    result = from_severa_invoice(wire, rows, pm_reference())

    assert texts(result.rows) == [
        (True, "Anteckning"),
        (True, "Före raderna"),
        (False, "Licens"),
        (False, "Fika"),
        (True, "Efter raderna"),
    ]


@pytest.mark.parametrize("blank", [None, "", "   \n "])
def test_i3_blank_notes_and_free_texts_add_no_text_rows(blank: str | None) -> None:
    wire = pm_invoice(notes=blank, freeText1=free_text(blank), freeText2=None)
    result = from_severa_invoice(wire, [pm_row()], pm_reference())
    assert texts(result.rows) == [(False, "Licens")]


def test_i3_text_rows_are_trimmed() -> None:
    result = from_severa_invoice(pm_invoice(notes="  Avser oktober \n"), [], pm_reference())
    assert texts(result.rows) == [(True, "Avser oktober")]


def test_i3_free_text_is_the_printed_text_not_the_raw_value_with_tags() -> None:
    printed = free_text(plain="Projekt Nordvik", value="Projekt [Project.Name]")
    raw_only = free_text(value="Bara värdet")
    result = from_severa_invoice(pm_invoice(freeText1=printed, freeText2=raw_only), [], pm_reference())
    assert texts(result.rows) == [(True, "Projekt Nordvik"), (True, "Bara värdet")]


# I4: rows --------------------------------------------------------------------------------------------
def test_i4_row_keeps_description_quantity_unit_price_and_vat_as_a_fraction() -> None:
    row = from_severa_invoice(pm_invoice(), [pm_row(quantity="7.5", price="1234.56", vat_percent="12")], pm_reference())
    (only,) = row.rows
    assert (only.text, only.code, only.unit) == ("Licens", "P-100", "st")
    assert (only.quantity, only.unit_price, only.vat_rate) == (Decimal("7.5"), Decimal("1234.56"), Decimal("0.12"))
    assert all(isinstance(v, Decimal) for v in (only.quantity, only.unit_price, only.vat_rate))


def test_i4_the_first_code_of_a_grouped_row_names_the_article() -> None:
    (row,) = from_severa_invoice(pm_invoice(), [pm_row(codes=["  ", "A-901 ", "P-100"])], pm_reference()).rows
    assert row.code == "A-901"


@pytest.mark.parametrize("codes", [None, [], ["", "  "]])
def test_s4_row_without_a_code_has_no_article_so_the_default_article_applies(codes: list[str] | None) -> None:
    (row,) = from_severa_invoice(pm_invoice(), [pm_row(codes=codes)], pm_reference()).rows
    assert row.code is None and not row.is_text


def test_i4_row_without_quantity_and_price_is_a_text_row() -> None:
    wire_row = pm_row(codes=["P-100"], quantity=None, price=None, description=" Fas 2 ")
    (row,) = from_severa_invoice(pm_invoice(), [wire_row], pm_reference()).rows
    assert row == InvoiceRow(text="Fas 2", is_text=True)


def test_i4_row_with_a_zero_price_is_still_an_article_row() -> None:
    (row,) = from_severa_invoice(pm_invoice(), [pm_row(price="0.00")], pm_reference()).rows
    assert not row.is_text and row.unit_price == Decimal("0.00")


def test_i4_the_rows_own_cost_center_is_kept() -> None:
    (row,) = from_severa_invoice(pm_invoice(), [pm_row(cost_center="HAMN")], pm_reference()).rows
    assert row.cost_center_number == "HAMN"


def test_i4_row_without_vat_rate_has_none() -> None:
    (row,) = from_severa_invoice(pm_invoice(), [pm_row(vat_percent=None)], pm_reference()).rows
    assert row.vat_rate is None


# I5: what makes the address incomplete ------------------------------------------------------------------
def test_i5_invoice_without_receiver_address_has_no_address() -> None:
    assert from_severa_invoice(pm_invoice(receiverAddress=None), [], pm_reference()).address is None


@pytest.mark.parametrize("missing", ["addressline", "postalCode", "city", "country"])
def test_i5_blank_or_unknown_address_parts_make_the_address_incomplete(missing: str) -> None:
    given = {"addressline": "Storgatan 1", "postalCode": "111 22", "city": "Stockholm", "country": "Sverige"}
    given[missing] = "Atlantis" if missing == "country" else "  "
    address = from_severa_invoice(pm_invoice(receiverAddress=InvoiceAddress(**given)), [], pm_reference()).address
    assert address is not None and not address.is_complete()


# totals and credit -----------------------------------------------------------------------------------
def test_i6_pm_totals_are_kept_exactly_for_the_comparison_with_the_draft() -> None:
    wire = pm_invoice(
        totalExcludingTax=Money(amount=Decimal("1000.10")),
        totalTax=Money(amount=Decimal("250.03")),
        totalIncludingTax=Money(amount=Decimal("1250.13")),
    )
    result = from_severa_invoice(wire, [], pm_reference())
    assert (result.total_excluding_vat, result.total_vat, result.total_including_vat) == (
        Decimal("1000.10"),
        Decimal("250.03"),
        Decimal("1250.13"),
    )


def test_i6_missing_pm_totals_stay_unknown() -> None:
    wire = pm_invoice(totalExcludingTax=None, totalTax=None, totalIncludingTax=None)
    assert from_severa_invoice(wire, [], pm_reference()).total_including_vat is None


@pytest.mark.parametrize("credit", [True, False])
def test_i7_credit_note_flag_is_kept(credit: bool) -> None:
    assert from_severa_invoice(pm_invoice(isCreditNote=credit), [], pm_reference()).is_credit is credit


def test_i3_an_empty_pm_row_adds_no_empty_text_row() -> None:
    empty = pm_row(codes=None, quantity=None, price=None, description="  ")
    result = from_severa_invoice(pm_invoice(), [pm_row(), empty], pm_reference())
    assert all(row.text.strip() for row in result.rows if row.is_text)

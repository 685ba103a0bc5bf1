"""The canonical invoice -> an eEkonomi draft, and the checks before it is sent (rules S4, S8, I2-I6, I8)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
import simplejson

from brygga.domain import Address
from brygga.mapping.invoice_drafts import (
    check_address,
    check_invoice,
    draft_marker,
    invoice_date_for,
    to_eekonomi_draft,
)
from tests.mapping.builders import guid
from tests.mapping.invoice_builders import (
    PROJECT_ITEM,
    TERMS_ID,
    article_row,
    draft_context,
    eek_article,
    eek_articles,
    invoice,
    item_id,
    text_row,
    with_address,
)
from tests.support.spec_validation import SpecValidator

PREFIX = "Could not add invoice for customer 1001 Acme AB and project 2003 Nordvik Kontorsbygge to Visma eAccounting"
TODAY = date(2026, 11, 22)
DRAFTS_URL = "http://e.test/v2/customerinvoicedrafts"


def spec_problems(body: object) -> list[str]:
    content = simplejson.dumps(body, use_decimal=True).encode()
    return SpecValidator.eekonomi().validate_request("POST", DRAFTS_URL, content, "application/json")


# I8: the marker --------------------------------------------------------------------------------------
def test_i8_marker_names_the_pm_invoice_and_goes_in_the_contract_number() -> None:
    source = invoice()
    draft = to_eekonomi_draft(source, draft_context())
    assert draft_marker(source) == f"PM {guid('pm-invoice')}"
    assert draft.contract_number == draft_marker(source)
    assert len(draft.contract_number) <= 100  # ContractNumber maxLength


def test_i8_different_pm_invoices_get_different_markers() -> None:
    assert draft_marker(invoice()) != draft_marker(invoice(pm_id=guid("another invoice")))


# S8 / I2: the invoice date ---------------------------------------------------------------------------
def test_s8_transfer_date_gives_the_draft_the_date_of_the_transfer() -> None:
    assert invoice_date_for(invoice(invoice_date=date(2026, 11, 10)), "transfer_date", TODAY) == TODAY


@pytest.mark.parametrize("pm_date", [date(2026, 11, 10), TODAY, date(2025, 12, 31)])
def test_s8_source_date_keeps_pm_date_when_not_in_the_future(pm_date: date) -> None:
    assert invoice_date_for(invoice(invoice_date=pm_date), "source_date", TODAY) == pm_date


@pytest.mark.parametrize("pm_date", [date(2026, 11, 23), None])
def test_s8_source_date_falls_back_to_today_for_a_future_or_missing_date(pm_date: date | None) -> None:
    assert invoice_date_for(invoice(invoice_date=pm_date), "source_date", TODAY) == TODAY


def test_i2_draft_gets_the_date_the_context_decided() -> None:
    draft = to_eekonomi_draft(invoice(), draft_context(invoice_date=date(2026, 11, 3)))
    assert draft.invoice_date == date(2026, 11, 3)
    assert draft.to_body()["InvoiceDate"] == "2026-11-03T00:00:00Z"


# I3: header and text rows ----------------------------------------------------------------------------
def test_i3_draft_header_carries_customer_terms_references_and_address_line() -> None:
    draft = to_eekonomi_draft(invoice(), draft_context())
    assert (draft.customer_id, draft.terms_of_payment_id) == (guid("eek-customer"), TERMS_ID)
    assert (draft.your_reference, draft.our_reference, draft.invoice_address1) == (
        "Karin Lind",
        "Per Persson",
        "Storgatan 1",
    )
    assert (draft.is_credit_invoice, draft.eu_third_party, draft.rot_reduced_invoicing_type) == (False, False, 0)


def test_i3_text_rows_become_text_rows_without_article_in_the_same_order() -> None:
    rows = (text_row("Anteckning"), article_row(), text_row("Efter raderna"))
    draft = to_eekonomi_draft(invoice(rows=rows), draft_context())
    assert [(r.is_text_row, r.text, r.article_id) for r in draft.rows or []] == [
        (True, "Anteckning", None),
        (False, "Licens", guid("article-P-100")),
        (True, "Efter raderna", None),
    ]


# I4: article rows ------------------------------------------------------------------------------------
def test_i4_article_row_carries_article_text_quantity_and_price_exactly() -> None:
    row = article_row(quantity="7.25", price="1234.56", text="Konsulttimmar")
    (draft_row,) = to_eekonomi_draft(invoice(rows=(row,)), draft_context()).rows or []
    assert (draft_row.article_id, draft_row.article_number, draft_row.text) == (
        guid("article-P-100"),
        "P-100",
        "Konsulttimmar",
    )
    assert (draft_row.quantity, draft_row.unit_price) == (Decimal("7.25"), Decimal("1234.56"))
    assert draft_row.is_text_row is False


def test_i4_row_without_text_takes_the_article_name() -> None:
    (draft_row,) = to_eekonomi_draft(invoice(rows=(article_row(text=""),)), draft_context()).rows or []
    assert draft_row.text == "Licens Projektverktyg"


@pytest.mark.parametrize("slot", [1, 2, 3])
def test_i4_project_item_goes_in_the_slot_of_the_project_cost_center(slot: int) -> None:
    (draft_row,) = to_eekonomi_draft(invoice(rows=(article_row(),)), draft_context(slot=slot)).rows or []
    slots = [draft_row.cost_center_item_id1, draft_row.cost_center_item_id2, draft_row.cost_center_item_id3]
    assert slots == [PROJECT_ITEM if number == slot else None for number in (1, 2, 3)]


def test_i4_the_rows_own_cost_center_wins_over_the_project() -> None:
    rows = (article_row(cost_center="HAMN"), article_row())
    first, second = to_eekonomi_draft(invoice(rows=rows), draft_context()).rows or []
    assert (first.cost_center_item_id2, second.cost_center_item_id2) == (item_id("HAMN"), PROJECT_ITEM)


def test_i4_no_project_item_and_no_row_cost_center_leaves_the_slots_empty() -> None:
    (draft_row,) = to_eekonomi_draft(invoice(rows=(article_row(),)), draft_context(project_item=None)).rows or []
    assert (draft_row.cost_center_item_id1, draft_row.cost_center_item_id2, draft_row.cost_center_item_id3) == (
        None,
        None,
        None,
    )


def test_i4_text_rows_get_no_cost_center_item() -> None:
    (draft_row,) = to_eekonomi_draft(invoice(rows=(text_row("Fas 1"),)), draft_context()).rows or []
    assert draft_row.cost_center_item_id2 is None


# S4: the default article -----------------------------------------------------------------------------
def test_s4_row_without_a_code_gets_the_default_article() -> None:
    (draft_row,) = to_eekonomi_draft(invoice(rows=(article_row(code=None),)), draft_context()).rows or []
    assert (draft_row.article_id, draft_row.article_number) == (guid("article-DIV"), "DIV")


def test_s4_the_chosen_default_article_is_used_not_a_fixed_one() -> None:
    ctx = draft_context(eek_articles(eek_article("STD", name="Standard")), default="STD")
    (draft_row,) = to_eekonomi_draft(invoice(rows=(article_row(code=None),)), ctx).rows or []
    assert draft_row.article_number == "STD"


def test_s4_inactive_default_article_is_the_originals_409() -> None:
    ctx = draft_context(eek_articles(eek_article("OLD", active=False)), default="OLD")
    violation = check_invoice(invoice(rows=(article_row(code=None),)), ctx)
    assert violation is not None and violation.rule_id == "I6"
    assert "(409) Conflict" in violation.message and "OLD" in violation.hint


# I4: the checks --------------------------------------------------------------------------------------
def test_i4_valid_invoice_passes_every_check() -> None:
    assert check_invoice(invoice(), draft_context()) is None


def test_i4_unknown_article_is_rejected_naming_the_code() -> None:
    violation = check_invoice(invoice(rows=(article_row(code="X-1"),)), draft_context())
    assert violation is not None and violation.rule_id == "I4"
    assert violation.message == f"{PREFIX}: artikeln X-1 finns inte i Visma eEkonomi."
    assert "X-1" in violation.hint and "brygga transfer articles" in violation.hint
    assert "X-1" in violation.hint_en


def test_i4_vat_rate_that_differs_from_the_articles_coding_is_rejected() -> None:
    row = article_row(code="P-100", vat="0.12", text="Licens")
    violation = check_invoice(invoice(rows=(row,)), draft_context())
    assert violation is not None and violation.rule_id == "I4"
    assert violation.message == (
        f'{PREFIX}: raden "Licens" har 12 % moms i Visma PM men artikeln P-100 har 25 % i Visma eEkonomi.'
    )
    assert "P-100" in violation.hint and "artikelkontering" in violation.hint


@pytest.mark.parametrize(("code", "vat"), [("P-100", "0.250"), ("A-902", "0.12"), ("B-600", "0.06"), ("M-000", "0")])
def test_i4_equal_vat_rates_pass_whatever_their_scale(code: str, vat: str) -> None:
    assert check_invoice(invoice(rows=(article_row(code=code, vat=vat),)), draft_context()) is None


def test_i4_row_without_pm_vat_rate_agrees_only_with_a_0_percent_article() -> None:
    # PM's totals carry no VAT for such a row, so any other rate would make eEkonomi's draft differ (fuzzing, issue 12).
    violation = check_invoice(invoice(rows=(article_row(code="A-902", vat=None),)), draft_context())
    assert violation is not None and violation.rule_id == "I4" and "saknar moms" in violation.message
    assert check_invoice(invoice(rows=(article_row(code="M-000", vat=None),)), draft_context()) is None


def test_i4_article_whose_coding_is_unknown_is_not_compared() -> None:
    odd = eek_article("ODD", vat="0.25").model_copy(update={"coding_id": guid("coding-unknown")})
    row = article_row(code="ODD", vat="0.12")
    assert check_invoice(invoice(rows=(row,)), draft_context(eek_articles(odd))) is None


def test_i4_text_rows_need_no_article() -> None:
    rows = (text_row("Bara text"), article_row(code="P-100", vat="0.25"))
    assert check_invoice(invoice(rows=rows), draft_context()) is None
    # eEkonomi refuses a draft without any article row (eaccounting-api.md §9): see tests/fuzz/test_found_bugs.py.


# I5: the address -------------------------------------------------------------------------------------
I5_MESSAGE = f"{PREFIX}, because invoice address is missing."


def test_i5_invoice_without_address_has_the_originals_exact_message_and_hint() -> None:
    violation = check_address(invoice(address=None))
    assert violation is not None and violation.rule_id == "I5"
    assert violation.message == I5_MESSAGE
    assert violation.hint.startswith("Fakturan saknar adress.") and "Faktureringsinformation" in violation.hint
    assert violation.hint_en


@pytest.mark.parametrize("missing", ["line1", "postal_code", "city", "country_code"])
def test_i5_each_missing_address_part_rejects_the_invoice(missing: str) -> None:
    violation = check_invoice(with_address(invoice(), **{missing: " "}), draft_context())
    assert violation is not None and (violation.rule_id, violation.message) == ("I5", I5_MESSAGE)


def test_i5_message_names_customer_and_project_as_pm_shows_them() -> None:
    source = invoice(address=Address(), customer_label="42 Fjällgården Hotell AB", project_label="")
    violation = check_address(source)
    assert violation is not None
    assert violation.message == (
        "Could not add invoice for customer 42 Fjällgården Hotell AB and project  to Visma eAccounting, "
        "because invoice address is missing."
    )


def test_i5_is_reported_before_long_fields_and_unknown_articles() -> None:
    source = invoice(address=None, your_reference="x" * 101, rows=(article_row(code="X-1"),))
    violation = check_invoice(source, draft_context())
    assert violation is not None and violation.rule_id == "I5"


# I6: eEkonomi's field limits -------------------------------------------------------------------------
def length_message(*fields: tuple[str, int]) -> str:
    listed = " ".join(f"The field {name} must be a string with a maximum length of {limit}." for name, limit in fields)
    return f"{PREFIX}. ErrorCode: 2000, DeveloperErrorMessage: ValidateModelAttributeException - {listed}"


@pytest.mark.parametrize(
    ("field", "name", "limit"),
    [("your_reference", "YourReference", 100), ("our_reference", "OurReference", 100)],
)
def test_i6_references_over_100_characters_are_rejected_in_eekonomis_format(field: str, name: str, limit: int) -> None:
    assert check_invoice(invoice(**{field: "x" * limit}), draft_context()) is None
    violation = check_invoice(invoice(**{field: "x" * (limit + 1)}), draft_context())
    assert violation is not None and violation.rule_id == "I6"
    assert violation.message == length_message((name, limit))
    assert "Er referens" in violation.hint and violation.hint_en


def test_i6_address_line_over_50_characters_is_rejected() -> None:
    assert check_invoice(with_address(invoice(), line1="a" * 50), draft_context()) is None
    violation = check_invoice(with_address(invoice(), line1="a" * 51), draft_context())
    assert violation is not None and violation.message == length_message(("InvoiceAddress1", 50))


@pytest.mark.parametrize("row_kind", ["text", "article"])
def test_i6_row_text_over_2000_characters_is_rejected(row_kind: str) -> None:
    def row(length: int) -> object:
        return text_row("t" * length) if row_kind == "text" else article_row(text="t" * length)

    assert check_invoice(invoice(rows=(row(2000), article_row())), draft_context()) is None
    violation = check_invoice(invoice(rows=(row(2001), article_row())), draft_context())
    assert violation is not None and violation.message == length_message(("Text", 2000))


def test_i6_every_too_long_field_is_listed_at_once_and_a_long_text_once() -> None:
    source = invoice(your_reference="y" * 101, our_reference="o" * 101, rows=(text_row("t" * 2001),) * 2)
    violation = check_invoice(with_address(source, line1="a" * 51), draft_context())
    assert violation is not None
    assert violation.message == length_message(
        ("YourReference", 100), ("OurReference", 100), ("InvoiceAddress1", 50), ("Text", 2000)
    )


def test_i6_long_fields_are_reported_before_row_problems() -> None:
    violation = check_invoice(invoice(your_reference="y" * 101, rows=(article_row(code="X-1"),)), draft_context())
    assert violation is not None and violation.rule_id == "I6"


def test_i6_long_address_line_gets_the_originals_hint() -> None:
    violation = check_invoice(with_address(invoice(), line1="a" * 51), draft_context())
    assert violation is not None
    assert "Adress 1" in violation.hint and "50 tecken" in violation.hint


# I6: inactive articles -------------------------------------------------------------------------------
def test_i6_inactive_article_is_the_originals_409_conflict_with_its_hint() -> None:
    violation = check_invoice(invoice(rows=(article_row(code="A-903"),)), draft_context())
    assert violation is not None and violation.rule_id == "I6"
    assert violation.message == f"{PREFIX}. The remote server returned an error: (409) Conflict"
    assert "har inaktiverats i eEkonomi" in violation.hint
    assert "aktivera" in violation.hint and "Synka programmen på nytt" in violation.hint
    assert "A-903" in violation.hint and "A-903" in violation.hint_en


def test_i6_first_failing_row_is_reported() -> None:
    rows = (article_row(), article_row(code="A-903"), article_row(code="X-1"))
    violation = check_invoice(invoice(rows=rows), draft_context())
    assert violation is not None and violation.rule_id == "I6"


# the body on the wire --------------------------------------------------------------------------------
def test_i3_draft_body_validates_against_the_official_spec() -> None:
    rows = (text_row("Avser oktober"), article_row(), article_row(code=None, cost_center="HAMN"))
    body = to_eekonomi_draft(invoice(rows=rows), draft_context()).to_body()
    assert spec_problems(body) == []
    assert body["ContractNumber"] == f"PM {guid('pm-invoice')}"
    assert "TotalAmount" not in body  # read-only totals are never sent


def test_i3_draft_body_without_references_or_terms_still_validates() -> None:
    source = invoice(your_reference=None, our_reference=None)
    assert spec_problems(to_eekonomi_draft(source, draft_context(terms_id=None)).to_body()) == []


def test_i4_amounts_on_the_wire_are_exact_decimals() -> None:
    body = to_eekonomi_draft(invoice(rows=(article_row(quantity="0.1", price="0.30"),)), draft_context()).to_body()
    text = simplejson.dumps(body, use_decimal=True)
    assert '"Quantity": 0.1' in text and '"UnitPrice": 0.30' in text


def test_i4_row_with_quantity_but_no_price_is_rejected_or_valid_on_the_wire() -> None:
    row = replace(article_row(), unit_price=None)
    source = invoice(rows=(row,))
    violation = check_invoice(source, draft_context())
    assert violation is not None or spec_problems(to_eekonomi_draft(source, draft_context()).to_body()) == []

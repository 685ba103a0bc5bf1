"""Regression tests for what the fuzzer found (issue 12), each named after the rule that now refuses the object.

Before: each of these mapped to a body that the official schema let through but eEkonomi refuses (a blank required
name, an invoice without an article row, a quantity or price with more than two decimals), or to a draft whose VAT
differed from PM's totals (a PM row without VAT on a taxed article).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from brygga.domain import Article, ArticleKind, Customer, Project
from brygga.domain.customer import Address
from brygga.errors import RuleViolation
from brygga.mapping.article_rules import check_article_for_eekonomi
from brygga.mapping.customer_rules import check_for_eekonomi
from brygga.mapping.eekonomi_articles import to_eekonomi_fields as article_fields
from brygga.mapping.eekonomi_customers import to_eekonomi_fields
from brygga.mapping.invoice_drafts import check_invoice, to_eekonomi_draft, two_places
from brygga.transfer.projects.planner import check_project
from tests.fuzz.world import PM_REFERENCE, world
from tests.mapping.invoice_builders import article_row, draft_context, invoice, text_row

BLANK_NAMES = ["", " ", "\t\u00a0 "]
REQUIRED = "ValidateModelAttributeException - The Name field is required."


def assert_hinted(violation: object, rule: str) -> None:
    assert isinstance(violation, RuleViolation) and violation.rule_id == rule
    assert violation.hint.strip() and violation.hint_en.strip() and violation.title and violation.title_en


@pytest.mark.parametrize("name", BLANK_NAMES)
def test_c6_a_customer_without_a_name_is_refused_as_eekonomi_words_it(name: str) -> None:
    customer = Customer(
        number="1077", name=name.strip(), address=Address("Storgatan 1", None, "222 22", "Lund", "SE"), payment_days=30
    )
    ref = world().eek_ref
    terms = ref.terms_for_days(30)
    violation = check_for_eekonomi(
        customer, to_eekonomi_fields(customer, terms.id if terms else None), ref, PM_REFERENCE
    )
    assert_hinted(violation, "C6")
    assert violation is not None and violation.message.endswith(REQUIRED)


@pytest.mark.parametrize("name", BLANK_NAMES)
def test_a7_an_article_without_a_name_is_refused_as_eekonomi_words_it(name: str) -> None:
    article = Article("T-1", name.strip(), kind=ArticleKind.TRAVEL, vat_rate=Decimal("0.25"), net_price=Decimal(10))
    ref = world().article_ref
    coding, unit = ref.service_coding(Decimal("0.25")), ref.unit_for(article)
    assert coding is not None and unit is not None
    violation = check_article_for_eekonomi(article, article_fields(article, coding.id, unit.id), ref)
    assert_hinted(violation, "A7")
    assert violation is not None and violation.message.startswith("Could not add travel expense T-1 ")


@pytest.mark.parametrize("name", BLANK_NAMES)
def test_p4_a_project_without_a_name_is_refused_as_eekonomi_words_it(name: str) -> None:
    violation = check_project(Project("2010", name))
    assert_hinted(violation, "P4")
    assert violation is not None and violation.message.endswith(REQUIRED)


def test_i4_an_invoice_with_only_text_rows_is_refused_before_eekonomi_refuses_it() -> None:
    for rows in ((), (text_row("Avser oktober"),)):
        violation = check_invoice(invoice(rows=rows), draft_context())
        assert_hinted(violation, "I4")
        assert violation is not None and "at least one row must include an article ID" in violation.message


def test_i4_a_row_without_pm_vat_on_a_taxed_article_is_refused_instead_of_an_ore_difference() -> None:
    violation = check_invoice(invoice(rows=(article_row(code="A-902", vat=None),)), draft_context())
    assert violation is not None and violation.rule_id == "I4" and "saknar moms i Visma PM" in violation.message


@pytest.mark.parametrize(
    ("quantity", "price", "field"), [("1.333", "100.00", "Quantity"), ("1", "0.0049", "UnitPrice")]
)
def test_i6_more_than_two_decimals_is_refused_with_eekonomis_pattern(quantity: str, price: str, field: str) -> None:
    violation = check_invoice(invoice(rows=(article_row(quantity=quantity, price=price),)), draft_context())
    assert_hinted(violation, "I6")
    assert violation is not None and f"The field {field} must match the regular expression" in violation.message


def test_i6_surplus_zeros_are_not_decimals_and_go_over_without_them() -> None:
    source = invoice(rows=(article_row(quantity="8.0000", price="1400.5000"),))
    assert check_invoice(source, draft_context()) is None
    row = (to_eekonomi_draft(source, draft_context()).rows or [])[0]
    assert (str(row.quantity), str(row.unit_price)) == ("8.00", "1400.50")
    assert [two_places(Decimal(v)) for v in ("0.30", "1E+2", "0.005")] == [Decimal("0.30"), Decimal(100), None]

"""What an article must pass before it is sent to eEkonomi, in the original integration's words (A2-A8), and a
property: every PM item either passes and makes a body the official spec accepts, or is refused with a rule id."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
import simplejson
from hypothesis import given, settings
from hypothesis import strategies as st

from brygga.domain import Article, ArticleKind
from brygga.errors import RuleViolation
from brygga.mapping.article_rules import check_article_for_eekonomi, check_article_for_pm, duplicate_code
from brygga.mapping.eekonomi_articles import ArticleReference, to_eekonomi_article
from brygga.mapping.severa_articles import from_severa_product, from_severa_travel_type, from_severa_work_type
from tests.mapping.article_builders import (
    RATES,
    STANDARD_UNITS,
    article,
    coding,
    eek_reference,
    fields_for,
    pm_product,
    pm_reference,
    pm_travel_type,
    pm_work_type,
    standard_codings,
)
from tests.support.spec_validation import SpecValidator

NAME_51 = "N" * 51
TOO_LONG_NAME = "ValidateModelAttributeException - The field Name must be a string with a maximum length of 50."
NULL_CODING = "Error converting value {null} to type 'System.Guid'. Path 'CodingId', line 8, position 18."


def check(item: Article, op: str = "add") -> RuleViolation | None:
    ref = eek_reference()
    return check_article_for_eekonomi(item, fields_for(item, ref), ref, op)


def violation(item: Article, op: str = "add") -> RuleViolation:
    found = check(item, op)
    assert found is not None, f"{item} passed"
    return found


def test_a_valid_article_of_each_kind_passes() -> None:
    for kind in ArticleKind:
        assert check(article(kind=kind)) is None


# --- A6: a code is required ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "where"),
    [
        (ArticleKind.PRODUCT, "Inställningar > Produkter"),
        (ArticleKind.WORK_TYPE, "Inställningar > Projektets arbetstyper"),
        (ArticleKind.TRAVEL, "Inställningar > Resekostnader"),
    ],
)
def test_a6_missing_code_is_refused_with_a_hint_to_set_one_in_pm(kind: ArticleKind, where: str) -> None:
    found = violation(article(kind=kind, number=None, name="Utan kod"))
    assert found.rule_id == "A6"
    assert kind.swedish in found.message and '"Utan kod"' in found.message
    assert where in found.hint
    assert found.hint_en


def test_a6_missing_code_wins_over_the_other_problems() -> None:
    assert violation(article(number=None, name=NAME_51, vat_rate=None)).rule_id == "A6"


def test_a6_eekonomi_article_without_number_cannot_become_a_pm_product() -> None:
    found = check_article_for_pm(article(number=None))
    assert found is not None and found.rule_id == "A6"
    assert check_article_for_pm(article()) is None


# --- A7: name at most 50 --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "noun", "hint_start"),
    [
        (ArticleKind.PRODUCT, "product", "Produktnamnet överstiger 50 tecken."),
        (ArticleKind.WORK_TYPE, "work type", "Arbetstypens namn överstiger 50 tecken."),
        (ArticleKind.TRAVEL, "travel expense", "Resekostnadsnamnet överstiger 50 tecken."),
    ],
)
def test_a7_name_over_50_gets_the_originals_exact_message_and_hint(
    kind: ArticleKind, noun: str, hint_start: str
) -> None:
    found = violation(article(kind=kind, number="X-1", name=NAME_51))
    assert found.rule_id == "A7"
    assert found.message == (
        f"Could not add {noun} X-1 to Visma eAccounting. ErrorCode: 2000, DeveloperErrorMessage: {TOO_LONG_NAME}"
    )
    assert found.hint.startswith(hint_start)


def test_a7_name_of_exactly_50_passes() -> None:
    assert check(article(name="N" * 50)) is None


def test_a7_update_says_update() -> None:
    assert violation(article(name=NAME_51), op="update").message.startswith("Could not update product P-100 ")


def test_a7_over_long_article_number_is_refused_too() -> None:
    found = violation(article(number="9" * 41))
    assert found.rule_id == "A7"
    assert "The field Number must be a string with a maximum length of 40." in found.message


def test_a7_nothing_is_truncated() -> None:
    item = article(name=NAME_51)
    assert fields_for(item, eek_reference())["Name"] == NAME_51


# --- A8: no VAT rate --------------------------------------------------------------------------------------------
def test_a8_product_without_vat_gets_the_originals_exact_message_and_hint() -> None:
    found = violation(article(number="P-7", vat_rate=None))
    assert found.rule_id == "A8"
    assert found.message == (
        "Could not add product P-7 to Visma eAccounting. ErrorCode: 2000, DeveloperErrorMessage: "
        f"ValidateModelAttributeException - {NULL_CODING}"
    )
    assert found.hint.startswith("Produkten saknar moms angivelse.")
    assert "Inställningar > Produkter" in found.hint


def test_a8_and_a7_together_give_both_messages_in_the_originals_order() -> None:
    found = violation(article(number="P-7", vat_rate=None, name=NAME_51))
    assert found.message == (
        "Could not add product P-7 to Visma eAccounting. ErrorCode: 2000, DeveloperErrorMessage: "
        f"ValidateModelAttributeException - {NULL_CODING} The field Name must be a string with a maximum length of 50."
    )


def test_a8_work_type_without_pm_default_vat_points_to_the_vat_settings() -> None:
    item = from_severa_work_type(pm_work_type(), pm_reference(default_vat_percent=None))
    found = violation(item)
    assert found.rule_id == "A8"
    assert found.message.startswith("Could not add work type KONS to Visma eAccounting.")
    assert "standardmomssats" in found.hint


def test_a8_the_body_would_have_had_no_coding() -> None:
    assert fields_for(article(vat_rate=None), eek_reference())["CodingId"] is None


def test_a8_and_a7_together_hint_at_both_the_vat_and_the_name() -> None:
    found = violation(article(number="P-7", vat_rate=None, name=NAME_51))
    assert "saknar moms" in found.hint and "överstiger 50 tecken" in found.hint


# --- A5: prices the spec refuses are refused before any call ----------------------------------------------------
def test_a5_gross_price_over_the_spec_maximum_is_refused_before_sending() -> None:
    found = check(article(net_price=Decimal("99000000.00")))
    assert found is not None and found.rule_id == "A5"


def test_a5_negative_pm_price_is_refused_before_sending() -> None:
    found = check(article(net_price=Decimal("-100.00")))
    assert found is not None and found.rule_id == "A5"


# --- A3: a "Tjänster x% moms" coding must exist -------------------------------------------------------------------
def test_a3_rate_without_a_service_coding_is_refused_with_the_coding_to_create() -> None:
    ref = eek_reference(codings=[coding("Varor 12% moms", "Goods", Decimal("0.12"))])
    item = article(vat_rate=Decimal("0.12"))
    found = check_article_for_eekonomi(item, fields_for(item, ref), ref)
    assert found is not None and found.rule_id == "A3"
    assert '"Tjänster 12% moms"' in found.message and "12 % moms" in found.message
    assert 'artikelkonteringen "Tjänster 12% moms"' in found.hint


def test_a3_new_article_gets_the_service_coding_of_its_rate() -> None:
    ref = eek_reference()
    chosen = ref.coding(fields_for(article(vat_rate=Decimal("0.06")), ref)["CodingId"])
    assert chosen is not None and chosen.name == "Tjänster 6% moms"


# --- A4: a unit must exist ---------------------------------------------------------------------------------------
def test_a4_no_unit_that_fits_is_refused() -> None:
    ref = eek_reference(units=[("Kilogram", "kg", "kg", "kg")])
    item = article(kind=ArticleKind.WORK_TYPE, unit=None)
    found = check_article_for_eekonomi(item, fields_for(item, ref), ref)
    assert found is not None and found.rule_id == "A4"
    assert "Timmar" in found.hint


# --- A2: one code, one PM item ----------------------------------------------------------------------------------
def test_a2_a_code_used_twice_in_pm_is_refused_with_the_code_in_message_and_hint() -> None:
    found = duplicate_code(article(number="100", name="Konsultation", kind=ArticleKind.WORK_TYPE))
    assert found.rule_id == "A2"
    assert "Koden 100" in found.message and 'arbetstypen "Konsultation"' in found.message
    assert "Koden 100 finns på flera poster" in found.hint


# --- property: pass and be valid for the spec, or be refused with a rule id -------------------------------------
REFUSING_RULES = {"A2", "A3", "A4", "A6", "A7", "A8"}
ARTICLES_URL = "http://e.test/v2/articles"

printable = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
# Mostly codes and names that could pass, so the spec branch of the property is well exercised.
codes = st.one_of(
    st.text(printable, min_size=1, max_size=12),
    st.text(printable, min_size=1, max_size=12),
    st.text(printable, min_size=38, max_size=45),
    st.none(),
    st.just("   "),
)
names = st.one_of(st.text(printable, min_size=1, max_size=30), st.text(printable, min_size=45, max_size=60))
percents = st.sampled_from([None, Decimal("25"), Decimal("12"), Decimal("6"), Decimal("0"), Decimal("7")])
units = st.sampled_from([None, "st", "h", "km", "kg", "mån", "pall", "TIM"])
# Up to 1 000 000.00: the gross price stays inside the spec's 0..99 000 000 (larger: see test_money.py's xfail).
prices = st.one_of(st.none(), st.decimals(min_value=0, max_value=1_000_000, places=2))


@st.composite
def pm_items(draw: st.DrawFn) -> Article:
    code, name, active = draw(codes), draw(names), draw(st.booleans())
    percent, unit, price = draw(percents), draw(units), draw(prices)
    kind = draw(st.sampled_from(list(ArticleKind)))
    if kind is ArticleKind.PRODUCT:
        return from_severa_product(
            pm_product(code=code, name=name, vatRate=percent, measurementUnit=unit, isActive=active, price=price)
        )
    if kind is ArticleKind.WORK_TYPE:
        ref = pm_reference(default_vat_percent=percent, work_type_prices={} if price is None else None)
        work = pm_work_type(code=code, name=name, isActive=active)
        return replace(from_severa_work_type(work, ref), net_price=price)
    travel = pm_travel_type(
        code=code,
        name=name,
        vatRate=percent,
        measurementUnit=unit,
        isActive=active,
        expenseClass=draw(st.sampled_from(["Mileage", "OtherTravelExpense", "DailyAllowance"])),
    )
    return replace(from_severa_travel_type(travel, pm_reference()), net_price=price)


# Companies that lack hours (A4 for work types) or the 12 % service coding (A3), besides a complete one.
references = st.sampled_from(
    [
        eek_reference(),
        eek_reference(units=[row for row in STANDARD_UNITS if row[1] != "h"]),
        eek_reference(codings=[c for c in standard_codings() if c.name != "Tjänster 12% moms"]),
    ]
)


@settings(max_examples=200, deadline=None)
@given(item=pm_items(), ref=references)
def test_a6_a7_a8_a3_a4_every_pm_item_is_valid_for_the_spec_or_refused_with_a_rule_id(
    item: Article, ref: ArticleReference
) -> None:
    fields = fields_for(item, ref)
    found = check_article_for_eekonomi(item, fields, ref)
    if found is not None:
        assert found.rule_id in REFUSING_RULES
        assert found.message and found.hint
        return
    body = simplejson.dumps(to_eekonomi_article(fields).to_body(), use_decimal=True).encode()
    problems = SpecValidator.eekonomi().validate_request("POST", ARTICLES_URL, body, "application/json")
    assert problems == []


def test_a3_property_rates_include_one_without_a_coding() -> None:
    """Guards the property above: its 7 % rate must really be refused (A3), or the property would test less."""
    assert Decimal("0.07") not in RATES
    assert violation(article(vat_rate=Decimal("0.07"))).rule_id == "A3"

"""PM products, work types and travel expense types <-> the canonical article <-> eEkonomi articles.

Rules A1 (three PM kinds are articles), A3 (the "Tjänster x% moms" coding), A4 (unit), A5 (prices), A9 (active),
and the eEkonomi -> PM direction (new PM products, PATCHes for linked items when eEkonomi is the master, S2).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from brygga.domain import Article, ArticleKind
from brygga.mapping.eekonomi_articles import (
    coding_name_for,
    from_eekonomi_article,
    to_eekonomi_article,
    to_eekonomi_fields,
)
from brygga.mapping.severa_articles import (
    from_severa_product,
    from_severa_travel_type,
    from_severa_work_type,
    pm_article_id,
    severa_article_changes,
    to_severa_product,
)
from tests.mapping.article_builders import (
    STANDARD_UNITS,
    article,
    coding,
    coding_id,
    eek_article,
    eek_reference,
    pm_product,
    pm_reference,
    pm_travel_type,
    pm_work_type,
    unit_id,
)
from tests.mapping.builders import guid


# --- A1: the three PM kinds are articles ------------------------------------------------------------------
def test_a1_product_becomes_an_article_with_code_name_unit_vat_and_price() -> None:
    result = from_severa_product(pm_product(code=" P-100 ", name="  Licens Projektverktyg "))
    assert result == Article(
        number="P-100",
        name="Licens Projektverktyg",
        is_active=True,
        kind=ArticleKind.PRODUCT,
        unit="st",
        vat_rate=Decimal("0.25"),
        net_price=Decimal("1200.00"),
    )


def test_a1_work_type_takes_the_pm_default_vat_rate_and_its_price_list_price() -> None:
    result = from_severa_work_type(pm_work_type(), pm_reference(default_vat_percent=Decimal("12")))
    assert (result.kind, result.number, result.name) == (ArticleKind.WORK_TYPE, "KONS", "Konsultation")
    assert result.vat_rate == Decimal("0.12")
    assert result.net_price == Decimal("950.00")  # the price list's, not the hour cost (450.00)


def test_a1_work_type_without_a_price_list_price_has_no_price() -> None:
    result = from_severa_work_type(pm_work_type(), pm_reference(work_type_prices={}))
    assert result.net_price is None


def test_a1_work_type_without_a_pm_default_vat_rate_has_none() -> None:
    assert from_severa_work_type(pm_work_type(), pm_reference(default_vat_percent=None)).vat_rate is None


def test_a1_travel_type_takes_its_own_vat_and_the_price_list_price_not_its_cost() -> None:
    result = from_severa_travel_type(pm_travel_type(), pm_reference())
    assert (result.kind, result.number, result.unit) == (ArticleKind.TRAVEL, "RESA", "st")
    assert result.vat_rate == Decimal("0.06")
    assert result.net_price == Decimal("320.00")
    assert result.mileage is False


@pytest.mark.parametrize(
    ("expense_class", "is_mileage"),
    [("Mileage", False), ("mileage", False), ("OtherTravelExpense", True)],
    ids=["class", "class in lower case", "flag"],
)
def test_a1_travel_type_is_mileage_by_class_or_flag(expense_class: str, is_mileage: bool) -> None:
    travel = pm_travel_type(expenseClass=expense_class, isMileage=is_mileage)
    assert from_severa_travel_type(travel, pm_reference()).mileage is True


def test_a1_the_three_kinds_share_one_link_space_keyed_by_kind() -> None:
    same_guid = guid("shared")
    ids = {pm_article_id(kind, same_guid) for kind in ArticleKind}
    assert ids == {f"product:{same_guid}", f"work_type:{same_guid}", f"travel:{same_guid}"}


def test_a1_missing_code_is_none_not_empty_text() -> None:
    assert from_severa_product(pm_product(code="   ")).number is None


def test_a1_article_label_and_fingerprint() -> None:
    base = article()
    assert base.label == "P-100 Licens Projektverktyg"
    assert replace(base, number=None).label == "Licens Projektverktyg"
    assert base.fingerprint() == article().fingerprint()
    changed = [replace(base, net_price=Decimal("1200.01")), replace(base, is_active=False), replace(base, unit="h")]
    assert all(other.fingerprint() != base.fingerprint() for other in changed)


@pytest.mark.parametrize(
    ("kind", "english", "swedish"),
    [
        (ArticleKind.PRODUCT, "product", "produkten"),
        (ArticleKind.WORK_TYPE, "work type", "arbetstypen"),
        (ArticleKind.TRAVEL, "travel expense", "resekostnaden"),
    ],
)
def test_a7_kind_words_are_the_originals(kind: ArticleKind, english: str, swedish: str) -> None:
    assert (kind.english, kind.swedish) == (english, swedish)


# --- A9: active / inactive is carried ---------------------------------------------------------------------
def test_a9_inactive_product_work_type_and_travel_type_stay_inactive() -> None:
    ref = pm_reference()
    assert from_severa_product(pm_product(isActive=False)).is_active is False
    assert from_severa_work_type(pm_work_type(isActive=False), ref).is_active is False
    assert from_severa_travel_type(pm_travel_type(isActive=False), ref).is_active is False


def test_a9_product_without_an_active_flag_counts_as_active() -> None:
    assert from_severa_product(pm_product(isActive=None)).is_active is True


def test_a9_inactive_article_is_sent_inactive_to_eekonomi() -> None:
    fields = to_eekonomi_fields(article(is_active=False), coding_id("x"), unit_id("st"))
    assert fields["IsActive"] is False


def test_a9_inactive_eekonomi_article_is_inactive_in_pm() -> None:
    read = from_eekonomi_article(eek_article(IsActive=False), eek_reference())
    assert read.is_active is False
    assert to_severa_product(read, "SEK").isActive is False


# --- A3: the "Tjänster x% moms" coding --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rate", "name"),
    [("0.25", "Tjänster 25% moms"), ("0.12", "Tjänster 12% moms"), ("0.06", "Tjänster 6% moms")],
)
def test_a3_coding_name_follows_the_vat_rate(rate: str, name: str) -> None:
    assert coding_name_for(Decimal(rate)) == name


@pytest.mark.parametrize("rate", ["0.25", "0.12", "0.06", "0"])
def test_a3_service_coding_is_the_tjanster_coding_of_that_rate_not_goods(rate: str) -> None:
    found = eek_reference().service_coding(Decimal(rate))
    assert found is not None
    assert found.type == "Service"
    assert found.vat_rate == Decimal(rate)
    assert (found.name or "").startswith("Tjänster ")


def test_a3_service_coding_accepts_rates_sent_as_percent() -> None:
    ref = eek_reference(codings=[coding("Tjänster 25% moms", "Service", Decimal("25"))])
    found = ref.service_coding(Decimal("0.25"))
    assert found is not None and found.name == "Tjänster 25% moms"


def test_a3_inactive_tjanster_coding_falls_back_to_another_active_service_coding() -> None:
    ref = eek_reference(
        codings=[
            coding("Tjänster 25% moms", "Service", Decimal("0.25"), active=False),
            coding("Varor 25% moms", "Goods", Decimal("0.25")),
            coding("Konsulttjänster 25%", "Service", Decimal("0.25")),
        ]
    )
    found = ref.service_coding(Decimal("0.25"))
    assert found is not None and found.name == "Konsulttjänster 25%"


def test_a3_tjanster_coding_is_preferred_over_other_service_codings_of_the_rate() -> None:
    ref = eek_reference(
        codings=[
            coding("Konsulttjänster 25%", "Service", Decimal("0.25")),
            coding("Tjänster 25% moms", "Service", Decimal("0.25")),
        ]
    )
    found = ref.service_coding(Decimal("0.25"))
    assert found is not None and found.name == "Tjänster 25% moms"


def test_a3_only_goods_codings_for_the_rate_give_no_service_coding() -> None:
    ref = eek_reference(codings=[coding("Varor 25% moms", "Goods", Decimal("0.25"))])
    assert ref.service_coding(Decimal("0.25")) is None


def test_a3_no_coding_with_the_rate_gives_none() -> None:
    assert eek_reference().service_coding(Decimal("0.07")) is None


# --- A4: unit ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["kg", "KG", "Kilogram", "kilogram"])
def test_a4_pm_unit_known_to_eekonomi_is_used(text: str) -> None:
    found = eek_reference().unit_for(article(unit=text))
    assert found is not None and found.id == unit_id("kg")


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (article(kind=ArticleKind.WORK_TYPE, unit=None), "h"),
        (article(kind=ArticleKind.WORK_TYPE, unit="fortnight"), "h"),
        (article(kind=ArticleKind.TRAVEL, unit="mil", mileage=True), "km"),
        (article(kind=ArticleKind.TRAVEL, unit=None, mileage=False), "st"),
        (article(kind=ArticleKind.PRODUCT, unit="fortnight"), "st"),
        (article(kind=ArticleKind.PRODUCT, unit=None), "st"),
    ],
    ids=["work type", "work type, unknown unit", "mileage", "other travel", "product, unknown unit", "product"],
)
def test_a4_unknown_or_missing_unit_falls_back_by_kind(item: Article, expected: str) -> None:
    found = eek_reference().unit_for(item)
    assert found is not None and found.id == unit_id(expected)


def test_a4_fallback_finds_hours_by_its_swedish_name_too() -> None:
    ref = eek_reference(units=[("Timmar", "T1", "", ""), *STANDARD_UNITS[1:]])
    found = ref.unit_for(article(kind=ArticleKind.WORK_TYPE, unit=None))
    assert found is not None and found.name == "Timmar"


def test_a4_no_fallback_unit_in_eekonomi_gives_none() -> None:
    ref = eek_reference(units=[("Kilogram", "kg", "kg", "kg")])
    assert ref.unit_for(article(kind=ArticleKind.WORK_TYPE, unit=None)) is None


# --- A5: prices ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("net", "rate", "gross"),
    [
        ("1200.00", "0.25", "1500.00"),
        ("100.00", "0.12", "112.00"),
        ("0.10", "0.06", "0.11"),  # 0.106 -> 0.11
        ("10.02", "0.25", "12.53"),  # 12.525 -> 12.53, half away from zero
        ("99.99", "0", "99.99"),
    ],
)
def test_a5_net_price_is_the_pm_unit_price_and_gross_is_net_plus_vat_in_ore(net: str, rate: str, gross: str) -> None:
    fields = to_eekonomi_fields(article(net_price=Decimal(net), vat_rate=Decimal(rate)), "c", "u")
    assert (fields["NetPrice"], fields["GrossPrice"]) == (Decimal(net), Decimal(gross))


def test_a5_the_unit_price_is_sent_not_the_unit_cost() -> None:
    fields = to_eekonomi_fields(from_severa_product(pm_product(price=Decimal("1200.00"))), "c", "u")
    assert fields["NetPrice"] == Decimal("1200.00")  # pm_product's unit cost is 400.00


def test_a5_without_a_price_no_price_fields_are_sent() -> None:
    fields = to_eekonomi_fields(article(net_price=None), "c", "u")
    assert "NetPrice" not in fields and "GrossPrice" not in fields


def test_a5_the_article_body_carries_exact_decimals() -> None:
    body = to_eekonomi_article(to_eekonomi_fields(article(net_price=Decimal("10.02")), "c", "u")).to_body()
    assert body["NetPrice"] == Decimal("10.02") and body["GrossPrice"] == Decimal("12.53")
    assert isinstance(body["GrossPrice"], Decimal)


def test_a5_body_has_the_required_fields_and_no_read_only_ones() -> None:
    body = to_eekonomi_article(to_eekonomi_fields(article(), coding_id("c"), unit_id("st"))).to_body()
    assert {"Number", "Name", "CodingId", "UnitId", "IsActive"} <= body.keys()
    assert "Id" not in body and "CodingName" not in body


def test_a5_update_keeps_fields_brygga_does_not_own() -> None:
    base = eek_article(Note="Kampanjpris", PurchasePrice=Decimal("10.00"))
    updated = to_eekonomi_article({"Name": "Nytt namn"}, base).to_body()
    assert (updated["Name"], updated["Note"], updated["PurchasePrice"]) == (
        "Nytt namn",
        "Kampanjpris",
        Decimal("10.00"),
    )


# --- eEkonomi -> canonical -----------------------------------------------------------------------------------
def test_a1_eekonomi_article_reads_number_name_unit_vat_and_net_price() -> None:
    read = from_eekonomi_article(eek_article(Number=" P-100 ", Name=" Licens Projektverktyg "), eek_reference())
    assert read == article(unit="st")


def test_a1_eekonomi_article_with_unknown_coding_has_no_vat_rate() -> None:
    read = from_eekonomi_article(eek_article(CodingId=guid("gone"), UnitAbbreviation="x"), eek_reference())
    assert read.vat_rate is None


def test_a1_eekonomi_article_with_unknown_unit_keeps_its_abbreviation() -> None:
    read = from_eekonomi_article(eek_article(UnitId=guid("gone"), UnitAbbreviation="ask"), eek_reference())
    assert read.unit == "ask"


def test_a6_eekonomi_article_with_blank_number_has_no_code() -> None:
    assert from_eekonomi_article(eek_article(Number="  "), eek_reference()).number is None


# --- eEkonomi -> PM: new products and PATCHes --------------------------------------------------------------
def test_a1_new_article_from_eekonomi_becomes_a_pm_product_with_percent_vat() -> None:
    product = to_severa_product(article(vat_rate=Decimal("0.12"), unit="kg"), "SEK")
    assert (product.code, product.name, product.measurementUnit) == ("P-100", "Licens Projektverktyg", "kg")
    assert product.vatRate == Decimal("12")
    assert product.unitPrice is not None
    assert (product.unitPrice.amount, product.unitPrice.currencyCode) == (Decimal("1200.00"), "SEK")


def test_a1_new_article_without_price_or_vat_becomes_a_product_without_them() -> None:
    product = to_severa_product(article(vat_rate=None, net_price=None), "SEK")
    assert product.vatRate is None and product.unitPrice is None


def test_s2_linked_product_gets_every_changed_field_from_the_eekonomi_master() -> None:
    current = article()
    desired = article(
        number="P-101",
        name="Ny licens",
        is_active=False,
        net_price=Decimal("1300.00"),
        vat_rate=Decimal("0.06"),
        unit="kg",
    )
    changes = severa_article_changes(ArticleKind.PRODUCT, current, desired, "SEK")
    assert changes == {
        "name": "Ny licens",
        "code": "P-101",
        "isActive": False,
        "unitPrice": {"amount": Decimal("1300.00"), "currencyCode": "SEK"},
        "vatRate": Decimal("6"),
        "measurementUnit": "kg",
    }


def test_s2_unchanged_linked_product_needs_no_patch() -> None:
    assert severa_article_changes(ArticleKind.PRODUCT, article(), article(), "SEK") == {}


@pytest.mark.parametrize("kind", [ArticleKind.WORK_TYPE, ArticleKind.TRAVEL])
def test_s2_work_and_travel_types_never_get_a_price_vat_or_unit_patch(kind: ArticleKind) -> None:
    current = article(kind=kind)
    desired = article(kind=kind, name="Nytt namn", net_price=Decimal("1.00"), vat_rate=Decimal("0.06"), unit="kg")
    assert severa_article_changes(kind, current, desired, "SEK") == {"name": "Nytt namn"}


def test_s2_article_without_price_in_eekonomi_does_not_clear_the_pm_price() -> None:
    changes = severa_article_changes(ArticleKind.PRODUCT, article(), article(net_price=None, vat_rate=None), "SEK")
    assert changes == {}

"""Integration settings for invoices and supplier invoices: default article (S4), supplier costs (S5), the four
invoice statuses (S6), the supplier-invoice period (S7) and the invoice date (S8), with their cross-field checks."""

from __future__ import annotations

from datetime import date

import pytest

from brygga.errors import ConfigError
from brygga.transfer.options import SETTING_HELP, TransferOptions


def test_s4_no_default_article_is_chosen_until_the_user_picks_one() -> None:
    assert TransferOptions.from_store({}).default_article_number is None
    assert TransferOptions.from_store({"default_article_number": "DIV"}).default_article_number == "DIV"


def test_s5_supplier_costs_default_to_non_billable() -> None:
    assert TransferOptions.from_store({}).supplier_costs == "non_billable"


@pytest.mark.parametrize("choice", ["billable", "non_billable"])
def test_s5_supplier_costs_can_be_billable_or_not(choice: str) -> None:
    assert TransferOptions.from_store({"supplier_costs": choice}).supplier_costs == choice
    assert TransferOptions.check({"supplier_costs": choice}) == []


@pytest.mark.parametrize("value", ["fakturerbar", "Billable", ""])
def test_s5_other_supplier_cost_choices_are_refused(value: str) -> None:
    assert TransferOptions.check({"supplier_costs": value}) == [f"supplier_costs: ogiltigt värde {value!r}"]
    with pytest.raises(ConfigError, match="supplier_costs"):
        TransferOptions.from_store({"supplier_costs": value})


def test_s6_status_names_default_to_the_originals() -> None:
    options = TransferOptions.from_store({})
    assert (
        options.invoice_status_to_transfer,
        options.invoice_status_transferred,
        options.invoice_status_sent,
        options.invoice_status_paid,
    ) == ("Skicka till eEkonomi", "Överförd eEkonomi", "Skickad", "Betald")


def test_s6_status_names_are_free_text() -> None:
    options = TransferOptions.from_store({"invoice_status_paid": "Betalad", "invoice_status_sent": "Skickad kund"})
    assert (options.invoice_status_sent, options.invoice_status_paid) == ("Skickad kund", "Betalad")


@pytest.mark.parametrize("period", ["today", "this_week", "last_week", "this_month", "last_month"])
def test_s7_named_periods_need_no_dates(period: str) -> None:
    assert TransferOptions.check({"supplier_invoice_period": period}) == []


def test_s7_period_defaults_to_this_month() -> None:
    assert TransferOptions.from_store({}).supplier_invoice_period == "this_month"


def test_s7_custom_period_takes_both_dates_as_text() -> None:
    options = TransferOptions.from_store(
        {
            "supplier_invoice_period": "custom",
            "supplier_invoice_from": "2026-10-01",
            "supplier_invoice_to": "2026-10-31",
        }
    )
    assert (options.supplier_invoice_from, options.supplier_invoice_to) == (date(2026, 10, 1), date(2026, 10, 31))


def test_s7_one_day_custom_period_is_allowed() -> None:
    values = {
        "supplier_invoice_period": "custom",
        "supplier_invoice_from": "2026-10-01",
        "supplier_invoice_to": "2026-10-01",
    }
    assert TransferOptions.check(values) == []


@pytest.mark.parametrize("given", [{}, {"supplier_invoice_from": "2026-10-01"}, {"supplier_invoice_to": "2026-10-31"}])
def test_s7_custom_period_without_both_dates_is_refused(given: dict[str, str]) -> None:
    problems = TransferOptions.check({"supplier_invoice_period": "custom", **given})
    assert problems == ["supplier_invoice_period custom behöver supplier_invoice_from och supplier_invoice_to"]


def test_s7_custom_period_that_ends_before_it_starts_is_refused() -> None:
    values = {
        "supplier_invoice_period": "custom",
        "supplier_invoice_from": "2026-11-01",
        "supplier_invoice_to": "2026-10-31",
    }
    assert TransferOptions.check(values) == ["supplier_invoice_from ligger efter supplier_invoice_to"]
    with pytest.raises(ConfigError) as caught:
        TransferOptions.from_store(values)
    assert "supplier_invoice_from ligger efter supplier_invoice_to" in caught.value.message
    assert "brygga settings set" in caught.value.hint


@pytest.mark.parametrize("period", ["next_month", "yesterday", "This_week"])
def test_s7_unknown_periods_are_refused(period: str) -> None:
    assert TransferOptions.check({"supplier_invoice_period": period}) == [
        f"supplier_invoice_period: ogiltigt värde {period!r}"
    ]


def test_s7_a_date_that_does_not_exist_is_refused() -> None:
    values = {
        "supplier_invoice_period": "custom",
        "supplier_invoice_from": "2026-02-30",
        "supplier_invoice_to": "2026-03-31",
    }
    assert "supplier_invoice_from: ogiltigt värde '2026-02-30'" in TransferOptions.check(values)


def test_s8_invoice_date_defaults_to_the_transfer_date_as_the_original() -> None:
    assert TransferOptions.from_store({}).invoice_date == "transfer_date"


def test_s8_source_date_can_be_chosen() -> None:
    assert TransferOptions.from_store({"invoice_date": "source_date"}).invoice_date == "source_date"


@pytest.mark.parametrize("value", ["pm_date", "today", ""])
def test_s8_other_invoice_date_choices_are_refused(value: str) -> None:
    assert TransferOptions.check({"invoice_date": value}) == [f"invoice_date: ogiltigt värde {value!r}"]


def test_s9_invoice_problems_are_listed_together_with_the_others() -> None:
    problems = TransferOptions.check({"supplier_costs": "ja", "invoice_date": "igår", "invoice_staus_paid": "x"})
    assert problems == [
        "Okänd inställning: invoice_staus_paid",
        "supplier_costs: ogiltigt värde 'ja'",
        "invoice_date: ogiltigt värde 'igår'",
    ]


def test_s7_custom_period_problem_is_listed_with_other_problems() -> None:
    problems = TransferOptions.check({"supplier_costs": "ja", "supplier_invoice_period": "custom"})
    assert problems == [
        "supplier_costs: ogiltigt värde 'ja'",
        "supplier_invoice_period custom behöver supplier_invoice_from och supplier_invoice_to",
    ]


@pytest.mark.parametrize(
    ("key", "rule"),
    [
        ("default_article_number", "S4"),
        ("supplier_costs", "S5"),
        ("invoice_status_to_transfer", "S6"),
        ("invoice_status_paid", "S6"),
        ("supplier_invoice_period", "S7"),
        ("invoice_date", "S8"),
    ],
)
def test_s4_to_s8_every_setting_has_help_in_swedish_and_english(key: str, rule: str) -> None:
    swedish, english = SETTING_HELP[key]
    assert swedish and english and swedish != english
    assert rule in swedish

"""Integration settings ("Inställningar"): the customer master (S1), and every problem listed at once (S9)."""

from __future__ import annotations

import pytest

from brygga.errors import ConfigError
from brygga.transfer.options import SETTING_HELP, TransferOptions


def test_s1_customer_master_defaults_to_pm() -> None:
    assert TransferOptions.from_store({}).master_customers == "pm"


@pytest.mark.parametrize("master", ["pm", "eekonomi"])
def test_s1_customer_master_can_be_either_system(master: str) -> None:
    assert TransferOptions.from_store({"master_customers": master}).master_customers == master
    assert TransferOptions.check({"master_customers": master}) == []


def test_s1_setting_has_help_in_swedish_and_english() -> None:
    swedish, english = SETTING_HELP["master_customers"]
    assert "pm eller eekonomi" in swedish and "pm or eekonomi" in english


@pytest.mark.parametrize("value", ["PM", "fortnox", ""])
def test_s1_stored_invalid_master_stops_with_a_fix_hint(value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        TransferOptions.from_store({"master_customers": value})
    assert "master_customers" in caught.value.message
    assert "tillåtna värden: pm, eekonomi" in caught.value.message
    assert "brygga settings set" in caught.value.hint


def test_s1_settings_of_other_features_in_the_store_do_not_break_loading() -> None:
    assert TransferOptions.from_store({"invoice_date": "transfer_date"}).master_customers == "pm"


def test_s9_every_invalid_setting_is_listed() -> None:
    problems = TransferOptions.check({"master_customers": "fortnox", "mastr_customers": "pm", "colour": "blue"})
    assert len(problems) == 3
    assert "Okänd inställning: mastr_customers" in problems
    assert "Okänd inställning: colour" in problems
    assert "master_customers: ogiltigt värde 'fortnox' (tillåtna värden: pm, eekonomi)" in problems


def test_s9_valid_settings_give_no_problems() -> None:
    assert TransferOptions.check({}) == []

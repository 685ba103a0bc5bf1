"""Integration settings for articles and projects: the article master (S2) and the project cost center (S3)."""

from __future__ import annotations

import pytest

from brygga.errors import ConfigError
from brygga.transfer.options import SETTING_HELP, TransferOptions


def test_s2_article_master_defaults_to_eekonomi() -> None:
    assert TransferOptions.from_store({}).master_articles == "eekonomi"


def test_s2_article_master_default_is_independent_of_the_customer_master() -> None:
    options = TransferOptions.from_store({"master_customers": "eekonomi"})
    assert (options.master_customers, options.master_articles) == ("eekonomi", "eekonomi")
    options = TransferOptions.from_store({"master_articles": "pm"})
    assert (options.master_customers, options.master_articles) == ("pm", "pm")


@pytest.mark.parametrize("master", ["pm", "eekonomi"])
def test_s2_article_master_can_be_either_system(master: str) -> None:
    assert TransferOptions.from_store({"master_articles": master}).master_articles == master
    assert TransferOptions.check({"master_articles": master}) == []


@pytest.mark.parametrize("value", ["PM", "visma", ""])
def test_s2_invalid_article_master_is_listed_with_the_allowed_values(value: str) -> None:
    assert TransferOptions.check({"master_articles": value}) == [
        f"master_articles: ogiltigt värde {value!r} (tillåtna värden: pm, eekonomi)"
    ]
    with pytest.raises(ConfigError) as caught:
        TransferOptions.from_store({"master_articles": value})
    assert "master_articles" in caught.value.message
    assert "brygga settings set" in caught.value.hint


def test_s2_setting_help_names_the_default_in_both_languages() -> None:
    swedish, english = SETTING_HELP["master_articles"]
    assert "standard eekonomi" in swedish and "default eekonomi" in english


def test_s3_project_cost_center_is_unset_by_default() -> None:
    assert TransferOptions.from_store({}).project_cost_center is None


def test_s3_project_cost_center_is_kept_as_given() -> None:
    assert TransferOptions.from_store({"project_cost_center": "Projekt"}).project_cost_center == "Projekt"
    assert TransferOptions.check({"project_cost_center": "2"}) == []


def test_s3_setting_help_explains_name_or_number() -> None:
    swedish, english = SETTING_HELP["project_cost_center"]
    assert "namn eller nummer" in swedish and "by name or number" in english


def test_s9_article_and_customer_master_problems_are_listed_together() -> None:
    problems = TransferOptions.check({"master_articles": "x", "master_customers": "y", "master_article": "pm"})
    assert len(problems) == 3
    assert "Okänd inställning: master_article" in problems

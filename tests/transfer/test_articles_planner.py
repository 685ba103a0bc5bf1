"""What the article transfer decides per item (rules A1, A2, A6, A9 and the master S2), through the shared pure
planner ``plan_pairs`` with the article rules the transfer gives it."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from decimal import Decimal

import pytest

from brygga.domain import Article, ArticleKind
from brygga.errors import RuleViolation
from brygga.mapping.article_rules import check_article_for_eekonomi, duplicate_code
from brygga.store import Link
from brygga.transfer.articles.pm_side import PmItem
from brygga.transfer.articles.transfer import PmNumbers, article_clash, article_plan_rules
from brygga.transfer.options import TransferOptions
from brygga.transfer.outcome import Action
from brygga.transfer.sync.planner import Change, Direction, Plan, PlanRules, Side, plan_pairs
from tests.mapping.article_builders import article, eek_reference, fields_for
from tests.mapping.builders import guid

PM_ID, EEK_ID = "product:pm-1", "eek-1"
DEFAULT_MASTER = TransferOptions().master_articles


def article_rules(master: str = DEFAULT_MASTER, duplicates: Collection[str] = ()) -> PlanRules[Article]:
    """The rules ``ArticlesTransfer.plan`` hands the planner: eEkonomi's checks, the A2 clash, A9's inactive items."""
    ref = eek_reference()

    def check_for_eek(item: Article, op: str) -> RuleViolation | None:
        if item.number in duplicates:
            return duplicate_code(item)
        return check_article_for_eekonomi(item, fields_for(item, ref), ref, op)

    return article_plan_rules(master, check_for_eek)


def side(changed: dict[str, Article] | None = None, others: dict[str, Article] | None = None) -> Side[Article]:
    """A side whose number index holds its changed articles plus ``others`` (unchanged ones found by code)."""
    everything = {**(others or {}), **(changed or {})}
    return Side(changed or {}, {a.number: (i, a) for i, a in everything.items() if a.number})


def plan(
    pm: Side[Article],
    eek: Side[Article],
    links: Sequence[Link] = (),
    master: str = DEFAULT_MASTER,
    duplicates: Collection[str] = (),
) -> Plan[Article]:
    return plan_pairs(pm, eek, links, article_rules(master, duplicates))


def only(result: Plan[Article]) -> Change[Article]:
    assert len(result.changes) == 1, result.changes
    return result.changes[0]


def link_for(pm_item: Article, eek_item: Article) -> Link:
    return Link("articles", PM_ID, EEK_ID, pm_item.fingerprint(), eek_item.fingerprint())


# --- A1: new items both ways ---------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", list(ArticleKind))
def test_a1_new_pm_item_of_every_kind_is_created_in_eekonomi(kind: ArticleKind) -> None:
    change = only(plan(side({PM_ID: article(kind=kind)}), side()))
    assert (change.direction, change.action, change.violation) == (Direction.PM_TO_EEK, Action.CREATE, None)


@pytest.mark.parametrize("master", ["pm", "eekonomi"])
def test_a1_new_items_go_both_ways_whatever_the_master(master: str) -> None:
    pm_new, eek_new = article(number="P-1"), article(number="E-1", name="Hosting")
    result = plan(side({PM_ID: pm_new}), side({EEK_ID: eek_new}), master=master)
    assert {(c.direction, c.action, c.source_id) for c in result.changes} == {
        (Direction.PM_TO_EEK, Action.CREATE, PM_ID),
        (Direction.EEK_TO_PM, Action.CREATE, EEK_ID),
    }


# --- A2: first link by code AND name ----------------------------------------------------------------------------
def test_a2_same_code_and_trimmed_name_links_without_creating() -> None:
    pm_item, eek_item = article(name="Licens Projektverktyg "), article(name=" Licens Projektverktyg")
    result = plan(side({PM_ID: pm_item}), side({EEK_ID: eek_item}))
    change = only(result)  # the eEkonomi article is claimed by the link: no second change, no duplicate
    assert (change.direction, change.action, change.target_id) == (Direction.PM_TO_EEK, Action.LINK, EEK_ID)


def test_a2_unchanged_eekonomi_article_found_by_code_is_linked() -> None:
    change = only(plan(side({PM_ID: article()}), side(others={EEK_ID: article()})))
    assert (change.action, change.target_id) == (Action.LINK, EEK_ID)


@pytest.mark.parametrize("eek_name", ["Licens Projektverktyg Pro", "licens projektverktyg"])
def test_a2_same_code_other_name_is_reported_never_linked_or_duplicated(eek_name: str) -> None:
    result = plan(side({PM_ID: article()}), side({EEK_ID: article(name=eek_name)}))
    change = only(result)  # the eEkonomi article is not created in PM either
    assert (change.direction, change.action, change.target_id) == (Direction.PM_TO_EEK, Action.REJECT, EEK_ID)
    assert change.violation is not None and change.violation.rule_id == "A2"
    assert change.violation.message == (
        "Artikeln P-100 Licens Projektverktyg kopplades inte: koden P-100 finns redan i Visma eEkonomi med namnet "
        f'"{eek_name}".'
    )
    assert f'i Visma eEkonomi heter artikeln "{eek_name}"' in change.violation.hint
    assert "Ingen dubblett skapades." in change.violation.hint


def test_a2_new_eekonomi_article_whose_code_is_another_pm_item_is_reported() -> None:
    result = plan(side(others={PM_ID: article(name="Annat namn")}), side({EEK_ID: article()}))
    change = only(result)
    assert (change.direction, change.action, change.target_id) == (Direction.EEK_TO_PM, Action.REJECT, PM_ID)
    assert change.violation is not None and change.violation.rule_id == "A2"
    assert "finns redan i Visma PM" in change.violation.message


def test_a2_eekonomi_article_already_linked_to_another_pm_item_is_not_linked_twice() -> None:
    other_link = Link("articles", "work_type:other", EEK_ID, "x", "y")
    change = only(plan(side({PM_ID: article()}), side(others={EEK_ID: article()}), links=[other_link]))
    assert (change.action, change.target_id) == (Action.REJECT, EEK_ID)
    assert change.violation is not None and change.violation.rule_id == "A2"


def test_a2_a_code_shared_by_two_pm_items_refuses_both() -> None:
    product = PmItem(ArticleKind.PRODUCT, guid("p"), article(number="100", name="Licens"))
    work = PmItem(ArticleKind.WORK_TYPE, guid("w"), article(number="100", name="Konsult", kind=ArticleKind.WORK_TYPE))
    other = PmItem(ArticleKind.TRAVEL, guid("t"), article(number="200", name="Resa", kind=ArticleKind.TRAVEL))
    numbers = PmNumbers()
    for item in (product, work, other):
        numbers.add(item.pm_id, item.article.number)
    duplicates = numbers.duplicates
    assert duplicates == {"100"}
    result = plan(side({i.pm_id: i.article for i in (product, work, other)}), side(), duplicates=duplicates)
    by_source = {c.source_id: c for c in result.changes}
    for refused in (product, work):
        change = by_source[refused.pm_id]
        assert change.action is Action.REJECT
        assert change.violation is not None and change.violation.rule_id == "A2"
    assert by_source[other.pm_id].action is Action.CREATE


@pytest.mark.parametrize("direction", list(Direction))
def test_a2_clash_names_the_other_system(direction: Direction) -> None:
    found = article_clash(direction, article(), article(name="Annat"))
    other = "Visma eEkonomi" if direction is Direction.PM_TO_EEK else "Visma PM"
    assert found.rule_id == "A2"
    assert f'finns redan i {other} med namnet "Annat"' in found.message
    assert found.hint_en.startswith("Articles are linked by code and name.")


# --- S2: updates only from the master (default eEkonomi) --------------------------------------------------------
def test_s2_default_article_master_is_eekonomi() -> None:
    assert DEFAULT_MASTER == "eekonomi"


def test_s2_with_the_default_master_a_pm_change_is_skipped_with_the_reason() -> None:
    old = article()
    change = only(plan(side({PM_ID: replace(old, name="Nytt namn")}), side(), links=[link_for(old, old)]))
    assert (change.direction, change.action, change.target_id) == (Direction.PM_TO_EEK, Action.SKIP, EEK_ID)
    assert change.reason == (
        "Ändrad i Visma PM, men Visma eEkonomi är huvudsystem för artiklar: ändringen förs inte över."
    )


def test_s2_with_the_default_master_an_eekonomi_change_updates_pm() -> None:
    old = article()
    new_price = replace(old, net_price=Decimal("1300.00"))
    change = only(plan(side(), side({EEK_ID: new_price}), links=[link_for(old, old)]))
    assert (change.direction, change.action, change.target_id) == (Direction.EEK_TO_PM, Action.UPDATE, PM_ID)


def test_s2_with_pm_as_master_a_pm_change_updates_eekonomi_and_an_eekonomi_change_is_skipped() -> None:
    old = article()
    result = plan(
        side({PM_ID: replace(old, name="Nytt namn")}),
        side({EEK_ID: replace(old, unit="kg")}),
        links=[link_for(old, old)],
        master="pm",
    )
    assert {(c.direction, c.action) for c in result.changes} == {
        (Direction.PM_TO_EEK, Action.UPDATE),
        (Direction.EEK_TO_PM, Action.SKIP),
    }


def test_s2_unchanged_linked_item_needs_nothing() -> None:
    old = article()
    result = plan(side({PM_ID: old}), side({EEK_ID: old}), links=[link_for(old, old)])
    assert [c.action for c in result.changes] == [Action.NONE, Action.NONE]
    assert result.actionable() == []


def test_a7_update_from_the_pm_master_that_breaks_a_rule_is_refused() -> None:
    old = article()
    change = only(plan(side({PM_ID: replace(old, name="N" * 51)}), side(), links=[link_for(old, old)], master="pm"))
    assert change.action is Action.REJECT
    assert change.violation is not None and change.violation.rule_id == "A7"
    assert change.violation.message.startswith("Could not update product P-100 to Visma eAccounting.")


# --- A9: inactive items are carried, not skipped ----------------------------------------------------------------
@pytest.mark.parametrize("from_pm", [True, False], ids=["PM", "eEkonomi"])
def test_a9_new_inactive_item_is_created_not_skipped(from_pm: bool) -> None:
    inactive = {PM_ID if from_pm else EEK_ID: article(is_active=False)}
    pm, eek = (side(inactive), side()) if from_pm else (side(), side(inactive))
    change = only(plan(pm, eek))
    assert change.action is Action.CREATE
    assert change.item.is_active is False


def test_a9_deactivating_a_linked_item_in_the_master_is_an_update() -> None:
    old = article()
    change = only(plan(side(), side({EEK_ID: replace(old, is_active=False)}), links=[link_for(old, old)]))
    assert (change.direction, change.action) == (Direction.EEK_TO_PM, Action.UPDATE)


# --- A6 / A8 in the plan ----------------------------------------------------------------------------------------
def test_a6_new_items_without_code_are_refused_both_ways() -> None:
    result = plan(side({PM_ID: article(number=None)}), side({EEK_ID: article(number=None, name="Hosting")}))
    assert {(c.direction, c.action, c.violation.rule_id if c.violation else None) for c in result.changes} == {
        (Direction.PM_TO_EEK, Action.REJECT, "A6"),
        (Direction.EEK_TO_PM, Action.REJECT, "A6"),
    }


def test_a8_new_pm_product_without_vat_is_refused_not_created() -> None:
    change = only(plan(side({PM_ID: article(vat_rate=None)}), side()))
    assert change.action is Action.REJECT
    assert change.violation is not None and change.violation.rule_id == "A8"

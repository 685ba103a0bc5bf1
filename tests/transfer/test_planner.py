"""What a customer transfer decides per customer (rules C1, C2, C3); the planner is pure, so no I/O here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest

from brygga.domain import Customer
from brygga.errors import RuleViolation
from brygga.store import Link
from brygga.transfer.customers.planner import Change, Check, Direction, Plan, Side, plan_customers
from brygga.transfer.outcome import Action
from tests.mapping.builders import canonical

PM_ID, EEK_ID = "pm-1", "eek-1"


def side(changed: dict[str, Customer] | None = None, others: dict[str, Customer] | None = None) -> Side:
    """A side whose number index holds its changed customers plus ``others`` (unchanged ones found by number)."""
    everything = {**(others or {}), **(changed or {})}
    return Side(changed or {}, {c.number: (i, c) for i, c in everything.items() if c.number})


def accept(_customer: Customer, _op: str) -> RuleViolation | None:
    return None


def plan(
    pm: Side,
    eek: Side,
    links: Sequence[Link] = (),
    master: str = "pm",
    check_for_eek: Check = accept,
    check_for_pm: Check = accept,
) -> Plan:
    return plan_customers(pm, eek, links, master, check_for_eek, check_for_pm)


def only(result: Plan) -> Change:
    assert len(result.changes) == 1, result.changes
    return result.changes[0]


def link_for(pm_customer: Customer, eek_customer: Customer) -> Link:
    return Link("customers", PM_ID, EEK_ID, pm_customer.fingerprint(), eek_customer.fingerprint())


# --- C1: active customers, new ones both ways ------------------------------------------------------------
@pytest.mark.parametrize(
    ("pm_changed", "eek_changed", "direction"),
    [
        ({PM_ID: canonical()}, {}, Direction.PM_TO_EEK),
        ({}, {EEK_ID: canonical()}, Direction.EEK_TO_PM),
    ],
    ids=["new in PM", "new in eEkonomi"],
)
def test_c1_new_active_customer_is_created_in_the_other_system(
    pm_changed: dict[str, Customer], eek_changed: dict[str, Customer], direction: Direction
) -> None:
    change = only(plan(side(pm_changed), side(eek_changed)))
    assert (change.direction, change.action, change.target_id) == (direction, Action.CREATE, None)


@pytest.mark.parametrize("master", ["pm", "eekonomi"])
def test_c1_new_customers_go_both_ways_whatever_the_master(master: str) -> None:
    pm_new, eek_new = canonical(number="1"), canonical(number="2", name="Beta AB")
    result = plan(side({PM_ID: pm_new}), side({EEK_ID: eek_new}), master=master)
    assert {(c.direction, c.action) for c in result.changes} == {
        (Direction.PM_TO_EEK, Action.CREATE),
        (Direction.EEK_TO_PM, Action.CREATE),
    }


@pytest.mark.parametrize("from_pm", [True, False], ids=["PM", "eEkonomi"])
def test_c1_inactive_unlinked_customer_is_skipped_not_created(from_pm: bool) -> None:
    inactive = {"x": canonical(is_active=False)}
    pm, eek = (side(inactive), side()) if from_pm else (side(), side(inactive))
    change = only(plan(pm, eek))
    assert change.action is Action.SKIP
    assert change.rule == "C1" and "Inaktiv" in change.reason


def test_c1_new_customer_breaking_a_rule_is_rejected_with_that_rule() -> None:
    violation = RuleViolation("C5", "ingen adress")
    change = only(plan(side({PM_ID: canonical()}), side(), check_for_eek=lambda c, op: violation))
    assert (change.action, change.violation) == (Action.REJECT, violation)


# --- C2: first link by number AND trimmed name ---------------------------------------------------------
@pytest.mark.parametrize(
    ("pm_name", "eek_name"),
    [("Acme AB", "Acme AB"), ("Acme AB", "  Acme AB "), (" Acme AB\t", "Acme AB")],
)
def test_c2_same_number_and_trimmed_name_is_linked_not_created(pm_name: str, eek_name: str) -> None:
    existing = canonical(name=eek_name)
    change = only(plan(side({PM_ID: canonical(name=pm_name)}), side(others={EEK_ID: existing})))
    assert (change.action, change.target_id) == (Action.LINK, EEK_ID)


@pytest.mark.parametrize("eek_name", ["Acme Sverige AB", "ACME AB", "Acme  AB"])
def test_c2_number_match_with_other_name_is_reported_not_linked(eek_name: str) -> None:
    result = plan(side({PM_ID: canonical()}), side(others={EEK_ID: canonical(name=eek_name)}))
    change = only(result)
    assert change.action is Action.REJECT
    assert change.violation is not None and change.violation.rule_id == "C2"
    assert change.violation.message == (
        f'Kunden 1001 Acme AB kopplades inte: kundnummer 1001 finns redan i Visma eEkonomi med namnet "{eek_name}".'
    )
    assert eek_name in change.violation.hint and "Ingen dubblett skapades" in change.violation.hint


def test_c2_clash_is_reported_once_and_neither_side_is_duplicated() -> None:
    """Both customers changed: the PM pass reports the clash, the eEk pass must not create a PM twin."""
    result = plan(side({PM_ID: canonical()}), side({EEK_ID: canonical(name="Acme Sverige AB")}))
    assert [(c.direction, c.action) for c in result.changes] == [(Direction.PM_TO_EEK, Action.REJECT)]


def test_c2_clash_found_from_eekonomi_side_is_reported_not_duplicated() -> None:
    result = plan(side(others={PM_ID: canonical(name="Acme Sverige AB")}), side({EEK_ID: canonical()}))
    change = only(result)
    assert (change.direction, change.action) == (Direction.EEK_TO_PM, Action.REJECT)
    assert change.violation is not None and change.violation.rule_id == "C2"
    assert "finns redan i Visma PM" in change.violation.message


def test_c2_customer_linked_to_another_is_not_linked_twice() -> None:
    taken = Link("customers", "pm-other", EEK_ID, "h", "h")
    change = only(plan(side({PM_ID: canonical()}), side(others={EEK_ID: canonical()}), [taken]))
    assert change.action is Action.REJECT
    assert change.violation is not None and change.violation.rule_id == "C2"


def test_c2_linking_claims_the_other_side_so_it_is_not_planned_again() -> None:
    result = plan(side({PM_ID: canonical()}), side({EEK_ID: canonical()}))
    assert [(c.direction, c.action, c.target_id) for c in result.changes] == [
        (Direction.PM_TO_EEK, Action.LINK, EEK_ID)
    ]


@pytest.mark.parametrize(
    "renamed", [{"name": "Acme Group AB"}, {"number": "2002"}, {"name": "Acme Group AB", "number": "2002"}]
)
def test_c2_linked_customer_keeps_its_link_after_rename_or_renumbering(renamed: dict[str, Any]) -> None:
    before = canonical()
    after = replace(before, **renamed)
    result = plan(side({PM_ID: after}), side(others={EEK_ID: canonical(number="9999")}), [link_for(before, before)])
    change = only(result)
    assert (change.action, change.target_id) == (Action.UPDATE, EEK_ID)


# --- C3: changes flow only from the master -------------------------------------------------------------
@pytest.mark.parametrize(
    ("master", "pm_action", "eek_action"),
    [("pm", Action.UPDATE, Action.SKIP), ("eekonomi", Action.SKIP, Action.UPDATE)],
)
def test_c3_linked_changes_flow_only_from_the_master(master: str, pm_action: Action, eek_action: Action) -> None:
    linked = canonical()
    pm_changed = canonical(email="ny@acme.se")
    eek_changed = canonical(website="acme.com")
    result = plan(side({PM_ID: pm_changed}), side({EEK_ID: eek_changed}), [link_for(linked, linked)], master=master)
    actions = {c.direction: c.action for c in result.changes}
    assert actions == {Direction.PM_TO_EEK: pm_action, Direction.EEK_TO_PM: eek_action}
    skipped = next(c for c in result.changes if c.action is Action.SKIP)
    assert skipped.rule == "C3" and "huvudsystem" in skipped.reason
    updated = next(c for c in result.changes if c.action is Action.UPDATE)
    assert updated.target_id == (EEK_ID if master == "pm" else PM_ID)


def test_c3_unchanged_linked_customers_produce_no_change() -> None:
    linked = canonical()
    result = plan(side({PM_ID: linked}), side({EEK_ID: linked}), [link_for(linked, linked)])
    assert {c.action for c in result.changes} == {Action.NONE}
    assert result.actionable() == []


def test_c3_update_that_breaks_a_rule_is_rejected_with_op_update() -> None:
    seen: list[str] = []

    def check(customer: Customer, op: str) -> RuleViolation | None:
        seen.append(op)
        return RuleViolation("C6", "too long")

    linked = canonical()
    change = only(
        plan(side({PM_ID: canonical(name="N" * 60)}), side(), [link_for(linked, linked)], check_for_eek=check)
    )
    assert change.action is Action.REJECT and seen == ["update"]


def test_c1_deactivating_a_linked_customer_is_propagated_from_the_master() -> None:
    linked = canonical()
    change = only(plan(side({PM_ID: canonical(is_active=False)}), side(), [link_for(linked, linked)]))
    assert (change.action, change.item.is_active) == (Action.UPDATE, False)

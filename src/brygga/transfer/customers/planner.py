"""The customer rules on top of the shared two-way planner (rules C1, C2, C3)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from brygga.domain import Customer
from brygga.errors import RuleViolation
from brygga.hints import hint_for
from brygga.store import Link
from brygga.transfer.sync.planner import SYSTEM_LABEL, Change, Direction, Named, Plan, PlanRules, Side, plan_pairs

__all__ = ["Change", "Check", "Direction", "Plan", "Side", "customer_clash", "plan_customers"]

Check = Callable[[Customer, str], RuleViolation | None]


def plan_customers(
    pm: Side[Customer],
    eek: Side[Customer],
    links: Sequence[Link],
    master: str,
    check_for_eek: Check,
    check_for_pm: Check,
) -> Plan[Customer]:
    rules = PlanRules(
        master=master,
        check_for_eek=check_for_eek,
        check_for_pm=check_for_pm,
        clash=customer_clash,
        skip_inactive_new=True,
        things="kunder",
        master_rule="C3",
        inactive_reason="Inaktiv kund: förs inte över.",
    )
    return plan_pairs(pm, eek, links, rules)


def customer_clash(direction: Direction, customer: Customer, other: Named) -> RuleViolation:
    """Rule C2: a number match with another name is reported, never linked, never duplicated."""
    other_system = SYSTEM_LABEL[direction.target]
    hint = hint_for("C2", number=customer.number, other=other_system, other_name=other.name)
    return RuleViolation(
        "C2",
        f"Kunden {customer.label} kopplades inte: kundnummer {customer.number} finns redan i {other_system} "
        f'med namnet "{other.name}".',
        hint=hint,
    )

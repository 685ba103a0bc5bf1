"""Deciding, per customer, what a transfer does: create, update, link, skip or reject (rules C1, C2, C3).

Pure: it sees canonical customers, links and natural-key indexes, and returns a plan. The dry run prints this
plan; ``execute`` carries it out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from brygga.domain import Customer
from brygga.errors import RuleViolation
from brygga.store import Link
from brygga.transfer.hints import hint_for
from brygga.transfer.outcome import Action

__all__ = ["Change", "Direction", "Plan", "Side", "plan_customers"]

SYSTEM_LABEL = {"pm": "Visma PM", "eekonomi": "Visma eEkonomi"}


class Direction(StrEnum):
    PM_TO_EEK = "pm->eek"
    EEK_TO_PM = "eek->pm"

    @property
    def source(self) -> str:
        return "pm" if self is Direction.PM_TO_EEK else "eekonomi"

    @property
    def target(self) -> str:
        return "eekonomi" if self is Direction.PM_TO_EEK else "pm"


@dataclass(frozen=True)
class Side:
    """One system's view for planning: changed customers by id, and a by-number index for reconciling."""

    changed: Mapping[str, Customer]
    by_number: Mapping[str, tuple[str, Customer]]


@dataclass(frozen=True)
class Change:
    direction: Direction
    action: Action
    source_id: str
    customer: Customer
    target_id: str | None = None
    violation: RuleViolation | None = None
    reason: str = ""

    @property
    def key(self) -> str:
        return self.customer.number or self.source_id

    @property
    def fingerprint(self) -> str:
        return self.customer.fingerprint()


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)

    def actionable(self) -> list[Change]:
        return [c for c in self.changes if c.action is not Action.NONE]


Check = Callable[[Customer, str], RuleViolation | None]


def plan_customers(
    pm: Side, eek: Side, links: Sequence[Link], master: str, check_for_eek: Check, check_for_pm: Check
) -> Plan:
    plan = Plan()
    by_pm = {link.pm_id: link for link in links}
    by_eek = {link.eek_id: link for link in links}
    claimed: set[str] = set()  # eEk ids linked or reported by the PM pass; the eEk pass leaves them alone
    clashes: set[str] = set()
    for guid, customer in pm.changed.items():
        change = _plan_one(Direction.PM_TO_EEK, guid, customer, by_pm.get(guid), eek, by_eek, master, check_for_eek)
        if change.target_id and by_pm.get(guid) is None:
            # Adopted or clashing now: the eEk pass must not create or report that customer again. A pair that
            # was already linked is judged by each pass on its own side (only the master side writes).
            claimed.add(change.target_id)
        if change.violation is not None and change.violation.rule_id == "C2" and customer.number:
            clashes.add(customer.number)
        plan.changes.append(change)
    for eek_id, customer in eek.changed.items():
        if eek_id in claimed or (customer.number in clashes and eek_id not in by_eek):
            continue
        plan.changes.append(
            _plan_one(Direction.EEK_TO_PM, eek_id, customer, by_eek.get(eek_id), pm, by_pm, master, check_for_pm)
        )
    return plan


def _plan_one(
    direction: Direction,
    source_id: str,
    customer: Customer,
    link: Link | None,
    other: Side,
    other_links: Mapping[str, Link],
    master: str,
    check: Check,
) -> Change:
    if link is not None:
        return _plan_linked(direction, source_id, customer, link, master, check)
    if not customer.is_active:
        return Change(direction, Action.SKIP, source_id, customer, reason="Inaktiv kund förs inte över (C1).")
    match = other.by_number.get(customer.number or "")
    if match is None:
        violation = check(customer, "add")
        action = Action.REJECT if violation else Action.CREATE
        return Change(direction, action, source_id, customer, violation=violation)
    other_id, other_customer = match
    if other_customer.name.strip() != customer.name.strip() or other_id in other_links:
        violation = _clash(direction, customer, other_customer)
        return Change(direction, Action.REJECT, source_id, customer, target_id=other_id, violation=violation)
    return Change(direction, Action.LINK, source_id, customer, target_id=other_id)


def _plan_linked(
    direction: Direction, source_id: str, customer: Customer, link: Link, master: str, check: Check
) -> Change:
    own_hash = link.pm_hash if direction is Direction.PM_TO_EEK else link.eek_hash
    target_id = link.eek_id if direction is Direction.PM_TO_EEK else link.pm_id
    if customer.fingerprint() == own_hash:
        return Change(direction, Action.NONE, source_id, customer, target_id=target_id)
    if master != direction.source:
        reason = (
            f"Ändrad i {SYSTEM_LABEL[direction.source]}, men {SYSTEM_LABEL[master]} är huvudsystem för kunder: "
            "ändringen förs inte över (C3)."
        )
        return Change(direction, Action.SKIP, source_id, customer, target_id=target_id, reason=reason)
    violation = check(customer, "update")
    action = Action.REJECT if violation else Action.UPDATE
    return Change(direction, action, source_id, customer, target_id=target_id, violation=violation)


def _clash(direction: Direction, customer: Customer, other: Customer) -> RuleViolation:
    other_system = SYSTEM_LABEL[direction.target]
    hint = hint_for("C2", number=customer.number, other=other_system, other_name=other.name)
    return RuleViolation(
        "C2",
        f"Kunden {customer.label} kopplades inte: kundnummer {customer.number} finns redan i {other_system} "
        f'med namnet "{other.name}".',
        hint=hint.sv,
        hint_en=hint.en,
    )

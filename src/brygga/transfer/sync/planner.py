"""Deciding, per object, what a two-way transfer does: create, update, link, skip or reject.

Customers (C1-C3) and articles (A1, A2, S2) follow the same rules: new objects flow both ways, the first link is
made by number AND trimmed name, a number match with another name is reported (never linked, never duplicated),
and changes to linked objects flow only from the master system. Pure: it sees canonical objects, links and
natural-key indexes, and returns a plan; the dry run prints it and ``execute`` carries it out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from brygga.errors import RuleViolation
from brygga.hints import Hint
from brygga.store import Link
from brygga.transfer.outcome import Action

__all__ = [
    "SYSTEM_LABEL",
    "Change",
    "Direction",
    "Known",
    "Named",
    "Plan",
    "PlanRules",
    "Side",
    "Syncable",
    "plan_pairs",
]

SYSTEM_LABEL = {"pm": "Visma PM", "eekonomi": "Visma eEkonomi"}


class Syncable(Protocol):
    """What the planner needs of a canonical object."""

    @property
    def number(self) -> str | None: ...

    @property
    def name(self) -> str: ...

    @property
    def is_active(self) -> bool: ...

    @property
    def label(self) -> str: ...

    def fingerprint(self) -> str: ...


ItemT = TypeVar("ItemT", bound=Syncable)


class Named(Protocol):
    """What a by-number index needs of the object it points to: its name, for the C2/A2 comparison."""

    @property
    def name(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Known:
    """An index entry for an object that is not being planned (linked and unchanged): only its name is kept."""

    name: str


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
class Side(Generic[ItemT]):
    """One system's view for planning: changed objects by id, and a by-number index for reconciling."""

    changed: Mapping[str, ItemT]
    by_number: Mapping[str, tuple[str, Named]]


@dataclass(frozen=True, slots=True)  # one per object planned: no instance dict
class Change(Generic[ItemT]):
    direction: Direction
    action: Action
    source_id: str
    item: ItemT
    target_id: str | None = None
    violation: RuleViolation | None = None
    reason: str = ""  # why it is skipped, in Swedish; the rule id goes beside it, not into the text
    rule: str | None = None
    hint: Hint | None = None

    @property
    def key(self) -> str:
        """What the user knows the object by: its number or code; an object without one shows as such."""
        return self.item.number or "(utan nummer)"

    @property
    def fingerprint(self) -> str:
        return self.item.fingerprint()


@dataclass
class Plan(Generic[ItemT]):
    changes: list[Change[ItemT]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def actionable(self) -> list[Change[ItemT]]:
        return [c for c in self.changes if c.action is not Action.NONE]


Check = Callable[[ItemT, str], RuleViolation | None]


@dataclass(frozen=True)
class PlanRules(Generic[ItemT]):
    """What differs between categories: the master, the checks, the clash report, and the words used."""

    master: str
    check_for_eek: Callable[[ItemT, str], RuleViolation | None]
    check_for_pm: Callable[[ItemT, str], RuleViolation | None]
    clash: Callable[[Direction, ItemT, Named], RuleViolation]
    skip_inactive_new: bool  # customers: only active ones are transferred (C1); articles carry the state (A9)
    things: str  # "kunder", "artiklar": for the C3 reason
    master_rule: str  # "C3", "S2"
    inactive_reason: str = ""
    inactive_rule: str = "C1"


def plan_pairs(pm: Side[ItemT], eek: Side[ItemT], links: Sequence[Link], rules: PlanRules[ItemT]) -> Plan[ItemT]:
    plan: Plan[ItemT] = Plan()
    by_pm = {link.pm_id: link for link in links}
    by_eek = {link.eek_id: link for link in links}
    claimed: set[str] = set()  # eEk ids adopted or reported by the PM pass; the eEk pass leaves them alone
    clashes: set[str] = set()
    for guid, item in pm.changed.items():
        change = _plan_one(Direction.PM_TO_EEK, guid, item, by_pm.get(guid), eek, by_eek, rules)
        if change.target_id and by_pm.get(guid) is None:
            # Adopted or clashing now. A pair that was already linked is judged by each pass on its own side
            # (only the master side writes), so it is not claimed.
            claimed.add(change.target_id)
        if change.violation is not None and change.target_id and item.number:
            clashes.add(item.number)
        plan.changes.append(change)
    for eek_id, item in eek.changed.items():
        if eek_id in claimed or (item.number in clashes and eek_id not in by_eek):
            continue
        plan.changes.append(_plan_one(Direction.EEK_TO_PM, eek_id, item, by_eek.get(eek_id), pm, by_pm, rules))
    return plan


def _plan_one(
    direction: Direction,
    source_id: str,
    item: ItemT,
    link: Link | None,
    other: Side[ItemT],
    other_links: Mapping[str, Link],
    rules: PlanRules[ItemT],
) -> Change[ItemT]:
    check = rules.check_for_eek if direction is Direction.PM_TO_EEK else rules.check_for_pm
    if link is not None:
        return _plan_linked(direction, source_id, item, link, rules, check)
    if rules.skip_inactive_new and not item.is_active:
        return Change(direction, Action.SKIP, source_id, item, reason=rules.inactive_reason, rule=rules.inactive_rule)
    match = other.by_number.get(item.number or "")
    if match is None:
        violation = check(item, "add")
        return Change(direction, Action.REJECT if violation else Action.CREATE, source_id, item, violation=violation)
    other_id, other_item = match
    if other_item.name.strip() != item.name.strip() or other_id in other_links:
        violation = rules.clash(direction, item, other_item)
        return Change(direction, Action.REJECT, source_id, item, target_id=other_id, violation=violation)
    return Change(direction, Action.LINK, source_id, item, target_id=other_id)


def _plan_linked(
    direction: Direction,
    source_id: str,
    item: ItemT,
    link: Link,
    rules: PlanRules[ItemT],
    check: Callable[[ItemT, str], RuleViolation | None],
) -> Change[ItemT]:
    own_hash = link.pm_hash if direction is Direction.PM_TO_EEK else link.eek_hash
    target_id = link.eek_id if direction is Direction.PM_TO_EEK else link.pm_id
    if item.fingerprint() == own_hash:
        return Change(direction, Action.NONE, source_id, item, target_id=target_id)
    if rules.master != direction.source:
        reason = (
            f"Ändrad i {SYSTEM_LABEL[direction.source]}, men {SYSTEM_LABEL[rules.master]} är huvudsystem för "
            f"{rules.things}: ändringen förs inte över."
        )
        return Change(
            direction, Action.SKIP, source_id, item, target_id=target_id, reason=reason, rule=rules.master_rule
        )
    violation = check(item, "update")
    action = Action.REJECT if violation else Action.UPDATE
    return Change(direction, action, source_id, item, target_id=target_id, violation=violation)

"""Deciding, per object, what a two-way transfer does: create, update, link, skip or reject.

Customers (C1-C3) and articles (A1, A2, S2) follow the same rules: new objects flow both ways, the first link is
made by number AND trimmed name, a number match with another name is reported (never linked, never duplicated),
and changes to linked objects flow only from the master system. Pure: it sees canonical objects, links and
natural-key indexes, and returns a plan; the dry run prints it and ``execute`` carries it out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableSequence, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, Protocol, TypeVar, overload

from brygga.domain.packed import PackedMap, pack, unpack
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
    "PackedChanges",
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


_TAKEN = b""  # a taken row's blob (no object packs to nothing)


@dataclass(slots=True)  # not frozen: PackedChanges.take lets its object go once it is executed
class _PackedRow:
    """A change as :class:`PackedChanges` keeps it: the decision, and the object as bytes."""

    direction: Direction
    action: Action
    source_id: str
    blob: bytes
    target_id: str | None
    violation: RuleViolation | None
    reason: str
    rule: str | None
    hint: Hint | None


class PackedChanges(MutableSequence[Change[ItemT]]):
    """A large plan's changes, each kept as its decision and its object packed (brygga.domain.packed): a change
    is made whole when it is read, so a plan of 100,000 objects holds bytes, not 100,000 object trees."""

    def __init__(self, kind: type[ItemT], rows: Iterable[_PackedRow] = ()) -> None:
        self.kind = kind
        self._rows = list(rows)

    @staticmethod
    def _row(change: Change[ItemT], blob: bytes | None = None) -> _PackedRow:
        c, packed = change, pack(change.item) if blob is None else blob
        decision = (c.target_id, c.violation, c.reason, c.rule, c.hint)
        return _PackedRow(c.direction, c.action, c.source_id, packed, *decision)

    def _change(self, row: _PackedRow) -> Change[ItemT]:
        r = row
        if r.blob is _TAKEN:
            raise RuntimeError(f"the change of {r.source_id} was executed and let go: a plan is executed once")
        item = unpack(r.blob, self.kind)
        return Change(r.direction, r.action, r.source_id, item, r.target_id, r.violation, r.reason, r.rule, r.hint)

    def take(self, index: int) -> Change[ItemT]:
        """The change at ``index``, for executing it once: its object is let go from the plan (and from every
        view sharing the row, the plan itself included), so a run holds only the objects not yet executed.
        Reading that change again afterwards is a programming error (RuntimeError)."""
        change = self[index]
        self._rows[index].blob = _TAKEN
        return change

    def append_packed(self, change: Change[ItemT], blob: bytes) -> None:
        """``change``, whose object is already packed as ``blob`` (a packed view's): kept without packing again."""
        self._rows.append(self._row(change, blob))

    @overload
    def __getitem__(self, index: int) -> Change[ItemT]: ...

    @overload
    def __getitem__(self, index: slice) -> PackedChanges[ItemT]: ...

    def __getitem__(self, index: int | slice) -> Change[ItemT] | PackedChanges[ItemT]:
        if isinstance(index, slice):
            return PackedChanges(self.kind, self._rows[index])
        return self._change(self._rows[index])

    @overload
    def __setitem__(self, index: int, value: Change[ItemT]) -> None: ...

    @overload
    def __setitem__(self, index: slice, value: Iterable[Change[ItemT]]) -> None: ...

    def __setitem__(self, index: int | slice, value: Change[ItemT] | Iterable[Change[ItemT]]) -> None:
        if isinstance(index, slice):
            assert not isinstance(value, Change)
            self._rows[index] = [self._row(change) for change in value]
        else:
            assert isinstance(value, Change)
            self._rows[index] = self._row(value)

    def __delitem__(self, index: int | slice) -> None:
        del self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __eq__(self, other: object) -> bool:
        """Equal to the list (or packed plan) of the same changes, as the list it stands for would be."""
        if isinstance(other, PackedChanges | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def insert(self, index: int, value: Change[ItemT]) -> None:
        self._rows.insert(index, self._row(value))

    def actionable(self) -> PackedChanges[ItemT]:
        """The changes that do something, still packed (the rows are shared, not copied)."""
        return PackedChanges(self.kind, (row for row in self._rows if row.action is not Action.NONE))


@dataclass
class Plan(Generic[ItemT]):
    changes: MutableSequence[Change[ItemT]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def actionable(self) -> Sequence[Change[ItemT]]:
        if isinstance(self.changes, PackedChanges):
            return self.changes.actionable()
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
    # Sides read into packed views (brygga.transfer.sync.compact) get a packed plan: memory flat in the register.
    plan: Plan[ItemT] = Plan(PackedChanges(pm.changed.kind) if isinstance(pm.changed, PackedMap) else [])
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
        _keep(plan, change, pm.changed)
    for eek_id, item in eek.changed.items():
        if eek_id in claimed or (item.number in clashes and eek_id not in by_eek):
            continue
        _keep(plan, _plan_one(Direction.EEK_TO_PM, eek_id, item, by_eek.get(eek_id), pm, by_pm, rules), eek.changed)
    return plan


def _keep(plan: Plan[ItemT], change: Change[ItemT], side: Mapping[str, ItemT]) -> None:
    """Add ``change`` to the plan; a packed plan reuses the bytes the packed view holds for its object."""
    if isinstance(plan.changes, PackedChanges) and isinstance(side, PackedMap):
        plan.changes.append_packed(change, side.blob(change.source_id))
    else:
        plan.changes.append(change)


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

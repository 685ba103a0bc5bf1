"""The write side shared by two-way transfers: run the plan concurrently, turn results into outcomes, keep the
retry set, save links (closing an interrupted create's intent), and move the cursors last.

A category subclasses :class:`PairTransfer` and supplies ``plan()``, ``_apply_to_eek`` and ``_apply_to_pm``.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Generic, TypeVar

from brygga.errors import BryggaError
from brygga.field_changes import FieldChange
from brygga.store import LeaseLostError, Link, LinkClash
from brygga.titles import title_for
from brygga.transfer.context import TransferContext
from brygga.transfer.outcome import Action, ObjectOutcome, Outcome, failure_from_error
from brygga.transfer.report import CategoryReport
from brygga.transfer.sync.planner import Change, Direction, PackedChanges, Plan, Syncable

__all__ = ["Cursors", "PairTransfer"]

ItemT = TypeVar("ItemT", bound=Syncable)


@dataclass
class Cursors:
    """Where each side's next incremental read starts, decided at plan time and written only after execute."""

    pm: datetime | None = None
    eek: datetime | None = None
    retries: dict[str, set[str]] = field(default_factory=dict)


class PairTransfer(ABC, Generic[ItemT]):
    category: str
    progress_label: str

    def __init__(self, ctx: TransferContext) -> None:
        self.ctx = ctx
        self.protocol = ctx.store.protocol
        self.cursors = Cursors()
        # For the object history: per side, the other side's id of each link made, and the fields each update
        # changed. Both are let go once the object's outcome holds them, so they do not grow with the plan.
        self.partners: dict[str, dict[str, str]] = {"pm": {}, "eekonomi": {}}
        self.changed_fields: dict[tuple[str, str], tuple[FieldChange, ...]] = {}

    @abstractmethod
    async def plan(self) -> Plan[ItemT]: ...

    @abstractmethod
    async def _apply_to_eek(self, change: Change[ItemT]) -> None: ...

    @abstractmethod
    async def _apply_to_pm(self, change: Change[ItemT]) -> None: ...

    def _subject(self, direction: Direction, source_id: str) -> str:
        """The noun of the original's messages: "customer", "product", "work type", "Case"…"""
        return self.category

    def load_retries(self) -> dict[str, set[str]]:
        self.cursors.retries = {s: self.protocol.retries(self.category, s) for s in ("pm", "eekonomi")}
        return self.cursors.retries

    # executing ---------------------------------------------------------------------------------
    async def execute(self, plan: Plan[ItemT], report: CategoryReport) -> None:
        work = plan.actionable()
        self.ctx.progress.start(self.progress_label, len(work))
        results: list[ObjectOutcome | None] = [None] * len(work)
        queue = iter(range(len(work)))  # shared: each change is taken by exactly one worker, in plan order

        take = work.take if isinstance(work, PackedChanges) else work.__getitem__

        async def worker() -> None:
            # A fixed pool of workers instead of one task per change: memory stays flat however large the plan,
            # and a packed plan lets each object go once a worker has taken it.
            for index in queue:
                try:
                    results[index] = await self._apply(take(index))
                finally:
                    self.ctx.progress.advance()

        self.protocol.start_batch()  # links are committed in groups while the plan runs (brygga.store.protocol)
        try:
            await asyncio.gather(*(worker() for _ in range(min(self.ctx.concurrency, len(work)))))
            outcomes = [outcome for outcome in results if outcome is not None]
            clashes = self.protocol.flush()
        except BaseException:
            self.protocol.discard_batch()  # their intents stay pending: the next run reconciles them
            raise
        outcomes = self._with_clashes(outcomes, clashes)
        report.outcomes.extend(outcomes)
        report.notices.extend(plan.notices)
        self._record_retries(outcomes)
        self._advance_cursors(report.outcomes)

    def _with_clashes(self, outcomes: list[ObjectOutcome], clashes: Sequence[LinkClash]) -> list[ObjectOutcome]:
        """An object whose link the group commit refused (its eEkonomi object is linked to another PM object)
        failed after all, with the message a single commit gave. Outcomes carry both ids and the words, so the
        plan is not read again (a packed plan has let its objects go by now)."""
        if not clashes:
            return outcomes
        refused = {(c.link.pm_id, c.link.eek_id): c.error for c in clashes}
        result = []
        for outcome in outcomes:
            error = refused.get((outcome.pm_id, outcome.eek_id))
            if error is not None and outcome.outcome is Outcome.SUCCEEDED:
                outcome = self._failed_after_all(outcome, error)
            result.append(outcome)
        return result

    def outcomes_for_plan(self, plan: Plan[ItemT]) -> list[ObjectOutcome]:
        """The dry run's report: what each change would do, and the rejections it would meet."""
        return [self._planned(change) for change in plan.actionable()]

    def _planned(self, change: Change[ItemT]) -> ObjectOutcome:
        if change.action is Action.REJECT and change.violation is not None:
            return self._failure(change, change.violation)
        outcome = Outcome.SKIPPED if change.action is Action.SKIP else Outcome.SUCCEEDED
        return self._outcome(change, outcome, change.reason)

    async def _apply(self, change: Change[ItemT]) -> ObjectOutcome:
        if change.action is Action.REJECT and change.violation is not None:
            return self._failure(change, change.violation)
        if change.action is Action.SKIP:
            return self._outcome(change, Outcome.SKIPPED, change.reason)
        try:
            if change.direction is Direction.PM_TO_EEK:
                await self._apply_to_eek(change)
            else:
                await self._apply_to_pm(change)
        except LeaseLostError:  # another process has the company now: this run must stop, not fail one object
            raise
        except BryggaError as exc:
            return self._failure(change, exc)
        return self._outcome(change, Outcome.SUCCEEDED)

    # links, outcomes, retries, cursors ---------------------------------------------------------
    def link_row(self, pm_id: str, eek_id: str, pm_hash: str, eek_hash: str) -> Link:
        self.partners["pm"][pm_id], self.partners["eekonomi"][eek_id] = eek_id, pm_id
        return Link(self.category, pm_id, eek_id, pm_hash, eek_hash)

    def save_link(self, change: Change[ItemT], link: Link) -> None:
        """Adopting what an earlier, interrupted create left behind also closes that create's intent."""
        pending = self.protocol.pending_intent(self.category, change.direction.target, change.source_id, "create")
        self.protocol.link_and_close(pending.id if pending else None, link)

    def note_changes(self, change: Change[ItemT], changes: Sequence[FieldChange]) -> None:
        """What the write changed in the target system, old -> new, for the run log (the object history)."""
        if changes:
            self.changed_fields[(change.direction.value, change.source_id)] = tuple(changes)

    def _ids(self, change: Change[ItemT]) -> tuple[str, str]:
        """(PM id, eEkonomi id) of the object: its source id, and the target's from the link made or planned.
        The link's entry is taken: the outcome keeps the ids from here on."""
        side, other_side = change.direction.source, change.direction.target
        made = self.partners[side].pop(change.source_id, None)
        if made is not None:
            self.partners[other_side].pop(made, None)
        other = made or change.target_id or ""
        return (change.source_id, other) if side == "pm" else (other, change.source_id)

    def _with_history(self, change: Change[ItemT], outcome: ObjectOutcome) -> ObjectOutcome:
        pm_id, eek_id = self._ids(change)
        changes = self.changed_fields.pop((change.direction.value, change.source_id), ())
        return replace(outcome, pm_id=pm_id, eek_id=eek_id, changes=changes)

    def _outcome(self, change: Change[ItemT], outcome: Outcome, message: str = "") -> ObjectOutcome:
        return self._with_history(change, self._plain_outcome(change, outcome, message))

    def _plain_outcome(self, change: Change[ItemT], outcome: Outcome, message: str = "") -> ObjectOutcome:
        if outcome is not Outcome.SKIPPED:
            return ObjectOutcome(
                self.category, change.direction.value, change.key, change.item.name, change.action, outcome, message
            )
        # A skip says why in Swedish (the reason) and English (the rule's title), and what to do when there is a fix.
        _, title_en = title_for(change.rule) if change.rule else ("", "")
        hint = change.hint
        return ObjectOutcome(
            self.category,
            change.direction.value,
            change.key,
            change.item.name,
            change.action,
            outcome,
            message,
            hint.sv if hint else "",
            hint.en if hint else "",
            change.rule,
            title_en=title_en,
        )

    def _failure(self, change: Change[ItemT], error: BryggaError) -> ObjectOutcome:
        prefix = self._failure_prefix(change.direction, change.action, change.source_id, change.key)
        return self._with_history(change, self._plain_failure(change, error, prefix))

    def _failure_prefix(self, direction: Direction, action: Action, source_id: str, key: str) -> str:
        verb = "add" if action is Action.CREATE else "update"
        target = "Visma eAccounting" if direction is Direction.PM_TO_EEK else "Visma PM"
        return f"Could not {verb} {self._subject(direction, source_id)} {key} to {target}. "

    def _failed_after_all(self, outcome: ObjectOutcome, error: BryggaError) -> ObjectOutcome:
        """A succeeded outcome turned into the failure ``error`` would have given, from the outcome alone (its
        change may be let go already): same ids and field changes, the original's message format."""
        direction = Direction(outcome.direction)
        source_id = outcome.pm_id if direction is Direction.PM_TO_EEK else outcome.eek_id
        prefix = self._failure_prefix(direction, outcome.action, source_id, outcome.key)
        failed = failure_from_error(
            error,
            category=self.category,
            direction=outcome.direction,
            key=outcome.key,
            name=outcome.name,
            action=outcome.action,
            prefix=prefix,
        )
        return replace(failed, pm_id=outcome.pm_id, eek_id=outcome.eek_id, changes=outcome.changes)

    def _plain_failure(self, change: Change[ItemT], error: BryggaError, prefix: str) -> ObjectOutcome:
        return failure_from_error(
            error,
            category=self.category,
            direction=change.direction.value,
            key=change.key,
            name=change.item.name,
            action=change.action,
            prefix=prefix,
        )

    def _record_retries(self, outcomes: list[ObjectOutcome]) -> None:
        """A failed object is planned again next run; one that was and passed now leaves the retry set. The
        source id is in the outcome (its PM id for pm->eek, its eEkonomi id for eek->pm)."""
        for outcome in outcomes:
            pm_to_eek = outcome.direction == Direction.PM_TO_EEK.value
            system, source_id = ("pm", outcome.pm_id) if pm_to_eek else ("eekonomi", outcome.eek_id)
            failed = outcome.outcome is Outcome.FAILED
            if failed or source_id in self.cursors.retries.get(system, set()):
                self.protocol.set_retry(self.category, system, source_id, failed)

    def _advance_cursors(self, outcomes: list[ObjectOutcome]) -> None:
        blocked = {o.direction for o in outcomes if o.retry}
        if Direction.PM_TO_EEK.value not in blocked and self.cursors.pm is not None:
            self.protocol.set_cursor(self.category, "pm", self.cursors.pm)
        if Direction.EEK_TO_PM.value not in blocked and self.cursors.eek is not None:
            self.protocol.set_cursor(self.category, "eekonomi", self.cursors.eek)

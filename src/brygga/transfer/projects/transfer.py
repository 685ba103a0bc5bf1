"""The project transfer ("Projekt" -> "Resultatenheter"): every PM project, open or closed, as a cost center
item of the cost center chosen in setting S3. Rules S3, P1-P4; one direction; same write protocol and reports.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from brygga.domain import Project
from brygga.eekonomi.models_cost_centers import CostCenter, CostCenterItem
from brygga.errors import ConfigError
from brygga.field_changes import diff_objects
from brygga.mapping.severa_projects import from_severa_project, to_cost_center_item
from brygga.transfer.context import TransferContext
from brygga.transfer.outcome import Action
from brygga.transfer.projects.planner import plan_projects
from brygga.transfer.sync.base import PairTransfer
from brygga.transfer.sync.planner import Change, Direction, Plan
from brygga.transfer.write_protocol import create_once

__all__ = ["ProjectsTransfer", "resolve_cost_center"]

CATEGORY = "projects"
PM_CURSOR_OVERLAP = timedelta(minutes=2)


def resolve_cost_center(centers: list[CostCenter], wanted: str | None) -> CostCenter:
    """Rule S3: the cost center named (or numbered) in the settings; it must exist."""
    names = ", ".join(f"{c.number} {c.name}" for c in centers) or "inga"
    if not wanted:
        raise ConfigError(
            "Ingen resultatenhet är vald för projekt (inställningen project_cost_center).",
            hint=f"Välj en av eEkonomis resultatenheter ({names}): brygga settings set project_cost_center NAMN",
            message_en="No cost center is chosen for projects (the setting project_cost_center).",
            hint_en=f"Choose one of eEkonomi's cost centers ({names}): brygga settings set project_cost_center NAME",
        )
    for center in centers:
        if wanted.strip().casefold() in {(center.name or "").casefold(), str(center.number)}:
            return center
    raise ConfigError(
        f'Resultatenheten "{wanted}" finns inte i Visma eEkonomi.',
        hint=f"Lägg upp den under Bokföring > Resultatenheter, eller välj en som finns ({names}).",
        message_en=f'The cost center "{wanted}" does not exist in Visma eEkonomi.',
        hint_en=f"Create it under Accounting > Cost centers, or choose one that exists ({names}).",
    )


class ProjectsTransfer(PairTransfer[Project]):
    category = CATEGORY
    progress_label = "Projekt"

    def __init__(self, ctx: TransferContext) -> None:
        super().__init__(ctx)
        self.center: CostCenter | None = None
        self.items: dict[str, CostCenterItem] = {}

    def _subject(self, direction: Direction, source_id: str) -> str:
        return "Case"  # Severa's word for a project, as the original's messages use it

    async def plan(self) -> Plan[Project]:
        started = self.ctx.clock()
        centers = [center async for center in self.ctx.eek.cost_centers.iter()]
        self.center = resolve_cost_center(centers, self.ctx.options.project_cost_center)
        self.items = {item.id: item for item in self.center.items or [] if item.id}
        since = self.protocol.cursor(CATEGORY, "pm")
        retries = self.load_retries()
        projects = {
            p.guid: from_severa_project(p)
            async for p in self.ctx.pm.projects.iter(changed_since=since - PM_CURSOR_OVERLAP if since else None)
            if p.guid
        }
        for guid in retries["pm"] - projects.keys():
            projects[guid] = from_severa_project(await self.ctx.pm.projects.get(guid))
        self.cursors.pm = started
        return plan_projects(projects, list(self.items.values()), self.protocol.links(CATEGORY))

    async def _apply_to_eek(self, change: Change[Project]) -> None:
        assert self.center is not None and self.center.id is not None
        center_id = self.center.id
        if change.action is Action.CREATE:
            await self._create(change, center_id)
            return
        assert change.target_id is not None
        current = self.items.get(change.target_id) or await self.ctx.eek.cost_center_items.get(change.target_id)
        desired = to_cost_center_item(change.item, current.cost_center_id, current.id)
        if (current.name, current.short_name, current.is_active) != (
            desired.name,
            desired.short_name,
            desired.is_active,
        ):
            before, current = current, await self.ctx.eek.cost_center_items.update(change.target_id, desired)
            self.note_changes(change, diff_objects(_item_fields(before), _item_fields(current)))
        self.save_link(change, self.link_row(change.source_id, change.target_id, change.fingerprint, _item_fp(current)))

    async def _create(self, change: Change[Project], center_id: str) -> None:
        async def lookup() -> CostCenterItem | None:
            async for center in self.ctx.eek.cost_centers.iter():
                for item in center.items or []:
                    if item.short_name == change.item.number and item.name == change.item.name:
                        return item
            return None

        await create_once(
            self.protocol,
            category=CATEGORY,
            target="eekonomi",
            source_id=change.source_id,
            natural_key=change.item.number or "",
            payload_hash=change.fingerprint,
            lookup=lookup,
            send=lambda: self.ctx.eek.cost_center_items.create(to_cost_center_item(change.item, center_id)),
            link_for=lambda item: self.link_row(change.source_id, item.id or "", change.fingerprint, _item_fp(item)),
        )

    async def _apply_to_pm(self, change: Change[Project]) -> None:
        raise AssertionError("projects flow from Visma PM to Visma eEkonomi only")


@dataclass(frozen=True)
class _ItemFields:
    """What a project decides of its cost center item (P2), for the object history."""

    short_name: str
    name: str
    is_active: bool


def _item_fields(item: CostCenterItem) -> _ItemFields:
    return _ItemFields(item.short_name, item.name, item.is_active)


def _item_fp(item: CostCenterItem) -> str:
    return hashlib.sha256(f"{item.short_name}\x1f{item.name}\x1f{item.is_active}".encode()).hexdigest()

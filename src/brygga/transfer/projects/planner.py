"""Deciding what happens to each PM project: a cost center item created, adopted, updated or refused (P1-P4).

One direction only, PM -> eEkonomi. The first link needs the item's short name AND name to equal the project's
number and name (P3); a match on only one of them is the original's CostCenterItemAlreadyExistsException, never a
second item. After linking, a renamed project renames its item [beyond: the original loses the link].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from brygga.domain import Project
from brygga.eekonomi.models_cost_centers import COST_CENTER_ITEM_LIMITS, CostCenterItem
from brygga.errors import RuleViolation
from brygga.hints import hint_for
from brygga.mapping.severa_projects import check_project_name
from brygga.store import Link
from brygga.transfer.outcome import Action
from brygga.transfer.sync.planner import Change, Direction, Plan

__all__ = ["check_project", "plan_projects"]

ALREADY_EXISTS = (
    "ErrorCode: 4000, DeveloperErrorMessage: CostCenterItemAlreadyExistsException - A cost center item with the "
    "provided id or name already exists."
)


def check_project(project: Project, op: str = "add") -> RuleViolation | None:
    """P2: number -> ShortName (at most 9), P4: name at most 50, in the original's format."""
    if not project.number or len(project.number) > COST_CENTER_ITEM_LIMITS["ShortName"]:
        hint = hint_for("P2")
        return RuleViolation(
            "P2",
            f"Could not {op} Case {project.number} to Visma eAccounting. ErrorCode: 2000, DeveloperErrorMessage: "
            "ValidateModelAttributeException - The field ShortName must be a string with a maximum length of "
            f"{COST_CENTER_ITEM_LIMITS['ShortName']}.",
            hint=hint,
        )
    limit = COST_CENTER_ITEM_LIMITS["Name"]
    blank = check_project_name(project, op)
    if blank is not None:
        return blank
    if len(project.name) > limit:
        hint = hint_for("P4", limit=limit)
        return RuleViolation(
            "P4",
            f"Could not {op} Case {project.number} to Visma eAccounting. ErrorCode: 2000, DeveloperErrorMessage: "
            f"ValidateModelAttributeException - The field Name must be a string with a maximum length of {limit}.",
            hint=hint,
        )
    return None


def _already_exists(project: Project) -> RuleViolation:
    hint = hint_for("P3")
    return RuleViolation(
        "P3",
        f"Could not add Case {project.number} to Visma eAccounting. {ALREADY_EXISTS}",
        hint=hint,
    )


def plan_projects(
    projects: Mapping[str, Project], items: Sequence[CostCenterItem], links: Sequence[Link]
) -> Plan[Project]:
    plan: Plan[Project] = Plan()
    by_pm = {link.pm_id: link for link in links}
    linked_items = {link.eek_id for link in links}
    by_short = {item.short_name.strip(): item for item in items}
    by_name = {item.name.strip(): item for item in items}
    for guid, project in projects.items():
        plan.changes.append(_plan_one(guid, project, by_pm.get(guid), by_short, by_name, linked_items))
    return plan


def _plan_one(
    guid: str,
    project: Project,
    link: Link | None,
    by_short: Mapping[str, CostCenterItem],
    by_name: Mapping[str, CostCenterItem],
    linked_items: set[str],
) -> Change[Project]:
    pm_to_eek = Direction.PM_TO_EEK
    if link is not None:
        if project.fingerprint() == link.pm_hash:
            return Change(pm_to_eek, Action.NONE, guid, project, target_id=link.eek_id)
        violation = check_project(project, "update")
        action = Action.REJECT if violation else Action.UPDATE
        return Change(pm_to_eek, action, guid, project, target_id=link.eek_id, violation=violation)
    violation = check_project(project)
    if violation is not None:
        return Change(pm_to_eek, Action.REJECT, guid, project, violation=violation)
    same_short = by_short.get(project.number or "")
    same_name = by_name.get(project.name)
    if same_short is None and same_name is None:
        return Change(pm_to_eek, Action.CREATE, guid, project)
    if same_short is not None and same_short is same_name and same_short.id not in linked_items:
        return Change(pm_to_eek, Action.LINK, guid, project, target_id=same_short.id)
    return Change(pm_to_eek, Action.REJECT, guid, project, violation=_already_exists(project))

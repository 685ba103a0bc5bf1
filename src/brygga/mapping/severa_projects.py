"""Visma PM projects -> the canonical project (rules P1, P2)."""

from __future__ import annotations

from brygga.domain import Project
from brygga.eekonomi.models_cost_centers import CostCenterItem
from brygga.errors import RuleViolation
from brygga.severa.project_models import Project as SeveraProject

__all__ = ["check_project_name", "from_severa_project", "to_cost_center_item"]


def from_severa_project(project: SeveraProject) -> Project:
    """Open and closed projects alike (P1); open means an active item."""
    return Project(
        number=str(project.number) if project.number is not None else None,
        name=project.name.strip(),
        is_active=not project.isClosed,
    )


def to_cost_center_item(project: Project, cost_center_id: str, item_id: str | None = None) -> CostCenterItem:
    """ShortName = project number, Name = project name, Active = open (P2)."""
    return CostCenterItem(
        id=item_id,
        cost_center_id=cost_center_id,
        name=project.name,
        short_name=project.number or "",
        is_active=project.is_active,
    )


def check_project_name(project: Project, op: str = "add") -> RuleViolation | None:
    """Rule P4: eEkonomi requires the item's name; a project with an empty or blank name is refused in the
    original's format, as eEkonomi words it ("required")."""
    if project.name.strip():
        return None
    return RuleViolation(
        "P4",
        f"Could not {op} Case {project.number} to Visma eAccounting. ErrorCode: 2000, DeveloperErrorMessage: "
        "ValidateModelAttributeException - The Name field is required.",
        hint=f"Projektet {project.number or ''} saknar namn i Visma PM. Ange projektets namn i Visma PM och kör igen.",
        hint_en=f"The project {project.number or ''} has no name in Visma PM. Enter the project's name in Visma PM "
        "and run again.",
        title="Projektet saknar namn",
        title_en="The project has no name",
    )

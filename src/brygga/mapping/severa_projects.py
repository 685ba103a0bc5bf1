"""Visma PM projects -> the canonical project (rules P1, P2)."""

from __future__ import annotations

from brygga.domain import Project
from brygga.eekonomi.models_cost_centers import CostCenterItem
from brygga.severa.project_models import Project as SeveraProject

__all__ = ["from_severa_project", "to_cost_center_item"]


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

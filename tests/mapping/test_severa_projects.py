"""Visma PM projects -> the canonical project -> eEkonomi cost center items (rules P1, P2)."""

from __future__ import annotations

from dataclasses import replace

from brygga.domain import Project
from brygga.mapping.severa_projects import from_severa_project, to_cost_center_item
from tests.mapping.article_builders import pm_project, project
from tests.mapping.builders import guid


def test_p1_open_project_is_an_active_item() -> None:
    assert from_severa_project(pm_project(isClosed=False)).is_active is True


def test_p1_closed_project_is_kept_as_an_inactive_item() -> None:
    closed = from_severa_project(pm_project(isClosed=True))
    assert closed == Project(number="1001", name="Nytt kontor Solna", is_active=False)
    assert to_cost_center_item(closed, guid("center")).is_active is False


def test_p2_number_is_the_short_name_and_the_name_is_the_name() -> None:
    item = to_cost_center_item(from_severa_project(pm_project(number=42, name=" Ombyggnad ")), guid("center"))
    assert (item.short_name, item.name, item.is_active) == ("42", "Ombyggnad", True)
    assert item.cost_center_id == guid("center")


def test_p2_new_item_body_has_the_required_fields_and_no_id() -> None:
    body = to_cost_center_item(project(), guid("center")).to_body()
    assert body == {"CostCenterId": guid("center"), "Name": "Nytt kontor Solna", "ShortName": "1001", "IsActive": True}


def test_p2_update_keeps_the_item_id() -> None:
    item = to_cost_center_item(project(), guid("center"), guid("item"))
    assert item.id == guid("item")


def test_p2_project_without_number_has_none() -> None:
    assert from_severa_project(pm_project(number=None)).number is None


def test_p1_project_label_and_fingerprint() -> None:
    base = project()
    assert base.label == "1001 Nytt kontor Solna"
    assert replace(base, number=None).label == "Nytt kontor Solna"
    assert base.fingerprint() == project().fingerprint()
    for other in (replace(base, name="Annat"), replace(base, number="1002"), replace(base, is_active=False)):
        assert other.fingerprint() != base.fingerprint()

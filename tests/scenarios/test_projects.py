"""Projects end to end over loopback: every PM project becomes a cost center item in the S3 cost center."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from brygga.transfer.outcome import Outcome
from tests.scenarios.harness import World

pytestmark = pytest.mark.scenario


def project_items(world: World) -> list[dict[str, Any]]:
    center = next(c for c in world.eek.store.cost_centers.all() if c["Name"] == "Projekt")
    return [dict(i) for i in world.eek.store.cost_center_items.all() if i["CostCenterId"] == center["Id"]]


async def test_p1_every_project_open_and_closed_becomes_an_item(world: World) -> None:
    world.set("project_cost_center", "Projekt")
    report = await world.run("projects")
    projects = report.categories["projects"]
    assert (projects.count(Outcome.SUCCEEDED), projects.count(Outcome.FAILED)) == (57, 3)
    items = {i["ShortName"]: i for i in project_items(world)}
    assert items["2010"]["IsActive"] is False and items["2001"]["IsActive"] is True  # closed -> inactive
    assert [i["Name"] for i in project_items(world)].count("Nordvik Kontorsbygge") == 1  # P3: adopted
    errors = {o.key: o for o in report.errors()}
    assert (errors["2004"].rule_id, errors["2005"].rule_id, errors["2006"].rule_id) == ("P3", "P3", "P4")
    assert errors["2004"].message == (
        "Could not add Case 2004 to Visma eAccounting. ErrorCode: 4000, DeveloperErrorMessage: "
        "CostCenterItemAlreadyExistsException - A cost center item with the provided id or name already exists."
    )
    assert "Projektnummer = Förkortning" in errors["2005"].hint


async def test_p2_a_renamed_linked_project_renames_its_item(world: World) -> None:
    world.set("project_cost_center", "Projekt")
    await world.run("projects")
    doc = next(d for d in world.pm.store.all("projects") if d["number"] == 2001)
    renamed = {**doc, "name": "Nytt namn på projektet", "lastUpdatedDateTime": datetime.now(UTC).isoformat()}
    world.pm.store.put("projects", renamed)
    await world.run("projects")
    names = {i["ShortName"]: i["Name"] for i in project_items(world)}
    assert names["2001"] == "Nytt namn på projektet"
    assert len([i for i in project_items(world) if i["ShortName"] == "2001"]) == 1
    await world.run("projects")
    assert world.last_write_calls == 0


async def test_s3_without_a_cost_center_setting_the_run_says_what_to_do(world: World) -> None:
    report = await world.run("projects")
    [error] = report.errors()
    assert "project_cost_center" in error.message and "Projekt" in error.hint
    world.set("project_cost_center", "Finns inte")
    [error] = (await world.run("projects")).errors()
    assert 'Resultatenheten "Finns inte" finns inte' in error.message


async def test_x6_lost_answer_while_creating_an_item_leaves_no_duplicate(world: World) -> None:
    world.set("project_cost_center", "2")  # by number
    world.eek.faults.drop_next("POST", "/v2/costcenteritems")
    await world.run("projects")
    await world.run("projects")
    short_names = [i["ShortName"] for i in project_items(world)]
    assert len(short_names) == len(set(short_names))
    assert not world.store.protocol.pending_intents("projects")

"""What the project transfer decides per PM project (rules P1-P4), and which cost center receives them (S3)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import pytest

from brygga.domain import Project
from brygga.eekonomi.models_cost_centers import CostCenterItem
from brygga.errors import ConfigError
from brygga.mapping.severa_projects import from_severa_project
from brygga.store import Link
from brygga.transfer.outcome import Action
from brygga.transfer.projects.planner import check_project, plan_projects
from brygga.transfer.projects.transfer import resolve_cost_center
from brygga.transfer.sync.planner import Change, Direction, Plan
from tests.mapping.article_builders import cost_center, cost_center_item, pm_project, project
from tests.mapping.builders import guid

PM_ID = guid("pm-project")
ALREADY_EXISTS = (
    "Could not add Case 1001 to Visma eAccounting. ErrorCode: 4000, DeveloperErrorMessage: "
    "CostCenterItemAlreadyExistsException - A cost center item with the provided id or name already exists."
)


def plan(
    projects: Mapping[str, Project], items: Sequence[CostCenterItem] = (), links: Sequence[Link] = ()
) -> Plan[Project]:
    return plan_projects(projects, items, links)


def only(result: Plan[Project]) -> Change[Project]:
    assert len(result.changes) == 1, result.changes
    return result.changes[0]


def link_for(pm_project_: Project, item: CostCenterItem) -> Link:
    return Link("projects", PM_ID, item.id or "", pm_project_.fingerprint(), "item-hash")


# --- P1: every project, open and closed ---------------------------------------------------------------------
def test_p1_open_and_closed_projects_are_both_created() -> None:
    open_one = from_severa_project(pm_project(number=1, name="Öppet", isClosed=False))
    closed = from_severa_project(pm_project(number=2, name="Stängt", isClosed=True))
    result = plan({"a": open_one, "b": closed})
    assert [(c.source_id, c.action, c.item.is_active) for c in result.changes] == [
        ("a", Action.CREATE, True),
        ("b", Action.CREATE, False),
    ]
    assert all(c.direction is Direction.PM_TO_EEK for c in result.changes)


def test_p1_closing_a_linked_project_deactivates_its_item() -> None:
    item = cost_center_item("1001", "Nytt kontor Solna")
    change = only(plan({PM_ID: project(is_active=False)}, [item], [link_for(project(), item)]))
    assert (change.action, change.target_id) == (Action.UPDATE, item.id)


def test_p1_unchanged_linked_project_needs_nothing() -> None:
    item = cost_center_item("1001", "Nytt kontor Solna")
    change = only(plan({PM_ID: project()}, [item], [link_for(project(), item)]))
    assert (change.action, change.target_id) == (Action.NONE, item.id)


# --- P2: ShortName = number (at most 9), Name = name ----------------------------------------------------------
def test_p2_number_of_nine_characters_passes() -> None:
    assert check_project(project(number="123456789")) is None


def test_p2_number_over_nine_characters_is_refused_in_the_originals_format() -> None:
    found = check_project(project(number="1234567890"))
    assert found is not None and found.rule_id == "P2"
    assert found.message == (
        "Could not add Case 1234567890 to Visma eAccounting. ErrorCode: 2000, DeveloperErrorMessage: "
        "ValidateModelAttributeException - The field ShortName must be a string with a maximum length of 9."
    )
    assert "högst 9 tecken" in found.hint


def test_p2_project_without_number_is_refused() -> None:
    found = check_project(project(number=None))
    assert found is not None and found.rule_id == "P2"


def test_p2_refused_project_is_not_created() -> None:
    change = only(plan({PM_ID: project(number="1234567890")}))
    assert change.action is Action.REJECT and change.violation is not None


# --- P3: adopt an item with the same short name and name; a half match is an error ----------------------------
def test_p3_item_with_same_short_name_and_name_is_adopted() -> None:
    item = cost_center_item(" 1001 ", " Nytt kontor Solna ")
    change = only(plan({PM_ID: project()}, [item]))
    assert (change.action, change.target_id, change.violation) == (Action.LINK, item.id, None)


@pytest.mark.parametrize(
    "items",
    [
        [cost_center_item("1001", "Annat namn")],
        [cost_center_item("9999", "Nytt kontor Solna")],
        [cost_center_item("1001", "Annat namn", label="a"), cost_center_item("9999", "Nytt kontor Solna", label="b")],
    ],
    ids=["number only", "name only", "number and name on different items"],
)
def test_p3_item_matching_only_number_or_name_is_the_originals_error(items: list[CostCenterItem]) -> None:
    change = only(plan({PM_ID: project()}, items))
    assert change.action is Action.REJECT
    assert change.violation is not None and change.violation.rule_id == "P3"
    assert change.violation.message == ALREADY_EXISTS
    assert "(PM) Projektnummer = Förkortning (eEk)" in change.violation.hint


def test_p3_item_already_linked_to_another_project_is_not_adopted() -> None:
    item = cost_center_item("1001", "Nytt kontor Solna")
    elsewhere = Link("projects", guid("other-project"), item.id or "", "x", "y")
    change = only(plan({PM_ID: project()}, [item], [elsewhere]))
    assert change.action is Action.REJECT
    assert change.violation is not None and change.violation.message == ALREADY_EXISTS


def test_p3_no_matching_item_creates_one() -> None:
    change = only(plan({PM_ID: project()}, [cost_center_item("2002", "Annat projekt")]))
    assert (change.action, change.target_id) == (Action.CREATE, None)


def test_p3_renamed_linked_project_is_an_update_not_an_error() -> None:
    item = cost_center_item("1001", "Nytt kontor Solna")
    renamed = replace(project(), name="Nytt kontor Sundbyberg")
    change = only(plan({PM_ID: renamed}, [item], [link_for(project(), item)]))
    assert (change.action, change.target_id, change.violation) == (Action.UPDATE, item.id, None)


# --- P4: names over 50 ------------------------------------------------------------------------------------------
def test_p4_name_over_50_gets_the_originals_exact_message() -> None:
    found = check_project(project(name="N" * 51))
    assert found is not None and found.rule_id == "P4"
    assert found.message == (
        "Could not add Case 1001 to Visma eAccounting. ErrorCode: 2000, DeveloperErrorMessage: "
        "ValidateModelAttributeException - The field Name must be a string with a maximum length of 50."
    )
    assert found.hint.startswith("Projektnamnet överstiger 50 tecken.")


def test_p4_name_of_exactly_50_passes() -> None:
    assert check_project(project(name="N" * 50)) is None


def test_p4_renaming_a_linked_project_to_over_50_is_refused_as_an_update() -> None:
    item = cost_center_item("1001", "Nytt kontor Solna")
    change = only(plan({PM_ID: project(name="N" * 51)}, [item], [link_for(project(), item)]))
    assert change.action is Action.REJECT
    assert change.violation is not None and change.violation.rule_id == "P4"
    assert change.violation.message.startswith("Could not update Case 1001 to Visma eAccounting.")


def test_p4_is_checked_before_matching_items() -> None:
    long_name = "N" * 51
    change = only(plan({PM_ID: project(name=long_name)}, [cost_center_item("1001", long_name)]))
    assert change.action is Action.REJECT
    assert change.violation is not None and change.violation.rule_id == "P4"


# --- S3: the cost center that receives the projects -------------------------------------------------------------
CENTERS = [cost_center(1, "Avdelning"), cost_center(2, "Projekt"), cost_center(3, "Kostnadsbärare")]


@pytest.mark.parametrize("wanted", ["Projekt", "projekt", " Projekt ", "2"])
def test_s3_cost_center_is_found_by_name_or_number(wanted: str) -> None:
    assert resolve_cost_center(CENTERS, wanted).id == guid("center-2")


@pytest.mark.parametrize("wanted", [None, ""])
def test_s3_missing_setting_is_a_config_error_listing_the_cost_centers(wanted: str | None) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve_cost_center(CENTERS, wanted)
    assert "project_cost_center" in caught.value.message
    assert "1 Avdelning, 2 Projekt, 3 Kostnadsbärare" in caught.value.hint


def test_s3_unknown_cost_center_is_a_config_error_listing_the_ones_that_exist() -> None:
    with pytest.raises(ConfigError) as caught:
        resolve_cost_center(CENTERS, "Uppdrag")
    assert caught.value.message == 'Resultatenheten "Uppdrag" finns inte i Visma eEkonomi.'
    assert "1 Avdelning, 2 Projekt, 3 Kostnadsbärare" in caught.value.hint


def test_s3_company_without_cost_centers_says_so() -> None:
    with pytest.raises(ConfigError) as caught:
        resolve_cost_center([], "Projekt")
    assert "(inga)" in caught.value.hint

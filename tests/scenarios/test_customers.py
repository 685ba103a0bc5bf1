"""Customer transfers end to end over loopback: both emulators, the real clients, a real store."""

from __future__ import annotations

from typing import Any

import pytest

from brygga.transfer.outcome import Outcome
from tests.scenarios.harness import World, eek_customers, pm_customers

pytestmark = pytest.mark.scenario
# both_databases: SQLite and PostgreSQL (tests/postgres/plugin.py); the others on SQLite only, to keep make test short
BOTH = pytest.mark.both_databases

BROKEN_PM = {"1037": "C5", "1038": "C6", "1039": "C10", "1040": "C11", "1041": "C6", "1042": "C5", "1003": "C2"}


def _by_number(docs: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    result: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        result.setdefault(str(doc.get(key)), []).append(doc)
    return result


def _errors(report: Any) -> dict[str, Any]:
    return {item.key: item for item in report.errors()}


@BOTH
async def test_c1_first_run_moves_good_customers_both_ways_and_reports_each_broken_one(world: World) -> None:
    report = await world.run()
    customers = report.categories["customers"]
    assert (customers.count(Outcome.SUCCEEDED), customers.count(Outcome.FAILED), customers.count(Outcome.SKIPPED)) == (
        39,
        8,
        3,
    )
    errors = _errors(report)
    assert {key: errors[key].rule_id for key in BROKEN_PM} == BROKEN_PM
    assert errors["9004"].rule_id == "C11"
    assert errors["1041"].message == (
        "Could not add customer 1041 to Visma eAccounting. ErrorCode: 2000, DeveloperErrorMessage: "
        "ValidateModelAttributeException - The field Name must be a string with a maximum length of 50."
    )
    assert errors["1042"].message == (
        "Det gick inte att föra över Skärgårdens Catering AB till Visma eEkonomi, "
        "eftersom kunden inte har någon adress."
    )
    assert all(item.hint for item in errors.values())
    eek = _by_number(eek_customers(world), "CustomerNumber")
    assert all(len(docs) == 1 for docs in eek.values())  # 1005 adopted, never duplicated
    assert "1001" in eek and "1036" in eek and "1043" in eek
    assert not set(BROKEN_PM) - {"1003"} & set(eek)
    assert eek["1003"][0]["Name"] == "Nordvik Bygg AB"  # the clash is reported, not overwritten
    assert "1044" not in eek  # inactive customers are not transferred
    pm = _by_number(pm_customers(world), "number")
    assert {"9001", "9002", "9003"} <= set(pm) and "9004" not in pm and "9005" not in pm


async def test_c9_customers_from_eekonomi_get_split_contacts_in_pm(world: World) -> None:
    await world.run()
    pm = _by_number(pm_customers(world), "number")
    contacts = {c["customer"]["guid"]: c for c in world.pm.store.all("contacts")}
    karin = contacts[pm["9001"][0]["guid"]]
    mats = contacts[pm["9002"][0]["guid"]]
    assert (karin["firstName"], karin["lastName"]) == ("Karin", "Lind Berg")
    assert (mats["firstName"], mats["lastName"]) == ("?", "Mats")


@BOTH
async def test_c12_second_run_right_after_makes_no_write_calls(world: World) -> None:
    await world.run()
    report = await world.run()
    assert world.last_write_calls == 0
    assert report.categories["customers"].count(Outcome.SUCCEEDED) == 0


async def test_c12_incremental_run_sends_only_the_changed_customer(world: World) -> None:
    await world.run()
    guid = _by_number(pm_customers(world), "number")["1010"][0]["guid"]
    await world.with_session(lambda s: s.pm.customers.update(guid, {"website": "https://nytt.example.se"}))
    report = await world.run()
    changed = [o for o in report.categories["customers"].outcomes if o.outcome is Outcome.SUCCEEDED]
    assert [(o.key, o.action.value) for o in changed] == [("1010", "update")]
    assert world.last_write_calls == 1
    eek = _by_number(eek_customers(world), "CustomerNumber")
    assert eek["1010"][0]["WwwAddress"] == "https://nytt.example.se"


@BOTH
async def test_x5_dry_run_lists_the_plan_and_writes_nothing_on_either_side(world: World) -> None:
    before = (len(eek_customers(world)), len(pm_customers(world)))
    report = await world.run(dry_run=True)
    assert world.last_write_calls == 0
    assert (len(eek_customers(world)), len(pm_customers(world))) == before
    plan = report.to_json()["categories"]["customers"]["plan"]
    actions = {(row["object"], row["action"]) for row in plan}
    assert ("1001", "create") in actions and ("1005", "link") in actions and ("1041", "reject") in actions
    real = await world.run()  # the dry run left no cursor or intent behind
    assert real.categories["customers"].count(Outcome.SUCCEEDED) == 39


@BOTH
async def test_c2_rename_in_master_after_linking_propagates_without_duplicate(world: World) -> None:
    await world.run()
    guid = _by_number(pm_customers(world), "number")["1001"][0]["guid"]
    await world.with_session(lambda s: s.pm.customers.update(guid, {"name": "Aurora Konsult & Co AB"}))
    await world.run()
    eek = _by_number(eek_customers(world), "CustomerNumber")
    assert [doc["Name"] for doc in eek["1001"]] == ["Aurora Konsult & Co AB"]


async def test_c3_with_eekonomi_as_master_changes_flow_only_from_eekonomi(world: World) -> None:
    world.set("master_customers", "eekonomi")
    await world.run()
    eek_id = _by_number(eek_customers(world), "CustomerNumber")["9003"][0]["Id"]

    async def rename_in_eek(session: Any) -> None:
        current = await session.eek.customers.get(eek_id)
        await session.eek.customers.update(eek_id, current.model_copy(update={"name": "Solberga Gård & Vin AB"}))

    await world.with_session(rename_in_eek)
    pm_guid = _by_number(pm_customers(world), "number")["1002"][0]["guid"]
    await world.with_session(lambda s: s.pm.customers.update(pm_guid, {"name": "Bergström Arkitekter Nord AB"}))
    report = await world.run()
    pm = _by_number(pm_customers(world), "number")
    assert pm["9003"][0]["name"] == "Solberga Gård & Vin AB"
    eek = _by_number(eek_customers(world), "CustomerNumber")
    assert eek["1002"][0]["Name"] == "Bergström Arkitekter AB"  # PM is not master: not propagated
    skipped = {o.key: o for o in report.categories["customers"].outcomes if o.outcome is Outcome.SKIPPED}
    assert skipped["1002"].rule_id == "C3" and "huvudsystem" in skipped["1002"].message

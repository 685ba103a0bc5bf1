"""The weekly reconcile: due on Sunday night (Swedish time) for a company with both systems connected, unless its
schedule is changed, and run by the worker's engine path after the transfers."""

from __future__ import annotations

import json
from datetime import datetime, time

import pytest

from brygga.calendar_se import STOCKHOLM
from brygga.reconcile import reconcile_store
from brygga.schedules import Schedule
from brygga.schedules.company_run import run_company, session_runner
from brygga.schedules.model import OFF, RECONCILE, WEEKLY_RECONCILE
from brygga.store import Store
from tests.scenarios.harness import World

pytestmark = pytest.mark.scenario


def se(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=STOCKHOLM)  # type: ignore[misc]


def test_r13_the_weekly_reconcile_is_due_on_sunday_night_for_a_connected_company(empty_world: World) -> None:
    schedules = empty_world.store.schedules
    assert schedules.take_due(se(2026, 12, 6, 12, 0)).due == []  # Sunday noon: first seen, counted from now
    assert schedules.take_due(se(2026, 12, 6, 22, 59)).due == []
    assert schedules.take_due(se(2026, 12, 6, 23, 1)).due == [RECONCILE]
    assert schedules.take_due(se(2026, 12, 7, 23, 1)).due == []  # Monday: once a week
    assert schedules.all() == {}  # a default, not a stored schedule
    assert WEEKLY_RECONCILE.days == frozenset({6}) and WEEKLY_RECONCILE.times == (time(23, 0),)


def test_r13_no_weekly_reconcile_without_both_connections_or_when_turned_off(empty_world: World) -> None:
    unconnected = Store.for_tenant(empty_world.store.db, "other").schedules
    unconnected.take_due(se(2026, 12, 6, 12, 0))
    assert unconnected.take_due(se(2026, 12, 6, 23, 1)).due == []
    schedules = empty_world.store.schedules
    schedules.set(RECONCILE, OFF)
    assert schedules.all() == {RECONCILE: OFF}  # off is kept, so the default does not come back
    schedules.take_due(se(2026, 12, 6, 12, 0))
    assert schedules.take_due(se(2026, 12, 6, 23, 1)).due == []
    schedules.set(RECONCILE, Schedule("at", days=frozenset({0}), times=(time(6, 0),)))  # Mondays 06:00 instead
    schedules.take_due(se(2026, 12, 6, 12, 0))
    assert schedules.take_due(se(2026, 12, 7, 6, 1)).due == [RECONCILE]


async def test_r13_the_worker_path_runs_the_reconcile_after_the_transfers(empty_world: World) -> None:
    empty_world.set("project_cost_center", "Projekt")
    result = await run_company(empty_world.store, ["customers", RECONCILE], session_runner(empty_world.settings))
    assert result.report is not None and list(result.report.categories) == ["customers"]
    latest = reconcile_store(empty_world.store).latest_run()
    assert latest is not None and (latest.trigger, latest.status) == ("schedule", "ok")


def test_r13_schedule_show_lists_the_weekly_reconcile_of_a_connected_company(
    empty_world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from brygga.cli.schedule_cmd import schedule_show

    settings = empty_world.settings
    monkeypatch.setenv("BRYGGA_DB", str(settings.db))
    monkeypatch.setenv("BRYGGA_SECRET_KEY", settings.secret_key.get_secret_value() if settings.secret_key else "")
    monkeypatch.setenv("BRYGGA_DATA_DIR", str(settings.data_dir))
    schedule_show(as_json=True)
    shown = {row["category"]: row for row in json.loads(capsys.readouterr().out)["categories"]}
    assert shown[RECONCILE]["schedule"] == WEEKLY_RECONCILE.to_json() and shown[RECONCILE]["next_run"]
    assert shown["customers"]["schedule"] == OFF.to_json()

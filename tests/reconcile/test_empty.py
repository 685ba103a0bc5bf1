"""A company's first day: nothing in either system, nothing transferred, no reconcile run yet."""

from __future__ import annotations

import pytest

from brygga.reconcile import reconcile_store
from tests.reconcile.test_findings import reconcile
from tests.scenarios.harness import World

pytestmark = pytest.mark.scenario


async def test_r12_empty_systems_and_a_fresh_store_reconcile_clean_once_the_cost_center_is_chosen(
    empty_world: World,
) -> None:
    runs = reconcile_store(empty_world.store)
    assert runs.latest_run() is None and runs.open_findings_count() == 0

    first = await reconcile(empty_world)
    assert first.findings == [] and first.status == "failed"
    assert set(first.not_checked) == {"projects", "supplier_costs"}  # no cost center chosen (S3): said, not raised
    sv, en = first.not_checked["projects"]
    assert "project_cost_center" in sv and "project_cost_center" in en

    empty_world.set("project_cost_center", "Projekt")
    second = await reconcile(empty_world)
    assert second.findings == [] and second.status == "ok" and second.not_checked == {}
    assert second.resumed and second.skipped_done == ("customers", "articles", "invoices")  # the rest checked now

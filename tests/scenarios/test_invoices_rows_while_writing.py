"""Many new drafts (issue 16): each invoice's rows are read in its own write, so rows reads, draft POSTs and status
PATCHes run side by side. The rules and the create-once guarantee are the same as when the rows are read while
planning (tests/scenarios/test_invoices.py): here the threshold is lowered so the demo's invoices take that path."""

from __future__ import annotations

import pytest

from brygga.transfer.invoices import transfer as invoice_transfer
from brygga.transfer.outcome import Outcome
from tests.scenarios.harness import World
from tests.scenarios.test_invoices import SETUP, drafts, markers, pm_statuses

pytestmark = pytest.mark.scenario


@pytest.fixture
def many(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(invoice_transfer, "ROWS_IN_PLAN_UP_TO", 0)
    world.set("project_cost_center", "Projekt")
    world.set("default_article_number", "DIV")
    return world


async def test_i1_rows_read_while_writing_give_the_same_drafts_and_rule_failures(many: World) -> None:
    world = many
    await world.run(*SETUP)
    report = await world.run("invoices")
    invoices = report.categories["invoices"]
    assert invoices.count(Outcome.SUCCEEDED) == 8
    assert invoices.count(Outcome.SKIPPED) == 1  # the credit invoice (I7)
    assert {"I5", "I6"} <= {o.rule_id for o in report.errors()}
    assert len(drafts(world)) == 8
    assert len(set(markers(world))) == len(markers(world)) == 8  # one draft per PM invoice (I8)
    statuses = [status for status, _ in (await pm_statuses(world)).values()]
    assert statuses.count("Överförd eEkonomi") == 8
    rerun = await world.run("invoices")
    assert world.last_write_calls == 0 and len(drafts(world)) == 8
    assert rerun.categories["invoices"].count(Outcome.SUCCEEDED) == 0


async def test_i8_lost_answer_while_writing_with_rows_read_in_the_write_leaves_one_draft(many: World) -> None:
    world = many
    await world.run(*SETUP)
    world.eek.faults.drop_next("POST", "/v2/customerinvoicedrafts")
    first = await world.run("invoices")
    assert any("kom aldrig fram" in o.hint for o in first.errors())
    await world.run("invoices")
    assert len(set(markers(world))) == len(markers(world)) == 8
    assert not world.store.protocol.pending_intents("invoices")


async def test_x5_dry_run_reads_rows_while_planning_whatever_the_count(many: World) -> None:
    """A dry run writes nothing and still reports every rule the rows break, as a rejection."""
    world = many
    await world.run(*SETUP)
    report = await world.run("invoices", dry_run=True)
    rejected = [o for o in report.categories["invoices"].outcomes if o.outcome is Outcome.FAILED]
    assert {"I5", "I6"} <= {o.rule_id for o in rejected}
    assert drafts(world) == []

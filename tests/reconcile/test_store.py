"""The reconcile's store on SQLite and PostgreSQL: empty at first, findings per run, the open count of the latest
finished run, an interrupted run continued, and each company's runs its own (removed with the company)."""

from __future__ import annotations

import pytest

from brygga.config import Settings
from brygga.store import Store, open_store
from brygga.store.companies import CompanyRegistry
from brygga.store.reconcile import NewFinding, ReconcileStore

pytestmark = pytest.mark.both_databases


def finding(key: str, repair: str | None = None) -> NewFinding:
    return NewFinding(
        category="customers",
        kind="field_differs",
        object_key=key,
        object_name="Kund AB",
        title="Kunden har ändrats i fel system: namn skiljer sig",
        title_en="The customer was changed in the wrong system: the name differs",
        hint="Gör ändringen i Visma PM.",
        hint_en="Make the change in Visma PM.",
        detail="S1: PM-id p, eEkonomi-id e",
        field="name",
        pm_value="Kund AB",
        eek_value="Kund AB (ny)",
        changed_in="eekonomi",
        repair=repair,
        repair_ref={"pm_id": "p", "eek_id": "e"} if repair else {},
    )


def test_r9_a_fresh_store_has_no_reconcile_run_and_no_open_findings(store: Store) -> None:
    runs = ReconcileStore(store.db, store.tenant)
    assert runs.latest_run() is None and runs.open_findings_count() == 0 and runs.runs() == []
    assert runs.findings(1) == []


def test_r9_findings_are_stored_per_run_and_the_open_count_is_the_latest_finished_runs(store: Store) -> None:
    runs = ReconcileStore(store.db, store.tenant)
    run_id, resumed = runs.start_or_resume(["customers", "articles"], "cli")
    assert not resumed and runs.open_findings_count() == 0  # still running: not counted
    runs.category_done(
        run_id, "customers", [finding("1001", "repush"), finding("1002")], objects_read=40, api_reads=3, pages=3
    )
    runs.category_done(run_id, "articles", [], objects_read=10, api_reads=2, pages=2)
    runs.finish(run_id, "ok")
    latest = runs.latest_run()
    assert latest is not None and latest.status == "findings"  # "ok" with findings is "findings"
    assert (latest.categories, latest.objects_read, latest.api_reads, latest.trigger) == (
        ("customers", "articles"),
        50,
        5,
        "cli",
    )
    found = runs.findings(run_id)
    assert [(f.object_key, f.repair, f.state) for f in found] == [("1001", "repush", "open"), ("1002", None, "open")]
    assert runs.repair_ref(found[0].id) == {"pm_id": "p", "eek_id": "e"} and runs.repair_ref(found[1].id) == {}
    assert runs.open_findings_count() == 2
    runs.mark_repaired(found[0].id)
    assert runs.open_findings_count() == 1
    clean, _ = runs.start_or_resume(["customers"], "schedule")
    runs.finish(clean, "ok")
    assert runs.open_findings_count() == 0 and runs.latest_run().status == "ok"  # type: ignore[union-attr]


def test_r10_a_run_left_running_by_a_dead_process_is_continued_with_its_done_categories(store: Store) -> None:
    runs = ReconcileStore(store.db, store.tenant)
    run_id, _ = runs.start_or_resume(["customers", "articles"], "cli")
    runs.category_done(run_id, "customers", [finding("1001")], objects_read=4, api_reads=1, pages=1)
    # the process dies here; the next run holds the lease and closes what was left running
    assert runs.interrupt_stale() == 1
    assert runs.latest_run().status == "interrupted"  # type: ignore[union-attr]
    again, resumed = runs.start_or_resume(["customers", "articles"], "cli")
    assert (again, resumed) == (run_id, True)
    assert set(runs.progress(run_id)["done"]) == {"customers"}
    other, resumed_other = runs.start_or_resume(["invoices"], "cli")  # other categories: a run of its own
    assert other != run_id and not resumed_other


def test_r11_each_company_sees_only_its_own_runs_and_removing_it_removes_them(settings: Settings) -> None:
    opened = open_store(settings)
    try:
        registry = CompanyRegistry(opened.db)
        registry.add("alfa", "Alfa AB")
        registry.add("beta", "Beta AB")
        alfa = ReconcileStore(Store.for_tenant(opened.db, "alfa").db, "alfa")
        beta = ReconcileStore(Store.for_tenant(opened.db, "beta").db, "beta")
        run_id, _ = alfa.start_or_resume(["customers"], "cli")
        alfa.category_done(run_id, "customers", [finding("1")], objects_read=1, api_reads=1, pages=1)
        alfa.finish(run_id, "ok")
        assert beta.latest_run() is None and beta.findings(run_id) == [] and beta.open_findings_count() == 0
        assert registry.counts("alfa") == {"reconcile_run": 1, "reconcile_finding": 1}
        assert registry.remove("alfa") == {"reconcile_run": 1, "reconcile_finding": 1}
        assert alfa.latest_run() is None
    finally:
        opened.db.dispose()

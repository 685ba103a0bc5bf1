"""A company's run log as the runner records it, for the CLI and page tests of the object history: customer 1001
created and then renamed, 1003 refused by rule C2, 1044 only ever skipped (C1), and a run-level failure."""

from __future__ import annotations

from brygga.field_changes import FieldChange
from brygga.store import ItemRecord, Link, Store

PM_ID = "0b1c2d3e-0000-4000-8000-000000001001"
EEK_ID = "9f8e7d6c-0000-4000-8000-00000000e001"
C2_MESSAGE = (
    "Kunden 1003 Nordviks Byggtjänst AB kopplades inte: kundnummer 1003 finns redan i Visma eEkonomi med namnet "
    '"Nordvik Bygg AB".'
)
C2_HINT = "Gör namnet identiskt i båda systemen, så kopplas kunderna ihop vid nästa överföring."


def record_runs(store: Store) -> tuple[int, int]:
    """Two finished runs of customers; returns their ids."""
    first = store.runs.start(["customers"], dry_run=False)
    store.runs.add_items(
        first,
        [
            ItemRecord(
                "customers", "pm->eek", "1001", "Aurora Konsult AB", "create", "succeeded", pm_id=PM_ID, eek_id=EEK_ID
            ),
            ItemRecord(
                "customers",
                "pm->eek",
                "1003",
                "Nordviks Byggtjänst AB",
                "reject",
                "failed",
                "C2",
                C2_MESSAGE,
                C2_HINT,
                "Make the name identical in both systems.",
                pm_id="pm-1003",
            ),
            ItemRecord(
                "customers",
                "pm->eek",
                "1044",
                "Vilande Konsult AB",
                "skip",
                "skipped",
                "C1",
                "Inaktiv kund: förs inte över.",
                title_en="Inactive customer: not transferred",
                pm_id="pm-1044",
            ),
        ],
    )
    store.runs.finish(first, "partial", "")
    store.protocol.link_and_close(None, Link("customers", PM_ID, EEK_ID, "a", "b"))
    second = store.runs.start(["customers"], dry_run=False)
    renamed = (FieldChange("name", "Aurora Konsult AB", "Aurora Konsult & Co AB"),)
    store.runs.add_items(
        second,
        [
            ItemRecord(
                "customers",
                "pm->eek",
                "1001",
                "Aurora Konsult & Co AB",
                "update",
                "succeeded",
                changes=renamed,
                pm_id=PM_ID,
                eek_id=EEK_ID,
            ),
            ItemRecord(
                "customers",
                "pm->eek",
                "1003",
                "Nordviks Byggtjänst AB",
                "reject",
                "failed",
                "C2",
                C2_MESSAGE,
                C2_HINT,
                "Make the name identical in both systems.",
                pm_id="pm-1003",
            ),
            ItemRecord(
                "customers",
                "pm->eek",
                "1044",
                "Vilande Konsult AB",
                "skip",
                "skipped",
                "C1",
                "Inaktiv kund: förs inte över.",
                title_en="Inactive customer: not transferred",
                pm_id="pm-1044",
            ),
        ],
    )
    store.runs.finish(second, "partial", "")
    return first, second

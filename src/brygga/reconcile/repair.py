"""Repairs brygga can make safely, always through the transfer's own write protocol:

* ``repush``: a field the master owns differs because someone changed it in the other system. The link's master
  fingerprint is cleared and the master object is queued as a retry, so the next transfer of the category sees it
  as changed and writes the master's values (S1, S2) with its usual checks; the other side's fingerprint is set to
  what it is now, so its change is not mistaken for a new one.
* ``relink``: a linked object was deleted and a person created it again with the same number and name. The link is
  moved to the new object (closing any pending create in the same commit) and the master's values are written to
  it the same way.

Without ``dry_run=False`` nothing is written: each repair is said as what would be done.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from brygga.reconcile.model import ReconcileResult, RepairOutcome
from brygga.reconcile.words import SYSTEM, THINGS, field_label
from brygga.store import Link, Store
from brygga.store.reconcile import Finding, ReconcileStore

if TYPE_CHECKING:
    from brygga.session import TransferSession

__all__ = ["repair_findings"]

LINK_CATEGORY = {"customers": "customers", "articles": "articles", "projects": "projects"}


async def repair_findings(session: TransferSession, result: ReconcileResult, *, dry_run: bool) -> list[RepairOutcome]:
    store = session.store
    runs = ReconcileStore(store.db, store.tenant)
    todo = [f for f in result.findings if f.repair and f.state == "open" and f.category in LINK_CATEGORY]
    if dry_run:
        return [_planned(f, runs.repair_ref(f.id)) for f in todo]
    by_category: dict[str, list[Finding]] = defaultdict(list)
    done_pairs: set[tuple[str, str, str]] = set()
    for finding in todo:
        ref = runs.repair_ref(finding.id)
        if not ref:
            continue
        pair = (finding.category, ref["pm_id"], ref["eek_id"])
        if pair not in done_pairs:  # several fields of one object: one link change, one write
            _prepare(store, finding.category, ref)
            done_pairs.add(pair)
        by_category[finding.category].append(finding)
    outcomes: list[RepairOutcome] = []
    if not by_category:
        return outcomes
    report = await session.run([THINGS[c].transfer for c in by_category])
    for category, findings in by_category.items():
        category_report = report.categories.get(THINGS[category].transfer)
        failed = {o.key: o for o in category_report.failed} if category_report else {}
        for finding in findings:
            error = failed.get(finding.object_key)
            if error is None and category_report is not None:
                runs.mark_repaired(finding.id)
            planned = _planned(finding, runs.repair_ref(finding.id))
            outcomes.append(
                RepairOutcome(
                    finding.id,
                    planned.repair,
                    finding.object_key,
                    applied=error is None and category_report is not None,
                    text=planned.text.replace("Skulle ", "", 1).capitalize() if error is None else planned.text,
                    text_en=planned.text_en.replace("Would ", "", 1).capitalize() if error is None else planned.text_en,
                    error=None if error is None else error.headline("sv"),
                )
            )
    return outcomes


def _prepare(store: Store, category: str, ref: dict[str, str]) -> None:
    """The link as the transfer must find it: master fingerprint cleared, the other side's as it is now, and the
    master object queued so the transfer reads it even when it has not changed since the last run."""
    master = ref["master"]
    link_category = LINK_CATEGORY[category]
    master_id = ref["pm_id"] if master == "pm" else ref["eek_id"]
    store.protocol.set_retry(link_category, master, master_id, True)
    link = Link(
        link_category,
        ref["pm_id"],
        ref["eek_id"],
        None if master == "pm" else ref["pm_fp"],
        None if master == "eekonomi" else ref["eek_fp"],
    )
    store.protocol.link_and_close(None, link)


def _planned(finding: Finding, ref: dict[str, str]) -> RepairOutcome:
    thing = THINGS[finding.category]
    master = ref.get("master", "pm")
    other = "eekonomi" if master == "pm" else "pm"
    key = f"{thing.sv_indef} {finding.object_key}".strip()
    key_en = f"{thing.en_indef} {finding.object_key}".strip()
    if finding.repair == "relink":
        new_id = ref.get("eek_id") if finding.changed_in == "eekonomi" else ref.get("pm_id")
        text = (
            f"Skulle koppla {key} till det nya objektet i {SYSTEM[finding.changed_in or other]} (id {new_id}) och "
            f"skriva värdena från {SYSTEM[master]} dit"
        )
        text_en = (
            f"Would link {key_en} to the new object in {SYSTEM[finding.changed_in or other]} (id {new_id}) and write "
            f"{SYSTEM[master]}'s values to it"
        )
        return RepairOutcome(finding.id, "relink", finding.object_key, False, text, text_en)
    sv, en = field_label(finding.field or "")
    value = finding.pm_value if master == "pm" else finding.eek_value
    text = f"Skulle skriva {sv} {value!r} från {SYSTEM[master]} till {SYSTEM[other]} för {key}"
    text_en = f"Would write the {en} {value!r} from {SYSTEM[master]} to {SYSTEM[other]} for {key_en}"
    return RepairOutcome(finding.id, "repush", finding.object_key, False, text, text_en)

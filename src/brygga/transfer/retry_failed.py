"""``--failed-only`` / "Försök igen med de misslyckade": narrow a category's plan to the objects that failed in
its latest real run.

The cursors must then stay where they are: the plan was cut, so objects changed since the last full run were not
looked at and must still be found by the next ordinary run.
"""

from __future__ import annotations

from typing import Any

from brygga.store import Store
from brygga.transfer.report import CategoryReport

__all__ = ["keep_only_failed"]


def keep_only_failed(store: Store, category: str, plan: Any, transfer: Any, report: CategoryReport) -> None:
    failed = store.runs.latest_items(("failed",), category=category)
    if any(not item.object_key and not item.direction for item in failed):
        report.notices.append("Förra körningen stoppades för hela kategorin, så allt som behöver föras över prövas.")
        return
    wanted = {(item.direction, item.object_key) for item in failed}
    plan.changes = [change for change in plan.changes if (change.direction.value, change.key) in wanted]
    cursors = getattr(transfer, "cursors", None)
    if cursors is not None:
        cursors.pm = cursors.eek = None
    if not wanted:
        report.notices.append("Inget misslyckades i senaste körningen: inget att försöka igen.")
    elif len(plan.changes) < len(wanted):
        gone = len(wanted) - len(plan.changes)
        report.notices.append(f"{gone} av de misslyckade finns inte längre att föra över (borttagna eller ändrade).")

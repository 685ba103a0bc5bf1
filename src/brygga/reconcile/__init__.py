"""The full compare of Visma PM and Visma eEkonomi ("Avstämning", issue 17): ``run_reconcile``."""

from brygga.reconcile.engine import choose_categories, reconcile_store, run_reconcile
from brygga.reconcile.model import RECONCILE_CATEGORIES, ReconcileResult, RepairOutcome

__all__ = [
    "RECONCILE_CATEGORIES",
    "ReconcileResult",
    "RepairOutcome",
    "choose_categories",
    "reconcile_store",
    "run_reconcile",
]

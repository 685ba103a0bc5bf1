"""What a reconcile run works with and hands back: the categories, the readers' shared state, the result."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from brygga.eekonomi import EEkonomiClient
from brygga.severa.client import SeveraClient
from brygga.store import Store
from brygga.store.reconcile import Finding, NewFinding
from brygga.transfer.options import TransferOptions

__all__ = [
    "CATEGORY_ALIASES",
    "RECONCILE_CATEGORIES",
    "CategoryCheck",
    "ReconcileResult",
    "RepairOutcome",
    "Sources",
]

# In the order a run checks them (the transfer's order: invoices need customers, articles and projects).
RECONCILE_CATEGORIES = ("customers", "articles", "projects", "invoices", "supplier_costs")
# The transfer's name for supplier invoices is accepted too.
CATEGORY_ALIASES = {"supplier-invoices": "supplier_costs", "supplier_invoices": "supplier_costs"}


@dataclass
class Sources:
    """Both clients, the company's store and settings, and what the run has read so far."""

    eek: EEkonomiClient
    pm: SeveraClient
    store: Store
    options: TransferOptions

    def reads(self) -> int:
        """GET calls made by both clients so far (the benchmark's "API reads")."""
        return sum(_gets(c.calls_by_endpoint) for c in (self.eek, self.pm))


def _gets(counts: Counter[str]) -> int:
    return sum(n for key, n in counts.items() if key.split(" ", 1)[0] == "GET")


@dataclass
class CategoryCheck:
    """One category's outcome: its findings and how much it read."""

    category: str
    findings: list[NewFinding] = field(default_factory=list)
    objects_read: int = 0
    pages: int = 0


@dataclass(frozen=True)
class RepairOutcome:
    """One repair: planned (a dry run) or applied, in words."""

    finding_id: int
    repair: str  # relink, repush
    object_key: str
    applied: bool
    text: str
    text_en: str
    error: str | None = None


@dataclass
class ReconcileResult:
    run_id: int
    status: str  # ok, findings, failed, interrupted
    categories: tuple[str, ...]
    findings: list[Finding]
    objects_read: int
    api_reads: int
    resumed: bool = False
    skipped_done: tuple[str, ...] = ()  # categories an interrupted run had finished (not read again)
    repairs: list[RepairOutcome] = field(default_factory=list)
    dry_run: bool = True
    not_checked: dict[str, tuple[str, str]] = field(default_factory=dict)  # category -> (sv, en): why not

    @property
    def open_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.state == "open"]

    def reads_per_100(self) -> float:
        return 100 * self.api_reads / self.objects_read if self.objects_read else 0.0

"""Projects for the data sets, in the store's shape: each belongs to a customer already in the store
and takes that customer's currency and payment term, as Severa does when a project is created."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from .builders import Ticker
from .ids import stable_guid
from .organization_data import DEFAULT_PRICELIST_GUID
from .reference_data import currency_guid
from .store import Document, SeveraStore
from .wire import format_datetime

__all__ = ["ProjectSpec", "add_project"]

_PROJECT_DAYS = 180


@dataclass(frozen=True)
class ProjectSpec:
    number: int
    name: str
    customer_number: int
    start: date
    closed: date | None = None


def add_project(store: SeveraStore, spec: ProjectSpec, tick: Ticker) -> Document:
    customer_guid = stable_guid("customer", spec.customer_number)
    customer = store.peek("customers", customer_guid)
    if customer is None:
        raise ValueError(f"project {spec.number} needs customer {spec.customer_number} in the store first")
    created = tick()
    return store.adopt(
        "projects",
        {
            "guid": stable_guid("project", spec.number),
            "number": spec.number,
            "name": spec.name,
            "customer": {"guid": customer_guid},
            "currency": dict(customer.get("currency") or {"guid": currency_guid("SEK")}),
            "paymentTerm": customer.get("paymentTerm"),
            "pricelist": {"guid": DEFAULT_PRICELIST_GUID},
            "rootPhase": {"guid": stable_guid("phase", spec.number)},
            "startDate": spec.start.isoformat(),
            "deadline": (spec.start + timedelta(days=_PROJECT_DAYS)).isoformat(),
            "isClosed": spec.closed is not None,
            "isInternal": False,
            **_closing(spec.closed, created),
        },
    )


def _closing(closed: date | None, created: str) -> dict[str, Any]:
    """Closing a project is its last change: it moves ``lastUpdatedDateTime`` to the closing day."""
    if closed is None:
        return {"closedDate": None, "createdDateTime": created, "lastUpdatedDateTime": created}
    closed_at = format_datetime(datetime.combine(closed, time(16, 0), tzinfo=UTC))
    return {"closedDate": closed.isoformat(), "createdDateTime": created, "lastUpdatedDateTime": closed_at}

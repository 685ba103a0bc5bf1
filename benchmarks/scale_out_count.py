"""What the scale-out benchmark counts afterwards.

- Duplicates and lost objects, through the emulators' public APIs with the benchmark's own tokens: every PM
  customer number exactly once in eEkonomi (with the trickle's latest e-mail), every invoice the trickle marked
  exactly one draft or invoice (``PM <guid>``) in eEkonomi.
- From the run records (the store's ``run`` and ``run_item`` tables, read as the owner): lag from due to done,
  overlapping runs per company, objects per run. A scheduled run is due at the slot it belongs to: the latest
  multiple of the interval (Swedish local time, from 00:00) at or before its start.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import create_engine, text

from benchmarks.scale_out_trickle import Ledger
from benchmarks.scale_out_world import World, eek_tokens, pm_headers

__all__ = [
    "ApiCount",
    "RunRecord",
    "count_through_apis",
    "database_size",
    "due_slot",
    "overlaps",
    "percentile",
    "read_runs",
]

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@dataclass(frozen=True)
class RunRecord:
    tenant: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    objects: int  # run items that succeeded (created, updated or linked)


@dataclass
class ApiCount:
    duplicates: int = 0
    lost: int = 0
    stale_changes: int = 0  # a changed PM customer whose e-mail eEkonomi does not have
    checked: int = 0
    unreadable: int = 0  # companies the observer could not read (counted, never guessed)
    examples: list[str] = field(default_factory=list)


def due_slot(started: datetime, interval_minutes: int) -> datetime:
    local = started.astimezone(STOCKHOLM)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    minutes = int((local - midnight).total_seconds() // 60)
    return midnight + timedelta(minutes=minutes - minutes % interval_minutes)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def read_runs(world: World, since: datetime, until: datetime) -> list[RunRecord]:
    engine = create_engine(world.owner_url)
    query = text(
        "SELECT r.tenant_id, r.status, r.started_at, r.finished_at, "
        "(SELECT count(*) FROM run_item i WHERE i.run_id = r.id AND i.outcome = 'succeeded') "
        "FROM run r WHERE r.dry_run = false AND r.started_at >= :since AND r.started_at < :until ORDER BY r.id"
    )
    try:
        with engine.connect() as conn:
            rows = conn.execute(query, {"since": since, "until": until}).all()
    finally:
        engine.dispose()
    return [RunRecord(str(r[0]), str(r[1]), _utc(r[2]), _utc(r[3]) if r[3] else None, int(r[4])) for r in rows]


def database_size(world: World) -> tuple[float, int]:
    """(the benchmark database's size in MB, how many runs it holds)."""
    engine = create_engine(world.owner_url)
    try:
        with engine.connect() as conn:
            size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
            runs = conn.execute(text("SELECT count(*) FROM run")).scalar_one()
    finally:
        engine.dispose()
    return int(size) / 1e6, int(runs)


def _utc(value: Any) -> datetime:
    moment: datetime = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # stored as UTC


def overlaps(runs: list[RunRecord]) -> dict[str, int]:
    """Per company, how many runs started before an earlier one of it had finished. A run closed as interrupted
    has no true end (its process was killed; ``finished_at`` is when the next holder closed it), so it is not
    counted as overlapping the run that took over."""
    by_company: dict[str, list[RunRecord]] = {}
    for run in runs:
        by_company.setdefault(run.tenant, []).append(run)
    found: dict[str, int] = {}
    for tenant, own in by_company.items():
        own.sort(key=lambda r: r.started_at)
        for index, later in enumerate(own):
            for earlier in own[:index]:
                ended = earlier.finished_at
                if earlier.status == "interrupted":
                    continue
                if ended is None or later.started_at < ended:
                    found[tenant] = found.get(tenant, 0) + 1
                    break
    return found


class _Patient(httpx.HTTPTransport):
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for _ in range(30):
            response = super().handle_request(request)
            if response.status_code != 429:
                return response
            response.read()
            response.close()
            time.sleep(float(response.headers.get("Retry-After") or 1))
        return super().handle_request(request)


def _eek_all(http: httpx.Client, url: str, headers: dict[str, str]) -> Iterator[dict[str, Any]]:
    page = 1
    while True:
        answer = http.get(url, params={"$page": page, "$pagesize": 1000}, headers=headers)
        answer.raise_for_status()
        body = answer.json()
        yield from body["Data"]
        if page >= int(body["Meta"]["TotalNumberOfPages"]):
            return
        page += 1


def _one_company(http: httpx.Client, world: World, number: int, ledger: Ledger) -> ApiCount:
    found = ApiCount(checked=1)
    eek = {"Authorization": f"Bearer {eek_tokens(http, world.eek_url, number)['access_token']}"}
    pm = pm_headers(http, world.pm_url, number)
    customers = list(_eek_all(http, f"{world.eek_url}/v2/customers", eek))
    numbers = Counter(str(c.get("CustomerNumber")) for c in customers)
    emails = {str(c.get("CustomerNumber")): str(c.get("EmailAddress") or "") for c in customers}
    pm_numbers = [
        str(c["number"]) for c in http.get(f"{world.pm_url}/v1/customers", params={"rowCount": 1000}, headers=pm).json()
    ]
    for key in pm_numbers:
        have = numbers.get(key, 0)
        found.duplicates += max(0, have - 1)
        if have == 0:
            found.lost += 1
            found.examples.append(f"{number}: customer {key} missing in eEkonomi")
    for key, email in ledger.emails.get(number, {}).items():
        if emails.get(str(key), "").lower() != email.lower():
            found.stale_changes += 1
    documents = [
        *_eek_all(http, f"{world.eek_url}/v2/customerinvoicedrafts", eek),
        *_eek_all(http, f"{world.eek_url}/v2/customerinvoices", eek),
    ]
    markers = Counter(str(d.get("ContractNumber") or "") for d in documents)
    for guid in ledger.invoices.get(number, []):
        have = markers.get(f"PM {guid}", 0)
        found.duplicates += max(0, have - 1)
        if have == 0:
            found.lost += 1
            found.examples.append(f"{number}: no draft for PM invoice {guid}")
    return found


def count_through_apis(world: World, ledger: Ledger, threads: int = 8) -> ApiCount:
    total = ApiCount()
    with httpx.Client(timeout=60.0, transport=_Patient(), limits=httpx.Limits(max_connections=threads)) as http:

        def one(number: int) -> ApiCount:
            try:
                return _one_company(http, world, number, ledger)
            except (httpx.HTTPError, KeyError, ValueError) as exc:
                return ApiCount(unreadable=1, examples=[f"{number}: {type(exc).__name__}"])

        with ThreadPoolExecutor(threads) as pool:
            for part in pool.map(one, range(1, world.companies + 1)):
                total.duplicates += part.duplicates
                total.lost += part.lost
                total.stale_changes += part.stale_changes
                total.checked += part.checked
                total.unreadable += part.unreadable
                total.examples.extend(part.examples)
    total.examples = total.examples[:10]
    return total

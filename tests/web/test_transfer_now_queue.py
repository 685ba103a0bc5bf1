""" "Överför nu" on Dataöverföring with the job queue (PostgreSQL): the Överför button and "Överför allt" enqueue
through ``brygga.jobs`` instead of running in the web process; the page shows "I kö", then "Körs", then the run's
result from the run history. Torrkörning and "Försök igen" still run in the web process; without a queue (SQLite)
every button runs there as before. ``brygga.jobs`` is replaced by a fake here; test_transfer_now_postgres.py uses
the real queue."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
import pytest

from brygga import jobs
from brygga.jobs import QueuedJob
from brygga.store import Database, ItemRecord, Store
from brygga.store.companies import CompanyRegistry
from brygga.transfer.runner import CATEGORIES
from brygga.web.pages import COMPANY_COOKIE
from tests.web.conftest import page_token, run_transfer


@dataclass
class FakeQueue:
    deferred: list[tuple[str, list[str]]] = field(default_factory=list)
    waiting: dict[str, list[QueuedJob]] = field(default_factory=dict)

    def defer_now(self, db: Database, company: str, categories: list[str]) -> int:
        self.deferred.append((company, list(categories)))
        job = QueuedJob(41 + len(self.deferred), "now", list(categories), "todo", datetime.now(UTC))
        self.waiting.setdefault(company, []).append(job)
        return job.id

    def queued_for(self, db: Database, company: str) -> list[QueuedJob]:
        return list(self.waiting.get(company, []))

    def set_status(self, company: str, status: str) -> None:
        self.waiting[company] = [
            QueuedJob(j.id, j.kind, j.categories, "doing" if status == "doing" else "todo", j.queued_at)
            for j in self.waiting[company]
        ]


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch) -> FakeQueue:
    fake = FakeQueue()
    monkeypatch.setattr(jobs, "queue_installed", lambda db: True)
    monkeypatch.setattr(jobs, "defer_now", fake.defer_now)
    monkeypatch.setattr(jobs, "queued_for", fake.queued_for)
    return fake


async def press(admin: httpx.AsyncClient, category: str, mode: str = "run", lang: str = "sv") -> httpx.Response:
    token = await page_token(admin, f"/?lang={lang}")
    headers = {"HX-Request": "true", "X-CSRF-Token": token}
    return await admin.post("/transfer", data={"category": category, "mode": mode}, headers=headers)


def poll_url(response: httpx.Response) -> str:
    found = re.search(r'hx-get="(/transfer/queued/[^"]+)"', response.text)
    assert found, response.text
    return found.group(1).replace("&amp;", "&")


async def test_w_transfer_now_enqueues_and_shows_queued_running_then_the_result(
    admin: httpx.AsyncClient, store: Store, queue: FakeQueue
) -> None:
    response = await press(admin, "customers")
    assert response.status_code == 200
    assert queue.deferred == [("default", ["customers"])]
    assert 'data-state="queued"' in response.text and "I kö" in response.text
    assert store.runs.history() == []  # nothing ran in the web process
    url = poll_url(response)
    assert url == "/transfer/queued/42?company=default&after=0&c=customers"

    queue.set_status("default", "doing")
    running = await admin.get(url, headers={"HX-Request": "true"})
    assert 'data-state="running"' in running.text and "Körs" in running.text
    assert poll_url(running) == url  # still polled

    # The worker runs it: a run in the history, the job gone from the queue.
    run_id = store.runs.start(["customers"], dry_run=False)
    failed = ItemRecord("customers", "pm->eek", "K-7", "Fjällstugan HB", "create", "failed", message="Ogiltigt orgnr")
    store.runs.add_items(
        run_id, [ItemRecord("customers", "pm->eek", "K-1", "Byggfirman", "create", "succeeded"), failed]
    )
    store.runs.finish(run_id, "partial", "")
    queue.waiting["default"] = []
    done = await admin.get(url, headers={"HX-Request": "true"})
    assert 'data-state="partial"' in done.text and f"Överföring #{run_id}: Delvis klar" in done.text
    assert "Kunder: 1 lyckades, 1 misslyckades, 0 hoppades över" in done.text
    assert "Fjällstugan HB" in done.text  # the failed object, as in a run started on the page
    assert "hx-get" not in done.text.split('id="categories"')[0]  # polling stopped
    assert 'hx-swap-oob="true"' in done.text  # the category table shows the run as its last one


async def test_w_transfer_everything_enqueues_every_category_in_order(
    admin: httpx.AsyncClient, queue: FakeQueue
) -> None:
    response = await press(admin, "all")
    assert response.status_code == 200 and queue.deferred == [("default", list(CATEGORIES))]
    assert "Kunder, Artiklar, Projekt, Fakturor" in response.text


async def test_w_dry_run_and_retry_still_run_in_the_web_process(admin: httpx.AsyncClient, queue: FakeQueue) -> None:
    response = await run_transfer(admin, "customers", "dry-run")
    assert queue.deferred == [] and "inte ansluten" in response.text
    assert (await press(admin, "all", mode="dry-run")).status_code == 400  # "Överför allt" is a real run only


async def test_w_queued_state_in_english(admin: httpx.AsyncClient, queue: FakeQueue) -> None:
    response = await press(admin, "invoices", lang="en")
    assert "Queued" in response.text and "Invoices" in response.text and "I kö" not in response.text


async def test_w_a_job_gone_without_a_run_says_so(admin: httpx.AsyncClient, queue: FakeQueue) -> None:
    url = poll_url(await press(admin, "customers"))
    queue.waiting["default"] = []
    lost = await admin.get(url, headers={"HX-Request": "true"})
    assert 'data-state="lost"' in lost.text and "Körningshistorik" in lost.text


async def test_isolation_a_queued_job_is_shown_only_to_its_company(
    admin: httpx.AsyncClient, store: Store, queue: FakeQueue
) -> None:
    registry = CompanyRegistry(store.db)
    registry.add("alfa")
    registry.add("beta")
    admin.cookies.set(COMPANY_COOKIE, "alfa")
    url = poll_url(await press(admin, "customers"))
    assert queue.deferred == [("alfa", ["customers"])]
    beta = Store.for_tenant(store.db, "beta")
    beta.runs.finish(beta.runs.start(["customers"], dry_run=False), "ok", "")
    admin.cookies.set(COMPANY_COOKIE, "beta")
    seen = await admin.get(url, headers={"HX-Request": "true"})  # alfa's page polls after the switch to beta
    assert seen.status_code == 409 and "Företaget byttes i en annan flik" in seen.text
    assert "I kö" not in seen.text and "Klar" not in seen.text


async def test_without_a_queue_the_buttons_run_in_the_web_process(admin: httpx.AsyncClient, store: Store) -> None:
    assert not jobs.queue_installed(store.db)  # SQLite
    response = await run_transfer(admin, "all", "run")
    assert 'data-state="failed"' in response.text and "inte ansluten" in response.text
    assert "I kö" not in response.text

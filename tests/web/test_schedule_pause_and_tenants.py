"""A paused company sees why on Dataöverföring and resumes from there; a fresh store (nothing scheduled, no runs, no
connections) says that transfers run by hand and claims no next run; another company's schedule and pause are never
shown or changed."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
import pytest

from brygga.schedules.syntax import parse_schedule
from brygga.store import Store
from brygga.store.companies import CompanyRegistry
from brygga.web import schedule_form
from brygga.web.pages import COMPANY_COOKIE, local_time
from tests.web.conftest import page_token

REASON = "Inloggningen till Visma eEkonomi har gått ut. Anslut igen: brygga connect eekonomi."
REASON_EN = "The sign-in to Visma eEkonomi has expired. Connect again: brygga connect eekonomi."
EVERY_10 = parse_schedule(["every", "10"], start="07:00", end="19:00", days="mon-fri")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schedule_form, "now", lambda: datetime(2026, 12, 4, 19, 0, tzinfo=UTC))


def next_runs(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td data-next-run[^>]*>(.*?)</td>", html)]


async def test_pause_banner_says_why_and_resume_lifts_it(admin: httpx.AsyncClient, store: Store) -> None:
    store.schedules.set("customers", EVERY_10)
    store.schedules.pause(REASON, REASON_EN)
    page = (await admin.get("/")).text
    banner = re.search(r'<div class="box bad" id="paused" role="alert">(.*?)</div>', page, re.S)
    assert banner, page
    assert "Schemat är pausat" in banner.group(1) and REASON in banner.group(1)
    assert "Återuppta schemat" in banner.group(1)
    # While paused no next run is promised: the category says "pausat" instead of a time.
    assert next_runs(page)[0] == "pausat" and "mån 7 dec 07:00" not in page

    token = await page_token(admin)
    resumed = await admin.post("/schedule/resume", data={"csrf_token": token})
    assert resumed.status_code == 303 and resumed.headers["location"] == "/?resumed=1"
    assert store.schedules.paused() is None
    after = (await admin.get(resumed.headers["location"])).text
    assert 'id="paused"' not in after and "Schemat körs igen." in after
    assert next_runs(after)[0] == "mån 7 dec 07:00"


async def test_pause_banner_in_english(admin: httpx.AsyncClient, store: Store) -> None:
    store.schedules.pause(REASON, REASON_EN)
    page = (await admin.get("/?lang=en")).text
    assert "The schedule is paused" in page and REASON_EN in page and "Resume the schedule" in page
    assert REASON not in page


async def test_resume_of_a_company_that_is_not_paused_says_so(admin: httpx.AsyncClient, store: Store) -> None:
    token = await page_token(admin)
    resumed = await admin.post("/schedule/resume", data={"csrf_token": token})
    assert resumed.headers["location"] == "/?resumed=0"
    assert "Schemat var inte pausat." in (await admin.get("/?resumed=0")).text


async def test_first_time_nothing_scheduled_no_runs_no_connections_says_so_and_promises_no_run(
    admin: httpx.AsyncClient, store: Store
) -> None:
    response = await admin.get("/")
    assert response.status_code == 200
    page = response.text
    assert "Inget är schemalagt: överföringarna körs bara när någon trycker på Överför." in page
    assert 'id="connect-first"' in page and 'id="first-time"' in page and 'id="paused"' not in page
    # seven transfer categories and the weekly reconcile, which is on by default only once both systems are connected
    assert next_runs(page) == ["–"] * 8
    assert page.count('data-schedule="off"') == 8 and page.count(">Manuell") == 8


async def test_isolation_schedules_and_pause_of_another_company_are_never_shown_or_changed(
    admin: httpx.AsyncClient, store: Store
) -> None:
    registry = CompanyRegistry(store.db)
    registry.add("alfa", "Alfa Bygg AB")
    registry.add("beta", "Beta Konsult AB")
    alfa, beta = Store.for_tenant(store.db, "alfa"), Store.for_tenant(store.db, "beta")
    beta.schedules.set("invoices", parse_schedule(["at", "06:30"], days="sat"))
    beta.schedules.pause("beta är pausat", "beta is paused")
    admin.cookies.set(COMPANY_COOKIE, "alfa")

    page = (await admin.get("/")).text
    assert "kl. 06:30 lör" not in page and "beta är pausat" not in page and 'id="paused"' not in page
    token = await page_token(admin)
    form = {"category": "invoices", "kind": "every", "every_minutes": "30", "days": ["mon"], "csrf_token": token}
    saved = await admin.post("/schedule", data=form, headers={"HX-Request": "true"})
    assert saved.status_code == 200
    assert alfa.schedules.get("invoices") == parse_schedule(["every", "30"], days="mon")
    assert beta.schedules.get("invoices") == parse_schedule(["at", "06:30"], days="sat")  # untouched
    await admin.post("/schedule/resume", data={"csrf_token": token})
    assert beta.schedules.paused() is not None  # alfa's resume does not lift beta's pause

    # A form from alfa's page, posted after the picker chose beta in another tab, is refused, not applied to beta.
    admin.cookies.set(COMPANY_COOKIE, "beta")
    stale = await admin.post("/schedule", data={**form, "company": "alfa", "every_minutes": "5"})
    assert stale.status_code == 409
    assert beta.schedules.get("invoices") == parse_schedule(["at", "06:30"], days="sat")
    assert alfa.schedules.get("invoices") == parse_schedule(["every", "30"], days="mon")


async def test_last_run_time_is_shown_in_swedish_time_not_utc(admin: httpx.AsyncClient, store: Store) -> None:
    """The category table's last run, beside the next run, is Swedish wall-clock time too (stored as UTC)."""
    run_id = store.runs.start(["customers"], dry_run=False)
    store.runs.finish(run_id, "ok", "")
    started = store.runs.history(1)[0][3]
    local = local_time(started)
    assert local != (started.replace(tzinfo=None)).strftime("%Y-%m-%d %H:%M")  # Stockholm is never UTC
    for path in ("/", "/runs"):
        assert f'class="time">{local}</td>' in (await admin.get(path)).text, path

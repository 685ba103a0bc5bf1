"""The schedule section of Dataöverföring: the form saves a category's schedule and the page shows it in words with
its next run in Swedish time; refused input is said at its field and saves nothing; the page and ``brygga schedule
set`` accept and refuse the same schedules; a paused company sees why and can resume; English throughout."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
import pytest

from brygga.errors import ConfigError
from brygga.schedules.model import OFF
from brygga.schedules.syntax import parse_schedule
from brygga.store import Store
from brygga.web import schedule_form
from brygga.web.schedule_form import ScheduleForm, local_moment, parse_form
from tests.web.conftest import page_token

# Friday 4 December 2026, 20:00 in Stockholm (winter time, UTC+1): the working day's window is over.
FRIDAY_EVENING = datetime(2026, 12, 4, 19, 0, tzinfo=UTC)
WORKING_DAYS = ["mon", "tue", "wed", "thu", "fri"]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schedule_form, "now", lambda: FRIDAY_EVENING)


async def post_schedule(admin: httpx.AsyncClient, form: dict[str, object], lang: str = "sv") -> httpx.Response:
    token = await page_token(admin, f"/?lang={lang}")
    return await admin.post("/schedule", data={"csrf_token": token, **form}, headers={"HX-Request": "true"})


EVERY_10_WORKING_HOURS = {
    "category": "customers",
    "kind": "every",
    "every_minutes": "10",
    "start": "07:00",
    "end": "19:00",
    "days": WORKING_DAYS,
    "skip_holidays": "1",
}


def row(html: str, category: str) -> str:
    found = re.search(rf'<tr data-category="{category}" id="schedule-{category}">(.*?)</tr>', html, re.S)
    assert found, f"no schedule row for {category}"
    return found.group(1)


def next_run_cell(html: str, category: str) -> str:
    cell = re.search(r"<td data-next-run[^>]*>(.*?)</td>", row(html, category), re.S)
    assert cell
    return re.sub(r"<[^>]+>", "", cell.group(1)).strip()


async def test_schedule_saved_from_the_form_is_shown_in_words_with_its_next_run_in_swedish_time(
    admin: httpx.AsyncClient, store: Store
) -> None:
    response = await post_schedule(admin, EVERY_10_WORKING_HOURS)
    assert response.status_code == 200, response.text
    expected = parse_schedule(
        ["every", "10"], start="07:00", end="19:00", days="mon-fri", skip_holidays=True
    )  # what `brygga schedule set customers every 10 --from 07:00 --to 19:00 --days mon-fri --skip-holidays` saves
    assert store.schedules.get("customers") == expected
    assert store.schedules.get("invoices") == OFF  # only the category of the form
    assert "Schemat sparades för Kunder." in response.text
    page = (await admin.get("/")).text
    assert "var 10:e minut 07–19 mån–fre, utom helgdagar" in row(page, "customers")
    # Friday 20:00 -> Monday's first slot, said in Swedish local time (06:00 UTC is 07:00 in December).
    assert next_run_cell(page, "customers") == "mån 7 dec 07:00"
    assert 'datetime="2026-12-07T06:00:00+00:00"' in row(page, "customers")
    assert "Manuell" in row(page, "invoices") and next_run_cell(page, "invoices") == "–"
    assert 'id="nothing-scheduled"' not in page


async def test_schedule_at_set_times_skipping_holidays_and_eves(admin: httpx.AsyncClient, store: Store) -> None:
    form = {"category": "invoice-status", "kind": "at", "times": "12:00, 6:30", "days": WORKING_DAYS}
    response = await post_schedule(admin, {**form, "skip_holidays": "1", "skip_eves": "1"})
    assert response.status_code == 200, response.text
    line = row(response.text, "invoice-status")
    assert "kl. 06:30 och 12:00 mån–fre, utom helgdagar och aftnar" in line
    assert next_run_cell(response.text, "invoice-status") == "mån 7 dec 06:30"


async def test_schedule_off_removes_it_and_the_page_says_transfers_run_by_hand(
    admin: httpx.AsyncClient, store: Store
) -> None:
    await post_schedule(admin, EVERY_10_WORKING_HOURS)
    response = await post_schedule(admin, {"category": "customers", "kind": "off", "every_minutes": "10"})
    assert response.status_code == 200 and store.schedules.all() == {}
    assert "Inget är schemalagt: överföringarna körs bara när någon trycker på Överför." in response.text


@pytest.mark.parametrize(
    ("form", "field", "said"),
    [
        ({"every_minutes": "0"}, "every_minutes", "Skriv ett helt antal minuter mellan 1 och 1440, t.ex. 10 (fick: 0)"),
        ({"every_minutes": "tio"}, "every_minutes", "(fick: tio)"),
        ({"start": "25:00"}, "start", "Ogiltig tid för Från: &#39;25:00&#39;. Skriv timmar och minuter, t.ex. 07:00."),
        ({"start": "19:00", "end": "07:00"}, "end", "Från 19:00 kommer efter Till 07:00"),
        ({"days": []}, "days", "Välj minst en veckodag."),
        ({"kind": "at", "times": ""}, "times", "Skriv minst en tid, t.ex. 06:30, 12:00."),
        ({"kind": "at", "times": "06:30, 12.61"}, "times", "Ogiltig tid för Tider: &#39;12.61&#39;"),
        ({"kind": "sometimes"}, "kind", "Välj Av, Var N:e minut eller Vid bestämda tider."),
    ],
)
async def test_schedule_refused_input_is_said_at_its_field_and_nothing_is_saved(
    admin: httpx.AsyncClient, store: Store, form: dict[str, object], field: str, said: str
) -> None:
    await post_schedule(admin, EVERY_10_WORKING_HOURS)
    before = store.schedules.all()
    response = await post_schedule(admin, {**EVERY_10_WORKING_HOURS, "every_minutes": "15", **form})
    assert response.status_code == 422
    assert store.schedules.all() == before  # nothing saved, not even the other, valid fields
    assert "Schemat för Kunder sparades inte" in response.text
    problem = re.search(rf'<p class="field-problem" id="p-customers-{field}">(.*?)</p>', response.text, re.S)
    assert problem and said in problem.group(1), response.text
    if field not in ("days", "kind"):
        assert f'aria-describedby="p-customers-{field}' in response.text and 'aria-invalid="true"' in response.text
    assert "<details open>" in row(response.text, "customers")  # the form stays open with what was written
    assert "var 10:e minut 07–19" in row(response.text, "customers")  # the stored schedule is still the one shown


async def test_schedule_unknown_category_is_refused(admin: httpx.AsyncClient, store: Store) -> None:
    response = await post_schedule(admin, {**EVERY_10_WORKING_HOURS, "category": "salaries"})
    assert response.status_code == 422 and store.schedules.all() == {}


CASES = [  # (the web form's fields, the same schedule as `brygga schedule set` words and options)
    (ScheduleForm("every", "10", "07:00", "19:00"), (["every", "10"], "07:00", "19:00")),
    (ScheduleForm("every", "1440"), (["every", "1440"], None, None)),
    (ScheduleForm("every", "1441"), (["every", "1441"], None, None)),
    (ScheduleForm("every", "0"), (["every", "0"], None, None)),
    (ScheduleForm("every", "-5"), (["every", "-5"], None, None)),
    (ScheduleForm("every", "5", "7.30", "8:00"), (["every", "5"], "7.30", "8:00")),
    (ScheduleForm("every", "5", "08:00", "07:59"), (["every", "5"], "08:00", "07:59")),
    (ScheduleForm("every", "5", "24:00"), (["every", "5"], "24:00", None)),
    (ScheduleForm("at", times="06:30,12:00"), (["at", "06:30,12:00"], None, None)),
    (ScheduleForm("at", times="06:30 12:00"), (["at", "06:30", "12:00"], None, None)),
    (ScheduleForm("at", times="6:60"), (["at", "6:60"], None, None)),
    (ScheduleForm("at", times=""), (["at"], None, None)),
    (ScheduleForm("off"), (["off"], None, None)),
]


@pytest.mark.parametrize(("form", "cli"), CASES)
def test_schedule_the_page_and_the_cli_accept_and_refuse_the_same(
    form: ScheduleForm, cli: tuple[list[str], str | None, str | None]
) -> None:
    words, start, end = cli
    try:
        expected = parse_schedule(words, start=start, end=end)
    except ConfigError:
        expected = None
    for lang in ("sv", "en"):
        schedule, problems = parse_form(form, lang)
        assert schedule == expected and bool(problems) == (expected is None)


async def test_schedule_refusal_in_english(admin: httpx.AsyncClient, store: Store) -> None:
    response = await post_schedule(admin, {**EVERY_10_WORKING_HOURS, "start": "19:30", "end": "07:00"}, lang="en")
    assert response.status_code == 422 and store.schedules.all() == {}
    assert "The schedule of Customers was not saved" in response.text
    assert "From 19:30 comes after To 07:00; the window must lie within one day. Change From or To." in response.text
    assert "sparades inte" not in response.text


async def test_schedule_words_and_next_run_in_english(admin: httpx.AsyncClient, store: Store) -> None:
    await post_schedule(admin, EVERY_10_WORKING_HOURS, lang="en")
    page = (await admin.get("/?lang=en")).text
    assert "every 10 minutes 07–19 Mon–Fri, except public holidays" in row(page, "customers")
    assert next_run_cell(page, "customers") == "Mon 7 Dec 07:00"
    assert "Manual" in row(page, "orders") and "Save schedule" in page and "Skip Swedish public holidays" in page


async def test_schedule_a_plain_form_post_goes_back_to_the_page(admin: httpx.AsyncClient, store: Store) -> None:
    """Without htmx the form still works: saved -> back to the page; refused -> the whole page with the problem."""
    token = await page_token(admin)
    saved = await admin.post("/schedule", data={"csrf_token": token, **EVERY_10_WORKING_HOURS})
    assert saved.status_code == 303 and saved.headers["location"] == "/#schedule-customers"
    refused = await admin.post("/schedule", data={"csrf_token": token, **EVERY_10_WORKING_HOURS, "every_minutes": ""})
    assert refused.status_code == 422 and "<h1>Dataöverföring</h1>" in refused.text
    assert 'id="p-customers-every_minutes"' in refused.text


async def test_schedule_form_without_csrf_token_is_refused(admin: httpx.AsyncClient, store: Store) -> None:
    response = await admin.post("/schedule", data=EVERY_10_WORKING_HOURS)
    assert response.status_code == 403 and store.schedules.all() == {}


def test_schedule_next_run_is_told_in_swedish_summer_time_and_with_the_year_when_not_this_one() -> None:
    midsummer = datetime(2026, 6, 19, 5, 0, tzinfo=UTC)  # 07:00 in Stockholm (UTC+2)
    assert local_moment(midsummer, "sv", midsummer) == "fre 19 jun 07:00"
    assert local_moment(midsummer, "en", FRIDAY_EVENING.replace(year=2025)) == "Fri 19 Jun 2026 07:00"
    # SQLite gives back a stored UTC moment without its zone (the pause's time): still UTC, shown in Swedish time.
    assert local_moment(datetime(2026, 12, 7, 6, 0), "sv", FRIDAY_EVENING) == "mån 7 dec 07:00"


async def test_r_weekly_reconcile_is_listed_and_can_be_set_from_the_schedule_section(
    admin: httpx.AsyncClient, store: Store
) -> None:
    """The weekly reconcile ("Avstämning") is scheduled like a category: listed on the page, set from its form."""
    page = (await admin.get("/")).text
    assert "Avstämning" in row(page, "reconcile")
    form = {"category": "reconcile", "kind": "at", "times": "22:30", "days": ["sat"]}
    answer = await post_schedule(admin, form)
    assert answer.status_code == 200, answer.text
    assert "22:30" in row(answer.text, "reconcile")
    assert store.schedules.all()["reconcile"] == parse_schedule(["at", "22:30"], days="sat")

"""Live progress (issue 11, point 8): a running transfer's polled fragment names the category and counts "x av N"
("x of N") in the page's language, and says what it reads while it plans, before it knows N."""

from __future__ import annotations

import httpx
from jinja2 import Environment, FileSystemLoader

from brygga.config import Settings
from brygga.store import Store
from brygga.web.i18n import category_label, progress_label, translator
from brygga.web.jobs import Job, JobProgress, TransferJobs
from brygga.web.pages import TEMPLATES_DIR
from tests.web.conftest import Emulators, connect_both


def _running_fragment(job: Job, lang: str) -> str:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True)
    return env.get_template("run_status.html").render(
        job=job,
        t=translator(lang),
        category_label=lambda c, button=False: category_label(c, lang),
        progress_label=lambda swedish: progress_label(swedish, lang),
    )


def test_progress_counts_up_to_its_total_and_never_past_it() -> None:
    progress = JobProgress()
    progress.category("customers")
    assert (progress.current, progress.total, progress.label) == ("customers", 0, "")
    progress.start("Kunder", 4)
    progress.advance()
    progress.advance(2)
    assert (progress.label, progress.done, progress.percent) == ("Kunder", 3, 75)
    progress.advance(5)
    assert progress.done == 4
    progress.category("articles")  # the next category starts afresh, planning
    assert (progress.current, progress.done, progress.total) == ("articles", 0, 0)
    progress.start("Artiklar", 0)
    assert progress.percent == 0


def test_progress_shows_x_of_n_in_the_page_language() -> None:
    job = Job(7, ["customers"], dry_run=False)
    job.progress.category("customers")
    job.progress.start("Kunder", 50)
    job.progress.advance(12)
    for lang, words in (("sv", "Kunder: 12 av 50"), ("en", "Customers: 12 of 50")):
        html = _running_fragment(job, lang)
        assert 'data-state="running"' in html and 'hx-get="/transfer/7"' in html
        assert words in html and '<progress id="run-progress" max="50" value="12">' in html


def test_progress_while_planning_says_what_it_reads() -> None:
    job = Job(8, ["customers"], dry_run=False)
    job.progress.category("customers")
    assert "Kunder: läser Visma PM och Visma eEkonomi …" in _running_fragment(job, "sv")
    assert "Customers: reading Visma PM and Visma eEkonomi …" in _running_fragment(job, "en")
    job.progress.category("orders")
    assert "Order: läser orderinkorgen och Visma eEkonomi …" in _running_fragment(job, "sv")
    assert "<progress" not in _running_fragment(job, "sv")  # no bar before the total is known


def test_progress_of_a_category_sent_first_names_both() -> None:
    """Invoices send their customers first (rule I3): the bar says which category it works for."""
    job = Job(9, ["invoices"], dry_run=False)
    job.progress.category("invoices")
    job.progress.start("Kunder", 3)
    assert "Fakturor, Kunder: 0 av 3" in _running_fragment(job, "sv")
    assert "Invoices, Customers: 0 of 3" in _running_fragment(job, "en")


async def test_a_web_transfer_reports_its_progress(
    admin: httpx.AsyncClient, store: Store, settings: Settings, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    jobs = TransferJobs(settings)
    job = jobs.start(store, ["customers"], dry_run=False)
    assert job.task is not None
    await job.task
    assert job.problem is None and (job.progress.current, job.progress.label) == ("customers", "Kunder")
    assert job.progress.total > 0 and job.progress.done == job.progress.total

"""Live progress: a running transfer's polled fragment shows how far it has come (label, done of total)."""

from __future__ import annotations

import httpx

from brygga.config import Settings
from brygga.store import Store
from brygga.web.i18n import category_label, progress_label, translator
from brygga.web.jobs import Job, JobProgress, TransferJobs
from brygga.web.pages import TEMPLATES_DIR
from tests.web.conftest import Emulators, connect_both


def test_progress_counts_up_to_its_total_and_never_past_it() -> None:
    progress = JobProgress()
    progress.start("Kunder", 4)
    progress.advance()
    progress.advance(2)
    assert (progress.label, progress.done, progress.percent) == ("Kunder", 3, 75)
    progress.advance(5)
    assert progress.done == 4
    progress.start("Artiklar", 0)
    assert progress.percent == 0


def test_the_running_fragment_shows_label_and_counts() -> None:
    from jinja2 import Environment, FileSystemLoader

    job = Job(7, ["customers"], dry_run=False)
    job.progress.start("Kunder", 50)
    job.progress.advance(12)
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True)
    for lang, label in (("sv", "Kunder"), ("en", "Customers")):
        html = env.get_template("run_status.html").render(
            job=job,
            t=translator(lang),
            category_label=lambda c, button=False, lang=lang: category_label(c, lang),
            progress_label=lambda swedish, lang=lang: progress_label(swedish, lang),
        )
        assert 'data-state="running"' in html and 'hx-get="/transfer/7"' in html
        assert f"{label}: 12 / 50" in html and '<progress id="run-progress" max="50" value="12">' in html


async def test_a_web_transfer_reports_its_progress(
    admin: httpx.AsyncClient, store: Store, settings: Settings, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    jobs = TransferJobs(settings)
    job = jobs.start(store, ["customers"], dry_run=False)
    assert job.task is not None
    await job.task
    assert job.problem is None and job.progress.label == "Kunder"
    assert job.progress.total > 0 and job.progress.done == job.progress.total

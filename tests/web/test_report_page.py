"""Månadsrapport on the web (``/report``, ``/report.csv``, ``/report.pdf``): the chosen company's month with Visma PM's
and Visma eEkonomi's totals side by side and the same report to download; a company with no connection is told what
to connect, a month that cannot be read or has not begun says so, never a traceback."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import httpx
from pypdf import PdfReader

from brygga.config import Settings
from brygga.report import Month
from brygga.session import TransferSession
from brygga.store import Link, Store
from tests.web.conftest import Emulators, connect_both


async def _link_pm_invoices(store: Store, settings: Settings, count: int) -> list[str]:
    """Links as a transfer leaves them, to PM invoices that have no draft in eEkonomi (a person deleted them)."""
    session = TransferSession(store, settings)
    try:
        guids = sorted([invoice.guid async for invoice in session.pm.invoices.iter() if invoice.guid])[:count]
    finally:
        await session.aclose()
    for guid in guids:
        store.protocol.save_link(Link("invoices", guid, f"deleted-draft-{guid}", None, None))
    return guids


async def test_report_page_shows_the_month_side_by_side_marks_what_is_missing_and_offers_csv_and_pdf(
    admin: httpx.AsyncClient, store: Store, settings: Settings, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    guids = await _link_pm_invoices(store, settings, 3)
    month = Month.of(datetime.now(UTC).date())

    page = await admin.get(f"/report?month={month}")
    assert page.status_code == 200
    html = page.text
    assert html.count('<tr data-invoice="') == 3 and html.count('class="differs"') == 4  # 3 rows + the summary
    row = re.search(rf'<tr data-invoice="{guids[0]}".*?</tr>', html, re.S).group(0)  # type: ignore[union-attr]
    assert re.search(r'data-pm="gross">\d[\d\u00a0]*,\d\d<', row) and 'data-eek="gross"></td>' in row
    assert "<strong>saknas i Visma eEkonomi</strong>" in row and 'data-state="missing">Saknas' in row
    assert '<tr data-fact="transferred"><th scope="row">Fakturor överförda till Visma eEkonomi</th><td>3</td>' in html
    assert '<tr data-fact="booked"><th scope="row">varav bokförda i Visma eEkonomi</th><td>0</td>' in html
    assert "ingen avstämning gjord ännu" in html and 'id="report-differences"' in html
    assert f'href="/report.csv?month={month}"' in html and f'href="/report.pdf?month={month}"' in html
    assert 'aria-current="page">Månadsrapport</a>' in html

    download = await admin.get(f"/report.csv?month={month}")
    assert download.headers["content-type"].startswith("text/csv") and download.content.startswith(b"\xef\xbb\xbf")
    assert f"manadsrapport-{store.tenant}-{month}.csv" in download.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    assert [row["Anmärkning"] for row in rows if row["Typ"] == "Faktura"] == guids

    pdf = await admin.get(f"/report.pdf?month={month}")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    text = " ".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())
    assert "Månadsrapport" in text and "saknas i Visma eEkonomi" in text

    english = (await admin.get(f"/report?month={month}&lang=en")).text
    assert "Month-end report" in english and "missing in Visma eEkonomi" in english


async def test_report_without_connections_names_what_to_connect(admin: httpx.AsyncClient) -> None:
    page = await admin.get("/report?month=2026-11")
    assert page.status_code == 200
    assert "Månadsrapporten kan inte tas fram: Visma PM och Visma eEkonomi är inte anslutna." in page.text
    assert 'href="/connections"' in page.text and "Traceback" not in page.text
    download = await admin.get("/report.pdf?month=2026-11", follow_redirects=False)
    assert download.status_code == 303 and download.headers["location"] == "/report?month=2026-11"


async def test_report_month_that_cannot_be_read_or_has_not_begun(admin: httpx.AsyncClient) -> None:
    bad = await admin.get("/report?month=2026-13")
    assert bad.status_code == 422 and "Skriv månaden som ÅÅÅÅ-MM" in bad.text
    future = Month.of(datetime.now(UTC).date()).next().next()
    page = await admin.get(f"/report?month={future}")
    assert page.status_code == 200 and "Månaden har inte börjat ännu" in page.text


async def test_report_page_needs_the_admin(client: httpx.AsyncClient) -> None:
    answer = await client.get("/report", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] in ("/setup", "/login")

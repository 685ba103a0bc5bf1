"""Dataöverföring, Felmeddelanden and Körningshistorik read the run history (issue 11, points 3, 2, 9): every
category shows its last run with time, counts and state in words, whatever the cursors say; skipped objects keep
their reason (I7) next to the failures; a fresh store says that nothing has run yet."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx

from brygga.store import ItemRecord, Link, Store


def _run(store: Store, category: str, outcomes: dict[str, int], status: str) -> int:
    """A finished real run of ``category`` as the runner records one, with no cursor moved."""
    run_id = store.runs.start([category], dry_run=False)
    items = [
        ItemRecord(category, "pm->eek", f"{outcome}-{n}", f"Objekt {n}", "create", outcome)
        for outcome, count in outcomes.items()
        for n in range(count)
    ]
    store.runs.add_items(run_id, items)
    if status != "running":
        store.runs.finish(run_id, status, "")
    return run_id


def _category_row(html: str, category: str) -> str:
    found = re.search(rf'<tr data-category="{category}">.*?</tr>', html, re.S)
    assert found is not None, category
    return found.group(0)


async def test_x3_every_category_shows_its_last_run_from_the_history_not_the_cursors(
    admin: httpx.AsyncClient, store: Store
) -> None:
    _run(store, "invoices", {"succeeded": 8}, "ok")
    _run(store, "supplier-invoices", {"succeeded": 2}, "ok")
    _run(store, "orders", {"succeeded": 2}, "ok")
    _run(store, "customers", {"succeeded": 5, "failed": 2, "skipped": 1}, "partial")
    _run(store, "articles", {"failed": 3}, "failed")
    _run(store, "projects", {"succeeded": 1}, "interrupted")
    _run(store, "invoice-status", {}, "running")
    assert store.protocol.cursors() == {}

    page = (await admin.get("/?lang=sv")).text
    assert "Ingen överföring ännu." not in page
    expected = {
        "invoices": ("ok", "Klar", "8 lyckades, 0 misslyckades, 0 hoppades över"),
        "supplier-invoices": ("ok", "Klar", "2 lyckades"),
        "orders": ("ok", "Klar", "2 lyckades"),
        "customers": ("partial", "Delvis klar", "5 lyckades, 2 misslyckades, 1 hoppades över"),
        "articles": ("failed", "Misslyckades", "0 lyckades, 3 misslyckades"),
        "projects": ("interrupted", "Avbruten", "1 lyckades"),
        "invoice-status": ("running", "Pågår", ""),  # its counts come when it has finished
    }
    for category, (state, word, counts) in expected.items():
        row = _category_row(page, category)
        assert f'data-state="{state}">{word}</span>' in row, row
        assert counts in row and re.search(r'<td data-last-run class="time">\d{4}-\d\d-\d\d \d\d:\d\d</td>', row)
    # The retry button and the links to the messages only where the last run had failures or skipped objects.
    assert 'value="retry"' in _category_row(page, "customers") and 'value="retry"' in _category_row(page, "articles")
    assert 'value="retry"' not in _category_row(page, "invoices")
    assert 'href="/errors?category=customers"' in page and 'href="/errors?category=customers#skipped"' in page

    english = (await admin.get("/?lang=en")).text
    for category, word in (("customers", "Partly done"), ("projects", "Interrupted"), ("invoice-status", "Running")):
        assert f">{word}</span>" in _category_row(english, category)
    assert "5 succeeded, 2 failed, 1 skipped" in _category_row(english, "customers")


async def test_x3_the_page_links_to_messages_and_history_instead_of_embedding_them(
    admin: httpx.AsyncClient, store: Store
) -> None:
    _run(store, "customers", {"succeeded": 1, "failed": 1}, "partial")
    page = (await admin.get("/")).text
    assert '<a href="/errors">Alla felmeddelanden</a>' in page and '<a href="/runs">Körningshistorik</a>' in page
    assert 'id="errors"' not in page and '<table class="errors">' not in page and 'class="runs"' not in page


async def test_first_start_says_nothing_has_run_yet_on_every_page(admin: httpx.AsyncClient) -> None:
    page = (await admin.get("/")).text
    assert "Inga överföringar har körts ännu." in page
    assert page.count("Ingen överföring ännu.") == 7  # one per category
    assert "Anslut Visma PM och Visma eEkonomi under Anslutningar" in page  # nothing connected yet
    assert 'value="retry"' not in page
    runs = (await admin.get("/runs")).text
    assert "Inga körningar ännu." in runs
    errors = (await admin.get("/errors")).text
    assert "Inga fel i senaste körningarna." in errors and "Inget hoppades över i senaste körningarna." in errors
    english = (await admin.get("/?lang=en")).text
    assert "No transfers have run yet." in english and english.count("No transfer yet.") == 7
    assert "No runs yet." in (await admin.get("/runs?lang=en")).text


def _credit_invoice_run(store: Store) -> int:
    run_id = store.runs.start(["invoices"], dry_run=False)
    store.runs.add_items(
        run_id,
        [
            ItemRecord("invoices", "pm->eek", "10021", "Aurora Konsult AB", "create", "succeeded"),
            ItemRecord(
                "invoices",
                "pm->eek",
                "10022",
                "Aurora Konsult AB",
                "skip",
                "skipped",
                "I7",
                "Kreditfaktura 10022: förs inte över (originalet för inte över kreditfakturor).",
                "Skapa kreditfakturan direkt i Visma eEkonomi.",
                "Create the credit invoice directly in Visma eEkonomi.",
                datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
                "Kreditfaktura: förs inte över",
                "Credit invoice: not transferred",
            ),
            ItemRecord(
                "invoices",
                "pm->eek",
                "10023",
                "Bergström Arkitekter AB",
                "create",
                "failed",
                "I6",
                "Could not add invoice 10023 to Visma eAccounting. (409) Conflict",
                "Aktivera artikeln i Visma eEkonomi.",
                "Activate the article in Visma eEkonomi.",
                None,
                "En artikel på fakturan är inaktiv",
                "An article on the invoice is inactive",
            ),
        ],
    )
    store.runs.finish(run_id, "partial", "")
    return run_id


async def test_i7_skipped_objects_show_their_reason_on_felmeddelanden(admin: httpx.AsyncClient, store: Store) -> None:
    run_id = _credit_invoice_run(store)
    page = (await admin.get("/errors")).text
    skipped = re.search(r'<h2 id="skipped">Överhoppade</h2>\s*<table class="skipped">.*?</table>', page, re.S)
    assert skipped is not None, page
    assert "10022 Aurora Konsult AB" in skipped.group(0)
    assert '<span class="headline">Kreditfaktura: förs inte över</span>' in skipped.group(0)
    assert "originalet för inte över kreditfakturor" in skipped.group(0)  # the full reason, under the detail
    assert "Skapa kreditfakturan direkt i Visma eEkonomi." in skipped.group(0)
    errors = re.search(r'<table class="errors">.*?</table>', page, re.S)
    assert errors is not None and "10022" not in errors.group(0) and "10023" in errors.group(0)

    by_run = (await admin.get(f"/errors?run={run_id}&category=invoices", headers={"HX-Request": "true"})).text
    assert "<html" not in by_run and "Kreditfaktura: förs inte över" in by_run
    english = (await admin.get("/errors?lang=en")).text
    assert (
        "Credit invoice: not transferred" in english
        and "Kreditfaktura:" not in english.split('<h2 id="skipped"')[1][:300]
    )


async def test_x2_messages_show_the_headline_and_keep_the_original_text_under_technical_detail(
    admin: httpx.AsyncClient, store: Store
) -> None:
    _credit_invoice_run(store)
    for lang, headline, summary, hint in (
        ("sv", "En artikel på fakturan är inaktiv", "Teknisk detalj", "Aktivera artikeln i Visma eEkonomi."),
        ("en", "An article on the invoice is inactive", "Technical detail", "Activate the article in Visma eEkonomi."),
    ):
        page = (await admin.get(f"/errors?lang={lang}")).text
        row = re.search(r'<tr data-outcome="failed">.*?</tr>', page, re.S)
        assert row is not None
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
        assert cells[2] == "10023 Bergström Arkitekter AB"  # no rule id beside the object
        assert cells[3].startswith(f'<span class="headline">{headline}</span>')
        assert f'<details class="tech"><summary>{summary}</summary>' in cells[3]
        assert "(409) Conflict" in cells[3].split("<details")[1]
        assert cells[4] == hint


async def test_x3_the_run_history_page_names_states_and_counts_in_the_page_language(
    admin: httpx.AsyncClient, store: Store
) -> None:
    partial = _run(store, "customers", {"succeeded": 5, "failed": 2}, "partial")
    done = _run(store, "articles", {"succeeded": 3}, "ok")
    swedish = (await admin.get("/runs")).text
    row = re.search(rf'<tr data-run="{partial}">.*?</tr>', swedish, re.S)
    assert row is not None
    assert "<td>Kunder</td>" in row.group(0) and ">Delvis klar</span>" in row.group(0)
    assert "Kunder: 5 lyckades, 2 misslyckades, 0 hoppades över" in row.group(0)
    assert f'<a href="/errors?run={partial}">' in row.group(0)
    other = re.search(rf'<tr data-run="{done}">.*?</tr>', swedish, re.S)
    assert other is not None and ">Klar</span>" in other.group(0) and "/errors?run=" not in other.group(0)
    english = (await admin.get("/runs?lang=en")).text
    row = re.search(rf'<tr data-run="{partial}">.*?</tr>', english, re.S)
    assert row is not None and ">Partly done</span>" in row.group(0)
    assert "Customers: 5 succeeded, 2 failed, 0 skipped" in row.group(0)


async def test_x3_a_category_shows_how_much_is_linked_beside_a_last_run_that_had_nothing_new(
    admin: httpx.AsyncClient, store: Store
) -> None:
    for n in range(3):
        store.protocol.save_link(Link("invoices", f"pm-{n}", f"eek-{n}", "a", "b"))
    _run(store, "invoices", {}, "ok")  # a rerun: nothing new, the three from before stay linked
    row = _category_row((await admin.get("/?lang=sv")).text, "invoices")
    assert "Inget att överföra" in row and "3 kopplade i båda systemen" in row
    assert "3 linked in both systems" in _category_row((await admin.get("/?lang=en")).text, "invoices")

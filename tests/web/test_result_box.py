"""The result box of a transfer started on Dataöverföring (issue 11, points 4, 2, 7, 10) against both demo
emulators: a dry run is neutral and says what would happen; a run where some customers fail and others pass is
"Delvis klar"; failures and skipped objects show the headline, the hint, and the original's text under
"Teknisk detalj"; "Försök igen med de misslyckade" runs only what failed; an empty plan says "Inget att göra"."""

from __future__ import annotations

import re

import httpx
import pytest

from brygga.store import Store
from tests.web.conftest import Emulators, connect_both, run_transfer


def _box(html: str) -> str:
    found = re.search(r'<div class="box state-[a-z-]+" data-state="[a-z-]+" role="status">.*?</div>', html, re.S)
    assert found is not None, html
    return found.group(0)


def _section(html: str, kind: str) -> str:
    found = re.search(rf'<table class="{kind}">.*?</table>', html, re.S)
    assert found is not None, (kind, html)
    return found.group(0)


async def test_x5_dry_run_is_a_neutral_box_that_says_what_would_happen_and_writes_nothing(
    admin: httpx.AsyncClient, store: Store, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    response = await run_transfer(admin, "customers", "dry-run")
    box = _box(response.text)
    assert 'data-state="dry-run"' in box and "Torrkörning (inget skrevs)" in box
    would = re.search(
        r"Kunder:\s+(\d+) skapas, (\d+) uppdateras, (\d+) kopplas ihop, (\d+) hoppas över, (\d+) avvisas", box
    )
    assert would is not None, box
    created, _, linked, skipped, rejected = (int(n) for n in would.groups())
    assert created > 0 and linked > 0 and skipped > 0 and rejected > 0
    assert "lyckades" not in box and "misslyckades" not in box  # never "0 lyckades" for a dry run
    plan = _section(response.text, "plan")
    assert "<td>Visma PM → Visma eEkonomi</td>" in plan and ">Skapas</td>" in plan
    assert {"create", "link"} <= set(re.findall(r'<td data-action="([a-z]+)">', plan))
    assert "<caption>Skulle avvisas</caption>" in response.text  # rejections a real run would meet
    assert "<caption>Skulle hoppas över</caption>" in response.text
    assert store.runs.history() == [] and store.protocol.links("customers") == []

    english = await run_transfer(admin, "customers", "dry-run", lang="en")
    assert re.search(
        r"Customers:\s+\d+ would be created, \d+ would be updated, \d+ would be linked, \d+ would be skipped, "
        r"\d+ would be rejected",
        _box(english.text),
    )


async def test_x5_a_dry_run_after_a_transfer_counts_what_is_already_linked(
    admin: httpx.AsyncClient, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    await run_transfer(admin, "customers", "run")
    box = _box((await run_transfer(admin, "customers", "dry-run")).text)
    linked = re.search(r"; (\d+) redan kopplade och oförändrade", box)
    assert linked is not None and int(linked.group(1)) > 0, box


async def test_x1_some_failed_others_succeeded_is_partly_done_with_messages_and_skipped_reasons(
    admin: httpx.AsyncClient, store: Store, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    response = await run_transfer(admin, "customers", "run")
    box = _box(response.text)
    [(run_id, _, status, _, _)] = store.runs.history()
    assert status == "partial" and 'data-state="partial"' in box and "state-partial" in box
    assert f"Överföring #{run_id}: Delvis klar" in box
    counts = re.search(r"Kunder: (\d+) lyckades, (\d+) misslyckades, (\d+) hoppades över", box)
    assert counts is not None and int(counts.group(1)) > 0 and int(counts.group(2)) > 0

    errors = _section(response.text, "errors")
    # The headline in Swedish; the original's English API text and the rule only under "Teknisk detalj".
    row = re.search(r"<tr[^>]*>\s*<td>1038 Borås Textilhandel AB</td>.*?</tr>", errors, re.S)
    assert row is not None, errors
    headline = re.search(r'<span class="headline">(.*?)</span>', row.group(0))
    assert headline is not None and "Could not" not in headline.group(1) and "tecken" in headline.group(1)
    assert re.search(
        r"<details class=\"tech\"><summary>Teknisk detalj</summary>.*Could not add customer 1038", row.group(0)
    )
    assert "[C6]" not in row.group(0) and "Regel C6" in row.group(0)
    assert "Redigera adressfältet" in row.group(0)  # the hint

    skipped = _section(response.text, "skipped")
    assert "<caption>Överhoppade</caption>" in skipped and "Inaktiv kund: förs inte över" in skipped
    # The category table comes along (out of band): it now shows this run as the customers' last one.
    assert 'id="categories" aria-labelledby="run-title" hx-swap-oob="true"' in response.text
    assert '<span class="status state-partial" data-state="partial">Delvis klar</span>' in response.text


async def test_x1_english_mode_shows_english_headlines_and_hints(
    admin: httpx.AsyncClient, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    response = await run_transfer(admin, "customers", "run", lang="en")
    box = _box(response.text)
    assert re.search(r"Transfer #\d+: Partly done", box)
    errors = _section(response.text, "errors")
    assert "<summary>Technical detail</summary>" in errors and "Rule C6" in errors
    row = re.search(r"<tr[^>]*>\s*<td>1041 Kungsholmens.*?</tr>", errors, re.S)
    assert row is not None
    assert "The customer name is longer than 50 characters" in row.group(0)
    assert "Kundnamnet" not in row.group(0)  # no Swedish in English mode
    assert "Inactive customer: not transferred" in _section(response.text, "skipped")


async def test_retry_of_the_failed_ones_runs_exactly_what_failed(
    admin: httpx.AsyncClient, store: Store, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    first = await run_transfer(admin, "customers", "run")
    assert 'aria-label="Försök igen med de misslyckade: Kunder"' in first.text
    failed_before = {record.object_key for record in store.runs.latest_failures()}
    assert failed_before

    retry = await run_transfer(admin, "customers", "retry")
    box = _box(retry.text)
    assert re.search(r"Nytt försök med de misslyckade #\d+: Delvis klar", box), box  # the rest is in sync
    run_id = store.runs.history()[0][0]
    tried = {record.object_key for record in store.runs.items_of_run(run_id, ("succeeded", "failed", "skipped"))}
    assert tried == failed_before  # the demo's failures need fixing in PM: they fail again, nothing else is sent


async def test_x5_an_empty_plan_says_nothing_to_do_instead_of_an_empty_table(
    admin: httpx.AsyncClient, emulators: Emulators
) -> None:
    await connect_both(admin, emulators)
    dry = await run_transfer(admin, "orders", "dry-run")  # the inbox is empty
    assert "Order:\n    Inget att göra." in _box(dry.text) or re.search(r"Order:\s+Inget att göra\.", _box(dry.text))
    assert '<table class="plan">' not in dry.text
    real = await run_transfer(admin, "orders", "run")
    assert re.search(r"Order: Inget att överföra", _box(real.text))
    english = await run_transfer(admin, "orders", "dry-run", lang="en")
    assert re.search(r"Orders:\s+Nothing to do\.", _box(english.text))


async def test_a_transfer_stopped_by_a_defect_says_so_in_words_without_a_traceback(
    admin: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken:
        def __init__(self, *_args: object) -> None:
            pass

        async def run(self, *_args: object, **_kwargs: object) -> None:
            raise KeyError("internal")

        async def aclose(self) -> None:
            return None

    monkeypatch.setattr("brygga.web.jobs.TransferSession", Broken)
    response = await run_transfer(admin, "customers", "run")
    assert 'data-state="failed"' in response.text and "Ett oväntat fel stoppade överföringen." in response.text
    assert "KeyError" not in response.text and "Traceback" not in response.text and "internal" not in response.text
    english = await run_transfer(admin, "customers", "run", lang="en")
    assert "An unexpected error stopped the transfer." in english.text

"""The run report on a terminal (X1, X2, X5, I7): the box's colour and words follow the run's state, a dry run
says what would happen, every skipped object says why, and technical detail waits for --verbose."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from brygga.report_text import render_report
from brygga.transfer.outcome import Action, ObjectOutcome, Outcome
from brygga.transfer.report import CategoryReport, RunReport


def item(key: str, action: Action, outcome: Outcome, **extra: str) -> ObjectOutcome:
    return ObjectOutcome("customers", "pm->eek", key, f"Kund {key}", action, outcome, **extra)  # type: ignore[arg-type]


FAILED = item(
    "4",
    Action.CREATE,
    Outcome.FAILED,
    message="Could not add customer 4 to Visma eAccounting. ErrorCode: 2000",
    hint="Lägg till en adress",
    hint_en="Add an address",
    title="Kunden saknar adress",
    title_en="The customer has no address",
    rule_id="C6",
)
SKIPPED = item(
    "5", Action.SKIP, Outcome.SKIPPED, message="Inaktiv kund: förs inte över.", rule_id="C1", title_en="Inactive"
)
OK = item("1", Action.CREATE, Outcome.SUCCEEDED)


def run(*items: ObjectOutcome, dry_run: bool = False, already_linked: int = 0) -> RunReport:
    category = CategoryReport("customers", list(items), planned_only=dry_run, already_linked=already_linked)
    return RunReport(None if dry_run else 7, dry_run, {"customers": category})


def render(report: RunReport, *, lang: str = "sv", verbose: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=200, force_terminal=True, color_system="standard")
    render_report(report, console, lang=lang, verbose=verbose)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("items", "colour", "sv", "en"),
    [
        ((OK, FAILED), "33", "Delvis klar", "Partly done"),
        ((OK, SKIPPED), "32", "Klar", "Done"),
        ((FAILED,), "31", "Misslyckades", "Failed"),
    ],
    ids=["partial-yellow", "ok-green", "failed-red"],
)
def test_x1_the_box_says_the_run_state_in_its_colour(items: tuple[ObjectOutcome, ...], colour: str, sv: str, en: str):
    swedish = render(run(*items))
    assert f"Överföring #7: {sv}" in swedish and f"\x1b[1;{colour}mKunder:" in swedish
    english = render(run(*items), lang="en")
    assert f"Transfer #7: {en}" in english and f"\x1b[1;{colour}mCustomers:" in english
    assert "Överföring" not in english and "lyckades" not in english


def test_x5_a_dry_run_is_a_neutral_box_that_says_what_would_happen() -> None:
    planned = (
        item("1", Action.CREATE, Outcome.SUCCEEDED),
        item("2", Action.CREATE, Outcome.SUCCEEDED),
        item("3", Action.UPDATE, Outcome.SUCCEEDED),
        item("4", Action.LINK, Outcome.SUCCEEDED),
        SKIPPED,
    )
    text = render(run(*planned, dry_run=True, already_linked=41))
    assert "Torrkörning (inget skrevs)" in text and "\x1b[34m╭" in text  # blue, not green or red
    assert "2 skulle skapas, 1 uppdateras, 1 kopplas ihop, 1 hoppas över, 0 avvisas; 40 redan kopplade/oförändrade" in (
        text
    )
    assert "lyckades" not in text
    english = render(run(*planned, dry_run=True, already_linked=41), lang="en")
    assert "2 would be created, 1 updated, 1 linked, 1 skipped, 0 rejected; 40 already linked/unchanged" in english


@pytest.mark.parametrize(("lang", "words"), [("sv", "Inget att göra"), ("en", "Nothing to do")])
def test_x5_an_empty_plan_says_nothing_to_do(lang: str, words: str) -> None:
    text = render(run(item("1", Action.NONE, Outcome.UNCHANGED), dry_run=True, already_linked=3), lang=lang)
    assert words in text and "0 lyckades" not in text and "0 succeeded" not in text


def test_i7_every_skipped_object_is_listed_with_its_reason() -> None:
    text = render(run(OK, SKIPPED))
    assert "Hoppades över (1)" in text and "Kund 5" in text and "Inaktiv kund: förs inte över." in text


def test_x2_an_error_shows_the_headline_and_hint_and_the_detail_only_with_verbose() -> None:
    plain = render(run(OK, FAILED))
    assert "Kunden saknar adress" in plain and "Lägg till en adress" in plain
    assert "ErrorCode: 2000" not in plain and "C6" not in plain
    verbose = render(run(OK, FAILED), verbose=True)
    assert "Teknisk detalj: [C6] Could not add customer 4 to Visma eAccounting. ErrorCode: 2000" in verbose


def test_x2_in_english_the_error_is_english_and_the_detail_is_technical_detail() -> None:
    text = re.sub(r"\x1b\[[0-9;]*m", "", render(run(OK, FAILED), lang="en", verbose=True))
    assert "Error: The customer has no address" in text and "What to do: Add an address" in text
    assert "Technical detail: [C6]" in text and "Kunden saknar adress" not in text

"""What a run reports (X1): succeeded, failed and skipped per category, red when any failed; the error list (X2)
and the dry run's plan (X5)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from brygga.report_text import render_report
from brygga.transfer.outcome import Action, ObjectOutcome, Outcome
from brygga.transfer.report import CategoryReport, RunReport


def outcome(key: str, action: Action, result: Outcome, **extra: str) -> ObjectOutcome:
    return ObjectOutcome("customers", "pm->eek", key, f"Kund {key}", action, result, **extra)  # type: ignore[arg-type]


FAILED = outcome(
    "4", Action.CREATE, Outcome.FAILED, message="Det gick inte...", hint="Lägg till adress", hint_en="Add an address"
)


def category(*items: ObjectOutcome, planned_only: bool = False) -> CategoryReport:
    report = CategoryReport("customers", list(items), planned_only=planned_only)
    report.api_calls = {"eekonomi": 7, "severa": 3}
    return report


def mixed() -> CategoryReport:
    return category(
        outcome("1", Action.CREATE, Outcome.SUCCEEDED),
        outcome("2", Action.UPDATE, Outcome.SUCCEEDED),
        outcome("3", Action.LINK, Outcome.SUCCEEDED),
        FAILED,
        outcome("5", Action.SKIP, Outcome.SKIPPED),
        outcome("6", Action.NONE, Outcome.UNCHANGED),
    )


def test_x1_counts_succeeded_failed_and_skipped() -> None:
    assert mixed().to_json() == {
        "state": "partial",
        "succeeded": 3,
        "failed": 1,
        "skipped": 1,
        "api_calls": {"eekonomi": 7, "severa": 3},
    }


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_x1_run_json_has_categories_and_the_error_list(lang: str) -> None:
    run = RunReport(run_id=12, dry_run=False, categories={"customers": mixed()})
    data = run.to_json(lang)
    assert (data["run_id"], data["dry_run"]) == (12, False)
    assert data["categories"]["customers"]["failed"] == 1
    assert data["errors"] == [
        {
            "category": "customers",
            "object": "4",
            "name": "Kund 4",
            "direction": "pm->eek",
            "rule": None,
            "message": "Det gick inte...",
            "detail": "",
            "hint": "Lägg till adress" if lang == "sv" else "Add an address",
        }
    ]


@pytest.mark.parametrize(
    ("items", "ok"), [((FAILED,), False), ((outcome("1", Action.CREATE, Outcome.SUCCEEDED),), True)]
)
def test_x1_run_is_ok_only_without_failures(items: tuple[ObjectOutcome, ...], ok: bool) -> None:
    assert RunReport(1, False, {"customers": category(*items)}).ok is ok


def render(run: RunReport) -> str:
    buffer = io.StringIO()
    render_report(run, Console(file=buffer, width=120, force_terminal=True, color_system="standard"))
    return buffer.getvalue()


def test_x1_summary_is_yellow_partly_done_when_some_failed_and_lists_the_error_with_its_hint() -> None:
    text = render(RunReport(3, False, {"customers": mixed()}))
    assert "\x1b[1;33mKunder: 3 lyckades, 1 misslyckades, 1 hoppades över" in text and "Delvis klar" in text
    assert "Det gick inte..." in text and "Lägg till adress" in text
    assert "Felmeddelanden" in text


def test_x1_summary_is_green_when_nothing_failed() -> None:
    text = render(RunReport(3, False, {"customers": category(outcome("1", Action.CREATE, Outcome.SUCCEEDED))}))
    assert "\x1b[1;32mKunder: 1 lyckades, 0 misslyckades, 0 hoppades över" in text
    assert "Felmeddelanden" not in text


def test_x5_dry_run_report_lists_the_planned_changes_but_not_unchanged_ones() -> None:
    planned = category(
        outcome("1", Action.CREATE, Outcome.SUCCEEDED),
        outcome("5", Action.SKIP, Outcome.SKIPPED),
        outcome("6", Action.NONE, Outcome.UNCHANGED),
        planned_only=True,
    )
    data = RunReport(None, True, {"customers": planned}).to_json()
    assert data["dry_run"] is True
    assert data["categories"]["customers"]["plan"] == [
        {"direction": "pm->eek", "object": "1", "name": "Kund 1", "action": "create"},
        {"direction": "pm->eek", "object": "5", "name": "Kund 5", "action": "skip"},
    ]
    assert "Torrkörning" in render(RunReport(None, True, {"customers": planned}))

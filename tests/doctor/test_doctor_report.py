"""The doctor's report as a user sees it: a Rich table that fits 80 columns with ✓ / ! / ✗, a one-line summary,
and JSON for scripts."""

from __future__ import annotations

import io

from rich.console import Console

from brygga.doctor import Check, CheckResult, DoctorReport, Msg, Status, render_doctor
from brygga.doctor.results import listing

ACCESS = Check("eekonomi.api_access", Msg("API-åtkomst i Visma eEkonomi", "API access in Visma eEkonomi"))
ROUNDING = Check("eekonomi.rounding", Msg("Öresavrundning", "Öre rounding"))
CODES = Check("a6.article_codes", Msg("Koder på produkter och typer (A6)", "Codes on products and types (A6)"))
LONG_ACTION = Msg(
    "Slå på den under menyvalet Inställningar > Företagsinställningar > Faktureringsuppgifter > Öresavrundning: "
    "Avrunda till hel krona.",
    "Turn it on under Settings > Company settings > Invoicing details > Öre rounding: Round to whole krona.",
)


def sample(lang: str = "sv") -> DoctorReport:
    return DoctorReport(
        [
            ACCESS.green(Msg("Ansluten till Demo Konsult AB (556123-4567).", "Connected to Demo Konsult AB.")),
            ROUNDING.red(Msg("Öresavrundning är inte på.", "Öre rounding is off."), LONG_ACTION),
            CODES.yellow(
                Msg("3 saknar kod: " + ", ".join(f"produkt {n}" for n in range(30)), "3 lack a code."),
                Msg("Ange en kod.", "Give a code."),
            ),
        ],
        lang="en" if lang == "en" else "sv",
    )


def rendered(report: DoctorReport, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    render_doctor(report, console)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


def test_o11_table_fits_80_columns_and_marks_each_status() -> None:
    output = rendered(sample())
    lines = output.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any("✓" in line and "API-åtkomst" in line for line in lines)
    assert any("✗" in line and "Öresavrundning" in line for line in lines)
    assert any("!" in line and "Koder på" in line for line in lines)
    assert "Avrunda till hel" in output  # long texts fold instead of being cut off


def test_summary_is_one_line_after_the_table_with_singular_and_plural() -> None:
    last = rendered(sample()).rstrip().splitlines()[-1]
    assert last == "1 grön, 1 gul, 1 röd. Åtgärda de röda punkterna innan du kör överföringar."
    two_green = DoctorReport([ACCESS.green(Msg("a", "a")), ROUNDING.green(Msg("b", "b"))])
    assert two_green.summary() == "2 gröna, 0 gula, 0 röda. Klart att köra överföringar."


def test_english_rendering_uses_the_english_texts() -> None:
    output = rendered(sample("en"))
    assert "Pre-flight check" in output and "Turn it on" in output
    assert "Slå på" not in output
    assert output.rstrip().splitlines()[-1].startswith("1 green, 1 yellow, 1 red.")


def test_report_is_ok_only_without_red_lines() -> None:
    assert not sample().ok
    assert DoctorReport([CODES.yellow(Msg("x", "x"), Msg("y", "y"))]).ok


def test_to_json_carries_id_status_and_texts_in_the_chosen_language() -> None:
    data = sample().to_json()
    assert data["ok"] is False and data["lang"] == "sv"
    assert data["summary"] == {"green": 1, "yellow": 1, "red": 1}
    assert data["checks"][1] == {
        "id": "eekonomi.rounding",
        "status": "red",
        "title": "Öresavrundning",
        "found": "Öresavrundning är inte på.",
        "action": LONG_ACTION.sv,
    }
    assert sample().to_json("en")["checks"][1]["found"] == "Öre rounding is off."


def test_listing_shows_ten_names_then_how_many_more() -> None:
    names = [f"kund {n}" for n in range(13)]
    shown = listing(names)
    assert shown.sv == ", ".join(names[:10]) + " och 3 till"
    assert shown.en.endswith("kund 9 and 3 more")
    assert listing(names[:10]).sv == ", ".join(names[:10])


def test_check_builds_lines_with_its_id_and_title() -> None:
    line = ROUNDING.yellow(Msg("a", "b"))
    assert line == CheckResult("eekonomi.rounding", Status.YELLOW, ROUNDING.title, Msg("a", "b"))
    assert (Msg("Ett.", "One.") + Msg("", "")).sv == "Ett."

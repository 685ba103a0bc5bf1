"""``brygga doctor`` against both emulators with their demo data, as a consultant would run it on a new setup:
rule O11 (API access, IBAN, next invoice number, öre rounding), the settings S3, S4 and S6, and the registers
the transfers would reject items from (A6, C5)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from brygga.config import Settings
from brygga.doctor import DoctorReport, Status, run_doctor
from brygga.store import Store

from .systems import Systems


@pytest.fixture
async def systems(store: Store, settings: Settings) -> Systems:
    systems = Systems()
    await systems.connect(store, settings)
    systems.calls.clear()
    return systems


async def doctor(store: Store, settings: Settings, systems: Systems, **values: str) -> DoctorReport:
    if values:
        store.settings.set_many(values)
    return await run_doctor(store, settings, transport=systems.transport)


def status(report: DoctorReport, check_id: str) -> Status:
    return report.by_id(check_id).status


async def test_o11_demo_company_is_green_for_api_access_iban_and_rounding(
    store: Store, settings: Settings, systems: Systems
) -> None:
    report = await doctor(store, settings, systems)
    assert [status(report, c) for c in ("eekonomi.api_access", "eekonomi.iban", "eekonomi.rounding")] == [
        Status.GREEN
    ] * 3
    assert "Demo Konsult AB" in report.by_id("eekonomi.api_access").found.sv
    assert "SE4550000000058398257466" in report.by_id("eekonomi.iban").found.sv


async def test_o11_next_invoice_number_is_yellow_with_the_number_and_where_to_change_it(
    store: Store, settings: Settings, systems: Systems
) -> None:
    line = (await doctor(store, settings, systems)).by_id("eekonomi.invoice_number")
    assert line.status is Status.YELLOW
    assert "10001" in line.found.sv
    assert "Inställningar > Företagsinställningar > Faktureringsuppgifter > Nummerserier" in line.action.sv


async def test_a6_yellow_lists_the_demo_items_without_code(store: Store, settings: Settings, systems: Systems) -> None:
    line = (await doctor(store, settings, systems)).by_id("a6.article_codes")
    assert line.status is Status.YELLOW
    for name in ('produkt "Diverse material"', 'arbetstyp "Intern tid"', 'resekostnad "Taxi"'):
        assert name in line.found.sv
    assert line.found.sv.startswith("3 av ")
    assert "P-100" not in line.found.sv and "Licens Projektverktyg" not in line.found.sv


async def test_c5_yellow_lists_active_demo_customers_without_complete_address(
    store: Store, settings: Settings, systems: Systems
) -> None:
    line = (await doctor(store, settings, systems)).by_id("c5.customer_addresses")
    assert line.status is Status.YELLOW
    assert "1037 Hudiksvalls Måleri AB" in line.found.sv  # no city
    assert "1042 Skärgårdens Catering AB" in line.found.sv  # no address at all
    # 45 demo customers, of which 1044 and 1045 are inactive: they are not transferred (C1), so not counted.
    assert line.found.sv.startswith("2 av 43 aktiva kunder")
    assert "postnummer, ort och land" in line.action.sv


async def test_s6_demo_statuses_are_green(store: Store, settings: Settings, systems: Systems) -> None:
    line = (await doctor(store, settings, systems)).by_id("s6.invoice_statuses")
    assert line.status is Status.GREEN
    assert "Skicka till eEkonomi" in line.found.sv


async def test_s6_missing_statuses_are_red_and_all_listed(store: Store, settings: Settings, systems: Systems) -> None:
    report = await doctor(
        store,
        settings,
        systems,
        invoice_status_sent="Postad",
        invoice_status_paid="Inbetald",
        invoice_status_to_transfer="Skicka till eEkonomi",
    )
    line = report.by_id("s6.invoice_statuses")
    assert line.status is Status.RED
    assert '"Postad"' in line.found.sv and '"Inbetald"' in line.found.sv
    assert '"Postad" (invoice_status_sent)' in line.found.en and '"Inbetald" (invoice_status_paid)' in line.found.en
    assert "Skicka till" not in line.found.sv
    assert "Fakturastatus" in line.action.sv


async def test_s3_s4_not_set_are_yellow_and_say_how_to_set_them(
    store: Store, settings: Settings, systems: Systems
) -> None:
    report = await doctor(store, settings, systems)
    s3, s4 = report.by_id("s3.cost_center"), report.by_id("s4.default_article")
    assert (s3.status, s4.status) == (Status.YELLOW, Status.YELLOW)
    assert "2 Projekt" in s3.found.sv  # the cost centers there are to choose from
    assert "brygga settings set project_cost_center" in s3.action.sv
    assert "brygga settings set default_article_number" in s4.action.sv


async def test_s3_s4_set_and_present_are_green(store: Store, settings: Settings, systems: Systems) -> None:
    report = await doctor(store, settings, systems, project_cost_center="Projekt", default_article_number="DIV")
    assert status(report, "s3.cost_center") is Status.GREEN
    assert status(report, "s4.default_article") is Status.GREEN
    assert report.ok


async def test_s3_s4_set_but_missing_are_red(store: Store, settings: Settings, systems: Systems) -> None:
    report = await doctor(store, settings, systems, project_cost_center="Uppdrag", default_article_number="X-1")
    s3, s4 = report.by_id("s3.cost_center"), report.by_id("s4.default_article")
    assert (s3.status, s4.status) == (Status.RED, Status.RED)
    assert '"Uppdrag" finns inte' in s3.found.sv and "2 Projekt" in s3.action.sv
    assert '"X-1" finns inte' in s4.found.sv
    assert not report.ok


async def test_s4_inactive_default_article_is_red(store: Store, settings: Settings, systems: Systems) -> None:
    line = (await doctor(store, settings, systems, default_article_number="A-903")).by_id("s4.default_article")
    assert line.status is Status.RED
    assert "inaktiv" in line.found.sv


async def test_s3_by_number_is_accepted(store: Store, settings: Settings, systems: Systems) -> None:
    report = await doctor(store, settings, systems, project_cost_center="2")
    assert status(report, "s3.cost_center") is Status.GREEN


async def test_doctor_only_reads(store: Store, settings: Settings, systems: Systems) -> None:
    await doctor(store, settings, systems, project_cost_center="Projekt", default_article_number="DIV")
    assert systems.calls, "the doctor must have asked both systems"
    assert systems.writes() == []


async def test_english_report_through_the_lang_setting(store: Store, systems: Systems, settings: Settings) -> None:
    english = settings.model_copy(update={"lang": "en"})
    report = await run_doctor(store, english, transport=systems.transport)
    data = report.to_json()
    assert data["lang"] == "en"
    rounding = next(c for c in data["checks"] if c["id"] == "eekonomi.rounding")
    assert rounding["title"] == "Öre rounding" and "on" in rounding["found"]
    assert report.summary().startswith(f"{data['summary']['green']} green")


async def test_every_line_has_a_title_and_text_in_both_languages(
    store: Store, settings: Settings, systems: Systems
) -> None:
    report = await doctor(store, settings, systems)
    assert len({r.id for r in report.results}) == len(report.results) == 12  # 11 of the systems, 1 of the store
    for result in report.results:
        assert result.title.sv and result.title.en and result.found.sv and result.found.en
        if result.status is not Status.GREEN:
            assert result.action.sv and result.action.en, result.id


async def test_a_store_readable_by_others_is_a_yellow_line_with_the_fix(
    store: Store, settings: Settings, systems: Systems
) -> None:
    path = Path(str(store.db.engine.url).removeprefix("sqlite:///"))
    os.chmod(path, 0o644)
    report = await doctor(store, settings, systems)
    [line] = [r for r in report.results if r.id == "store.privacy"]
    assert line.status is Status.YELLOW and str(path) in line.found.sv and "chmod 600" in line.action.sv
    os.chmod(path, 0o600)
    report = await doctor(store, settings, systems)
    assert [r.status for r in report.results if r.id == "store.privacy"] == [Status.GREEN]

"""``brygga doctor`` when things are wrong: eEkonomi's answers changed through a MockTransport in front of the
emulators. Every problem is a red line with its reason and what to do, and the other checks still run."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from brygga.company_guard import CompanyIdentity, remember_company
from brygga.config import Settings
from brygga.doctor import DoctorReport, Status, run_doctor
from brygga.store import Store

from .systems import Systems, eek_error, with_data, with_fields, with_rows

EEK_CHECKS = ("eekonomi.api_access", "eekonomi.iban", "eekonomi.invoice_number", "eekonomi.rounding")
PM_CHECKS = ("severa.connection", "s6.invoice_statuses", "a6.article_codes", "c5.customer_addresses")
NO_MODULE = "ForbiddenRequestException - No access to module: api_standard"


async def no_sleep(_: float) -> None:
    """Retries back off through this: the test must not wait for them."""


@pytest.fixture
async def systems(store: Store, settings: Settings) -> Systems:
    systems = Systems()
    await systems.connect(store, settings)
    return systems


async def doctor(store: Store, settings: Settings, systems: Systems) -> DoctorReport:
    return await run_doctor(store, settings, transport=systems.transport, sleep=no_sleep)


def statuses(report: DoctorReport, ids: tuple[str, ...]) -> list[Status]:
    return [report.by_id(check_id).status for check_id in ids]


async def test_o11_403_4002_is_explained_with_the_add_on_to_activate(
    store: Store, settings: Settings, systems: Systems
) -> None:
    systems.eek_override["/v2/companysettings"] = eek_error(403, 4002, NO_MODULE)
    report = await doctor(store, settings, systems)
    access = report.by_id("eekonomi.api_access")
    assert access.status is Status.RED
    assert "4002" in access.found.sv
    assert "API Integration" in access.action.sv and "Appar och tillval" in access.action.sv
    assert "Apps and extensions" in access.action.en
    # The checks that need company settings say why they could not run, and PM is checked all the same.
    assert statuses(report, EEK_CHECKS[1:]) == [Status.RED] * 3
    assert "Kunde inte kontrolleras" in report.by_id("eekonomi.rounding").found.sv
    assert statuses(report, PM_CHECKS)[:2] == [Status.GREEN, Status.GREEN]


async def test_o11_no_access_to_module_message_is_recognised_without_the_code(
    store: Store, settings: Settings, systems: Systems
) -> None:
    systems.eek_override["/v2/companysettings"] = eek_error(403, 4005, NO_MODULE)
    access = (await doctor(store, settings, systems)).by_id("eekonomi.api_access")
    assert access.status is Status.RED
    assert "Appar och tillval" in access.action.sv


async def test_o11_4002_on_a_write_like_answer_is_not_mistaken_for_the_module(
    store: Store, settings: Settings, systems: Systems
) -> None:
    # 4002 is also CanNotBeCreatedOrUpdated; only a 403 (or the module message) means the add-on is missing.
    systems.eek_override["/v2/companysettings"] = eek_error(400, 4002, "CanNotBeCreatedOrUpdated")
    access = (await doctor(store, settings, systems)).by_id("eekonomi.api_access")
    assert access.status is Status.RED
    assert "Appar och tillval" not in access.action.sv
    assert "CanNotBeCreatedOrUpdated" in access.found.sv


async def test_4009_product_variant_is_explained(store: Store, settings: Settings, systems: Systems) -> None:
    store.settings.set_many({"project_cost_center": "Projekt"})
    systems.eek_override["/v2/costcenters"] = eek_error(403, 4009, "NoAccessDueToProductVariant")
    report = await doctor(store, settings, systems)
    center = report.by_id("s3.cost_center")
    assert center.status is Status.RED
    assert "produktvariant" in center.found.sv and "4009" in center.found.sv
    assert statuses(report, EEK_CHECKS) == [Status.GREEN, Status.GREEN, Status.YELLOW, Status.GREEN]


@pytest.mark.parametrize(("company_status", "word"), [(0, "inaktivt"), (2, "skrivskyddat")])
async def test_o11_company_not_active_is_red(
    store: Store, settings: Settings, systems: Systems, company_status: int, word: str
) -> None:
    systems.eek_override["/v2/companysettings"] = with_fields(CompanyStatus=company_status)
    access = (await doctor(store, settings, systems)).by_id("eekonomi.api_access")
    assert access.status is Status.RED
    assert word in access.found.sv


async def test_o11_primary_bank_account_without_iban_is_red_with_the_menu_path(
    store: Store, settings: Settings, systems: Systems
) -> None:
    systems.eek_override["/v2/bankaccounts"] = with_rows(lambda row: {**row, "Iban": ""})
    line = (await doctor(store, settings, systems)).by_id("eekonomi.iban")
    assert line.status is Status.RED
    assert "Företagskonto (1930) saknar IBAN" in line.found.sv
    assert "Inställningar > Kassa- och bankkonton" in line.action.sv


async def test_o11_iban_is_read_from_the_default_cheque_account(
    store: Store, settings: Settings, systems: Systems
) -> None:
    def savings_and_old_account_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        [default] = rows
        savings = {**default, "Name": "Sparkonto", "BankAccountType": 3, "LedgerAccountNumber": 1940}
        old = {**default, "Name": "Gamla kontot", "LedgerAccountNumber": 1931, "Iban": ""}
        for row in (savings, old):
            row.update(Id=f"0f0f0f0f-0000-4000-8000-00000000{row['LedgerAccountNumber']}", IsDefaultChequeAccount=False)
        return [savings, old, default]

    systems.eek_override["/v2/bankaccounts"] = with_data(savings_and_old_account_first)
    line = (await doctor(store, settings, systems)).by_id("eekonomi.iban")
    assert line.status is Status.GREEN
    assert "Företagskonto (1930)" in line.found.sv


async def test_o11_no_cheque_account_is_red(store: Store, settings: Settings, systems: Systems) -> None:
    systems.eek_override["/v2/bankaccounts"] = with_rows(lambda row: {**row, "BankAccountType": 2})
    line = (await doctor(store, settings, systems)).by_id("eekonomi.iban")
    assert line.status is Status.RED
    assert "Inget företagskonto" in line.found.sv


async def test_o11_rounding_off_is_red_with_the_menu_path(store: Store, settings: Settings, systems: Systems) -> None:
    systems.eek_override["/v2/companysettings"] = with_fields(DomesticCurrencyRounding=0)
    line = (await doctor(store, settings, systems)).by_id("eekonomi.rounding")
    assert line.status is Status.RED
    assert "Faktureringsuppgifter > Öresavrundning: Avrunda till hel krona" in line.action.sv


async def test_eekonomi_not_connected_is_red_while_pm_checks_still_run(store: Store, settings: Settings) -> None:
    systems = Systems()
    await systems.connect(store, settings, eek=False)
    store.settings.set_many({"project_cost_center": "Projekt"})
    report = await doctor(store, settings, systems)
    access = report.by_id("eekonomi.api_access")
    assert access.status is Status.RED
    assert "inte ansluten" in access.found.sv and "brygga connect eekonomi" in access.action.sv
    assert statuses(report, EEK_CHECKS[1:]) == [Status.RED] * 3
    assert report.by_id("s3.cost_center").status is Status.RED  # chosen, but it cannot be looked up
    assert report.by_id("s4.default_article").status is Status.YELLOW  # not chosen: known without eEkonomi
    assert statuses(report, PM_CHECKS) == [Status.GREEN, Status.GREEN, Status.YELLOW, Status.YELLOW]
    assert not any(host == "eek.test" for _, host, _ in systems.calls)


async def test_pm_unreachable_is_red_while_eekonomi_checks_still_run(
    store: Store, settings: Settings, systems: Systems
) -> None:
    systems.pm_down = True
    report = await doctor(store, settings, systems)
    connection = report.by_id("severa.connection")
    assert connection.status is Status.RED
    assert "Visma PM" in connection.found.sv
    assert statuses(report, PM_CHECKS[1:]) == [Status.RED] * 3
    assert "Kunde inte kontrolleras" in report.by_id("c5.customer_addresses").found.sv
    assert statuses(report, EEK_CHECKS) == [Status.GREEN, Status.GREEN, Status.YELLOW, Status.GREEN]


async def test_pm_refused_login_is_red_with_reconnect_hint(store: Store, settings: Settings) -> None:
    systems = Systems()
    await systems.connect(store, settings, pm=False)
    store.connections.save("severa", api_url="http://pm.test", auth_url=None, client_id="fel", client_secret="fel")
    connection = (await doctor(store, settings, systems)).by_id("severa.connection")
    assert connection.status is Status.RED
    assert "godtog inte inloggningen" in connection.found.sv
    assert "klient-id" in connection.action.sv


async def test_unexpected_answer_is_a_red_line_not_a_traceback(
    store: Store, settings: Settings, systems: Systems
) -> None:
    systems.eek_override["/v2/bankaccounts"] = lambda request, response: httpx.Response(200, text="<html>oops</html>")
    report = await doctor(store, settings, systems)
    line = report.by_id("eekonomi.iban")
    assert line.status is Status.RED
    assert line.found.sv and line.action.sv
    assert report.by_id("eekonomi.rounding").status is Status.GREEN


async def test_invalid_saved_settings_are_red_and_s3_s4_still_checked(
    store: Store, settings: Settings, systems: Systems
) -> None:
    store.settings.set_many({"master_customers": "excel", "project_cost_center": "Projekt"})
    report = await doctor(store, settings, systems)
    values = report.by_id("settings.values")
    assert values.status is Status.RED
    assert "master_customers" in values.found.sv
    assert report.by_id("s3.cost_center").status is Status.GREEN


async def test_x4_another_company_behind_the_connection_is_red(
    store: Store, settings: Settings, systems: Systems
) -> None:
    remember_company(store, CompanyIdentity("first-company-id", "Första AB"))  # the links' company
    access = (await doctor(store, settings, systems)).by_id("eekonomi.api_access")
    assert access.status is Status.RED
    assert "Första AB" in access.found.sv

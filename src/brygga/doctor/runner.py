"""``brygga doctor``: every check of both systems in one report. A check that cannot run is a red line with the
reason; the others still run, so one visit to the report shows everything that needs fixing."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import httpx

from brygga.company_guard import linked_company
from brygga.config import Settings
from brygga.connections import Sleep, eekonomi_client, severa_client
from brygga.doctor.eekonomi_checks import (
    API_ACCESS,
    IBAN,
    INVOICE_NUMBER,
    ROUNDING,
    check_api_access,
    check_iban,
    check_invoice_number,
    check_rounding,
)
from brygga.doctor.failures import blocked, explain, not_connected
from brygga.doctor.results import Check, CheckResult, DoctorReport, Lang, Status
from brygga.doctor.settings_checks import (
    COST_CENTER,
    DEFAULT_ARTICLE,
    INVOICE_STATUSES,
    check_cost_center,
    check_default_article,
    check_invoice_statuses,
    read_options,
)
from brygga.doctor.severa_checks import (
    ARTICLE_CODES,
    CONNECTION,
    CUSTOMER_ADDRESSES,
    check_article_codes,
    check_connection,
    check_customer_addresses,
)
from brygga.doctor.store_checks import check_store_privacy
from brygga.eekonomi import EEkonomiClient
from brygga.store import Store
from brygga.transfer.options import TransferOptions

__all__ = ["run_doctor"]


async def run_doctor(
    store: Store,
    settings: Settings,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    lang: Lang | None = None,
    sleep: Sleep = asyncio.sleep,
) -> DoctorReport:
    """Check eEkonomi (rule O11), the settings (S3, S4, S6, S9) and PM's registers (A6, C5); read-only."""
    options, settings_line = read_options(store.settings.all())
    (eek_system, eek_settings), pm_lines = await asyncio.gather(
        _eekonomi_part(store, settings, options, transport, sleep),
        _severa_part(store, settings, options, transport, sleep),
    )
    results = [*eek_system, settings_line, *eek_settings, *pm_lines, check_store_privacy(store)]
    return DoctorReport(results, lang=lang or settings.lang)


async def guarded(check: Check, run: Callable[[], Awaitable[CheckResult]]) -> CheckResult:
    try:
        return await run()
    except Exception as exc:  # noqa: BLE001 - a doctor turns every failure into a red line and goes on
        return check.red(*explain(exc))


async def _eekonomi_part(
    store: Store,
    settings: Settings,
    options: TransferOptions,
    transport: httpx.AsyncBaseTransport | None,
    sleep: Sleep,
) -> tuple[list[CheckResult], list[CheckResult]]:
    """The O11 lines, and the S3/S4 lines that need eEkonomi's cost centers and articles."""
    info = store.connections.get("eekonomi")
    if info is None or info.client_secret is None:
        access = API_ACCESS.red(*not_connected("eekonomi"))
        return _eek_blocked(access), await _eek_settings(None, options)
    async with eekonomi_client(store, settings, transport=transport, sleep=sleep) as eek:
        access, company = await check_api_access(eek, linked_company(store))
        if company is None:
            return _eek_blocked(access), await _eek_settings(None, options)
        iban, settings_lines = await asyncio.gather(guarded(IBAN, lambda: check_iban(eek)), _eek_settings(eek, options))
        return [access, iban, check_invoice_number(company), check_rounding(company)], settings_lines


def _eek_blocked(access: CheckResult) -> list[CheckResult]:
    return [access, *(blocked(check, "eekonomi") for check in (IBAN, INVOICE_NUMBER, ROUNDING))]


async def _eek_settings(eek: EEkonomiClient | None, options: TransferOptions) -> list[CheckResult]:
    return list(
        await asyncio.gather(
            guarded(COST_CENTER, lambda: check_cost_center(eek, options.project_cost_center)),
            guarded(DEFAULT_ARTICLE, lambda: check_default_article(eek, options.default_article_number)),
        )
    )


async def _severa_part(
    store: Store,
    settings: Settings,
    options: TransferOptions,
    transport: httpx.AsyncBaseTransport | None,
    sleep: Sleep,
) -> list[CheckResult]:
    info = store.connections.get("severa")
    if info is None or info.client_secret is None:
        return _pm_blocked(CONNECTION.red(*not_connected("severa")))
    connection = await guarded(CONNECTION, lambda: check_connection(store, info, transport))
    if connection.status is Status.RED:
        return _pm_blocked(connection)
    async with severa_client(store, settings, transport=transport, sleep=sleep) as pm:
        checks = await asyncio.gather(
            guarded(INVOICE_STATUSES, lambda: check_invoice_statuses(pm, options)),
            guarded(ARTICLE_CODES, lambda: check_article_codes(pm)),
            guarded(CUSTOMER_ADDRESSES, lambda: check_customer_addresses(pm)),
        )
    return [connection, *checks]


def _pm_blocked(connection: CheckResult) -> list[CheckResult]:
    return [connection, *(blocked(check, "severa") for check in (INVOICE_STATUSES, ARTICLE_CODES, CUSTOMER_ADDRESSES))]

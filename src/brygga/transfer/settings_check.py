"""Rule S9: settings are checked against both systems when saved, and every problem is listed at once."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from brygga.config import Settings
from brygga.connections import eekonomi_client, severa_client
from brygga.doctor.results import Status
from brygga.doctor.settings_checks import check_default_article
from brygga.errors import BryggaError, ConfigError
from brygga.severa.client import SeveraClient
from brygga.store import Store
from brygga.transfer.projects.transfer import resolve_cost_center

__all__ = ["check_against_systems"]


STATUS_KEYS = ("invoice_status_to_transfer", "invoice_status_transferred", "invoice_status_sent", "invoice_status_paid")


async def check_against_systems(
    store: Store, settings: Settings, values: Mapping[str, str], changed: Collection[str] | None = None
) -> list[str]:
    """Each connected system must answer, and every setting that names something in it must name something that
    exists: the cost center (S3), the default article (S4), the invoice statuses (S6). A system that is not
    connected yet is not an error here, because a consultant may set things up before connecting.

    ``changed`` names the keys being saved now (None: all of ``values``): a status is checked when it is chosen,
    so that saving another setting is not refused while PM does not have the default statuses yet."""
    problems: list[str] = []
    statuses = {key: values[key] for key in STATUS_KEYS if values.get(key) and (changed is None or key in changed)}
    if store.connections.get("eekonomi") is not None:
        try:
            async with eekonomi_client(store, settings) as eek:
                company = await eek.company_settings.get()
                if company.company_status not in (None, 1):
                    problems.append(f"Visma eEkonomi-företaget {company.name} är inte aktivt.")
                if values.get("project_cost_center"):
                    centers = [center async for center in eek.cost_centers.iter()]
                    try:
                        resolve_cost_center(centers, values["project_cost_center"])
                    except ConfigError as exc:
                        problems.append(f"{exc.message} {exc.hint}")
                if values.get("default_article_number"):  # S4: must exist and be active in eEkonomi
                    article = await check_default_article(eek, values["default_article_number"])
                    if article.status is Status.RED:
                        problems.append(f"{article.found.sv} Välj en artikel som finns och är aktiv i Visma eEkonomi.")
        except BryggaError as exc:
            problems.append(f"Visma eEkonomi kunde inte kontrolleras: {getattr(exc, 'message', exc)}")
    if store.connections.get("severa") is not None:
        try:
            async with severa_client(store, settings) as pm:
                _ = [currency async for currency in pm.currencies.iter()]
                if statuses:
                    problems.extend(await _missing_statuses(pm, statuses))
        except BryggaError as exc:
            problems.append(f"Visma PM kunde inte kontrolleras: {getattr(exc, 'message', exc)}")
    return problems


async def _missing_statuses(pm: SeveraClient, chosen: Mapping[str, str]) -> list[str]:
    """Rule S6 on save: each chosen status name must be one of PM's invoice statuses."""
    existing = {status.name.strip().casefold(): status.name async for status in pm.invoice_statuses.iter()}
    listed = ", ".join(sorted(existing.values())) or "(inga)"
    return [
        f'Fakturastatusen "{name}" ({key}) finns inte i Visma PM. Välj en av: {listed}, eller lägg upp den i Visma '
        "PM under Inställningar > Fakturastatus."
        for key, name in chosen.items()
        if name.strip().casefold() not in existing
    ]

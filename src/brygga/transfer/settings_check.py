"""Rule S9: settings are checked against both systems when saved, and every problem is listed at once."""

from __future__ import annotations

from collections.abc import Mapping

from brygga.config import Settings
from brygga.connections import eekonomi_client, severa_client
from brygga.doctor.results import Status
from brygga.doctor.settings_checks import check_default_article
from brygga.errors import BryggaError, ConfigError
from brygga.store import Store
from brygga.transfer.projects.transfer import resolve_cost_center

__all__ = ["check_against_systems"]


async def check_against_systems(store: Store, settings: Settings, values: Mapping[str, str]) -> list[str]:
    """Each connected system must answer; a system that is not connected yet is not an error here, because
    a consultant may set things up before connecting. Later settings (cost center, statuses) add checks."""
    problems: list[str] = []
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
        except BryggaError as exc:
            problems.append(f"Visma PM kunde inte kontrolleras: {getattr(exc, 'message', exc)}")
    return problems

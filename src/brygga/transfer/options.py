"""The integration settings a user chooses ("Inställningar"), stored per company; rules S1 and S9.

Values live in the store as text under the keys below, so the CLI (``brygga settings set``), the web app and
workers read the same. ``TransferOptions.check`` lists every problem with the values
at once, and ``brygga.transfer.settings_check`` adds the checks against both connected systems (rule S9).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, ValidationError

from brygga.errors import ConfigError

__all__ = ["SETTING_HELP", "MasterSystem", "TransferOptions"]

MasterSystem = Literal["pm", "eekonomi"]

SETTING_HELP: dict[str, tuple[str, str]] = {
    "master_customers": (
        "Huvudsystem för kunder: pm eller eekonomi (standard pm). Ändringar på kopplade kunder förs bara från "
        "huvudsystemet.",
        "Master system for customers: pm or eekonomi (default pm).",
    ),
    "master_articles": (
        "Huvudsystem för produkter/artiklar: pm eller eekonomi (standard eekonomi). Uppdateringar förs bara från "
        "huvudsystemet; nya artiklar förs över åt båda hållen.",
        "Master system for products/articles: pm or eekonomi (default eekonomi).",
    ),
    "project_cost_center": (
        "Resultatenhet (kostnadsställe) i Visma eEkonomi som tar emot projekten, med namn eller nummer, t.ex. "
        "Projekt. Måste finnas i eEkonomi.",
        "The eEkonomi cost center that receives PM projects as items, by name or number, e.g. Projekt.",
    ),
}


class TransferOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    master_customers: MasterSystem = "pm"
    master_articles: MasterSystem = "eekonomi"
    project_cost_center: str | None = None

    @classmethod
    def from_store(cls, values: Mapping[str, str]) -> TransferOptions:
        known = {key: value for key, value in values.items() if key in cls.model_fields}
        try:
            return cls.model_validate(known)
        except ValidationError as exc:
            raise ConfigError(
                "Sparade inställningar är ogiltiga: " + "; ".join(_problems(exc)),
                hint="Rätta med: brygga settings set NYCKEL VÄRDE",
            ) from exc

    @classmethod
    def check(cls, values: Mapping[str, str]) -> list[str]:
        """Every problem with these values as plain Swedish sentences (empty when all is well)."""
        problems = [f"Okänd inställning: {key}" for key in values if key not in cls.model_fields]
        known = {key: value for key, value in values.items() if key in cls.model_fields}
        try:
            cls.model_validate(known)
        except ValidationError as exc:
            problems.extend(_problems(exc))
        return problems


def _problems(exc: ValidationError) -> list[str]:
    result = []
    for error in exc.errors():
        key = ".".join(str(part) for part in error["loc"])
        allowed = ", ".join(get_args(MasterSystem)) if key.startswith("master_") else ""
        suffix = f" (tillåtna värden: {allowed})" if allowed else ""
        result.append(f"{key}: ogiltigt värde {error.get('input')!r}{suffix}")
    return result

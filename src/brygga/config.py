"""Process settings: environment (``BRYGGA_*``) and an optional ``brygga.toml``; passed explicitly, never global.

Transfer settings a user chooses per company (master system, statuses, …) are not here: they live in the store
(``brygga settings``) so that the CLI, the web app and workers share them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

__all__ = ["Settings"]


def _default_data_dir() -> Path:
    """The user's data folder for brygga (platformdirs, imported only when ``BRYGGA_DATA_DIR`` is not set)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("brygga", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BRYGGA_", toml_file="brygga.toml", extra="ignore")

    db: str | None = Field(default=None, description="SQLAlchemy URL or SQLite file path")
    db_owner: str | None = Field(
        default=None,
        description="PostgreSQL: the URL of the role that owns the tables; migrations run as it (README, PostgreSQL)",
    )
    data_dir: Path = Field(default_factory=_default_data_dir)
    secret_key: SecretStr | None = Field(default=None, description="Fernet key for secrets at rest")
    tenant: str = "default"
    lang: Literal["sv", "en"] = "sv"
    eek_requests_per_minute: float = 540.0
    severa_requests_per_minute: float = 480.0
    concurrency: int = Field(default=8, ge=1, le=64)
    http_timeout: float = Field(default=30.0, gt=0)
    public_url: str | None = Field(
        default=None,
        description="The web app's address as browsers reach it (https://brygga.example.se); the eEkonomi OAuth "
        "callback registered with Visma is this plus /connections/eekonomi/callback",
    )
    # Alerts (README, "Larm"): the installation's mail server, and how long a webhook may take to answer.
    smtp_host: str | None = Field(default=None, description="The SMTP server alerts are sent through")
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = Field(default=None, description="Never logged or printed")
    smtp_starttls: bool = True
    smtp_from: str = "brygga@localhost"
    smtp_ca_file: Path | None = Field(default=None, description="A CA file to trust for STARTTLS (an internal relay)")
    smtp_timeout: float = Field(default=10.0, gt=0)
    alert_webhook_timeout: float = Field(default=5.0, gt=0)
    metrics_token: SecretStr | None = Field(
        default=None,
        description="Bearer token /metrics asks for; unset, /metrics answers loopback clients only (README, Mätvärden)",
    )
    metrics_company_labels_max: int = Field(
        default=20,
        ge=0,
        description="Metrics carry a company label while there are at most this many companies (0: never)",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    def database_url(self) -> str:
        """The store's URL: ``BRYGGA_DB`` (a URL, or a file path for SQLite), else a file in the data dir."""
        if self.db and "://" in self.db:
            return self.db
        if self.db:  # a file the user named: its folder must exist (a typo must not create folders)
            return f"sqlite:///{Path(self.db)}"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{self.data_dir / 'brygga.sqlite3'}"

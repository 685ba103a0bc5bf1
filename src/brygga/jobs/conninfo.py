"""From brygga's SQLAlchemy address (``postgresql+psycopg://…``) to the libpq one Procrastinate's connector takes."""

from __future__ import annotations

from sqlalchemy import make_url
from sqlalchemy.engine import URL

__all__ = ["libpq_conninfo"]


def libpq_conninfo(url: str | URL) -> str:
    """``postgresql://user:password@host:port/db?…``: the driver name dropped, everything else kept."""
    parsed = make_url(url) if isinstance(url, str) else url
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)

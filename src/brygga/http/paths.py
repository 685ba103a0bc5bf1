"""Fill a path template such as ``/customers/{customerId}`` with URL-quoted values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote

__all__ = ["render_path"]

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def render_path(template: str, path_params: Mapping[str, str] | None = None) -> str:
    """Return the concrete path; every value is quoted completely (``/`` too) so an id cannot add segments."""
    params = path_params or {}

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            raise KeyError(f"path parameter {name!r} missing for {template}")
        return quote(str(params[name]), safe="")

    return _PLACEHOLDER.sub(substitute, template)

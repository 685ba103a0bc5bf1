"""Decimal-exact JSON in and out: amounts never pass through float."""

from __future__ import annotations

from typing import Any

import simplejson
from starlette.background import BackgroundTask
from starlette.responses import Response

__all__ = ["DecimalJSONResponse", "dumps", "loads"]


def dumps(value: Any) -> str:
    return simplejson.dumps(value, use_decimal=True, ensure_ascii=False)


def loads(text: str | bytes) -> Any:
    return simplejson.loads(text, use_decimal=True)


class DecimalJSONResponse(Response):
    media_type = "application/json; charset=utf-8"

    def __init__(
        self,
        content: Any,
        status_code: int = 200,
        headers: dict[str, str] | None = None,
        background: BackgroundTask | None = None,
    ) -> None:
        super().__init__(content, status_code, headers, None, background)

    def render(self, content: Any) -> bytes:
        return dumps(content).encode("utf-8")

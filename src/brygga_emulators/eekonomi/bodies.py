"""Reading request bodies the way an ASP.NET [FromBody] binding fails on them (ErrorCode 2000)."""

from __future__ import annotations

from typing import Any

import simplejson
from starlette.requests import Request

from .jsonio import loads
from .problems import FieldProblem, bad_request

__all__ = ["read_json_object"]


async def read_json_object(request: Request, type_name: str) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        raise bad_request([FieldProblem(None, "InvalidBody", "A non-empty request body is required.")])
    try:
        body = loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise bad_request([FieldProblem(None, "InvalidBody", "The request body is not valid UTF-8.")]) from None
    except simplejson.JSONDecodeError as exc:
        raise bad_request([FieldProblem(None, "InvalidJson", _newtonsoft_message(exc))]) from None
    if not isinstance(body, dict):
        message = (
            f"Cannot deserialize the current JSON value into type '{type_name}' because the type "
            'requires a JSON object (e.g. {"name":"value"}) to deserialize correctly. Path \'\'.'
        )
        raise bad_request([FieldProblem(None, "InvalidJson", message)])
    return body


def _newtonsoft_message(exc: simplejson.JSONDecodeError) -> str:
    # Newtonsoft counts positions 1-based per line, like simplejson's colno.
    where = f"Path '', line {exc.lineno}, position {exc.colno}."
    if exc.pos >= len(exc.doc):
        return f"Unexpected end when reading JSON. {where}"
    return f"Unexpected character encountered while parsing value: {exc.doc[exc.pos]}. {where}"

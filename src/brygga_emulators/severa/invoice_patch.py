"""``PATCH /v1/invoices/{guid}``: the emulator's guess at the invoice's JSON Patch paths.

The spec says the body is a "JSON patch document of InvoiceInputModel" but never defines that model
(severa-fit §4.5, gaps G1 and G2), so which paths Severa accepts is unverified. The emulator accepts
exactly the paths in :data:`INVOICE_PATCH_PATHS`, mirroring ``InvoiceOutputModel``'s camelCase names:

- ``/status/guid``: the GUID of an active invoice status. The status's ``isSent``/``isPaid`` flags then
  show in the invoice's ``status``, as they are read from the status itself.
- ``/number``: an int32 of 1 or more (or null), unique among the organisation's invoices. Severa numbers
  invoices itself when they enter a status with ``hasInvoiceNumber``; whether an API client may write the
  number is the open question G2. The emulator allows it, as the original integration writes
  eEkonomi's number back.
- ``/paymentDate``: an ISO date or null. ``/notes``: text or null.

Only ``Replace`` is accepted, in either casing (as :mod:`patch`); any other path is 400
InvalidParameter. The operations apply all or nothing, and the answer is the spec's: an array holding
the updated ``InvoiceOutputModel``. When a staging tenant shows the real paths, change this table.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

from .endpoint import Context
from .problems import ApiProblem, Detail
from .store import Document

__all__ = ["INVOICE_PATCH_PATHS", "apply_invoice_patch"]

# (ctx, the invoice being patched, the operation's value, its index text "[0]") -> None; changes the invoice.
Setter = Callable[[Context, Document, Any, str], None]

_INT32_MAX = 2**31 - 1


def _bad_value(where: str, message: str, value: Any) -> ApiProblem:
    return ApiProblem.invalid_parameter(message, "RequestBody", f"{where}.value", None if value is None else str(value))


def _set_status(ctx: Context, invoice: Document, value: Any, where: str) -> None:
    status = ctx.store.get("invoicestatuses", value) if isinstance(value, str) else None
    if status is None:
        raise _bad_value(where, f"Invoice status '{value}' was not found.", value)
    if status.get("isActive") is False:
        raise _bad_value(where, f"Invoice status '{status['name']}' is not active.", value)
    invoice["status"] = {"guid": status["guid"]}


def _set_number(ctx: Context, invoice: Document, value: Any, where: str) -> None:
    number = _int_or_none(value)
    if number is not None and not 1 <= number <= _INT32_MAX:
        raise _bad_value(where, f"Invoice number must be between 1 and {_INT32_MAX}.", value)
    if number is None and value is not None:
        raise _bad_value(where, f"The value '{value}' is not a valid invoice number.", value)

    if number is not None and any(guid != invoice["guid"] for guid in ctx.store.lookup("invoices", "number", [number])):
        raise _bad_value(where, f"Invoice number {number} is already used by another invoice.", value)
    invoice["number"] = number


def _set_payment_date(ctx: Context, invoice: Document, value: Any, where: str) -> None:
    try:
        invoice["paymentDate"] = None if value is None else date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise _bad_value(where, f"The value '{value}' is not a valid date.", value) from None


def _set_notes(ctx: Context, invoice: Document, value: Any, where: str) -> None:
    if value is not None and not isinstance(value, str):
        raise _bad_value(where, "notes must be text.", value)
    invoice["notes"] = value


# Lower-cased paths: ASP.NET's JsonPatch matches property names case-insensitively.
INVOICE_PATCH_PATHS: dict[str, Setter] = {
    "/status/guid": _set_status,
    "/number": _set_number,
    "/paymentdate": _set_payment_date,
    "/notes": _set_notes,
}


def apply_invoice_patch(ctx: Context, invoice: Document, operations: Any) -> Document:
    """A patched copy of ``invoice``; the first bad operation refuses the whole document."""
    if not isinstance(operations, list):
        raise ApiProblem.invalid_request("The body must be a JSON array of PatchOperation.")
    result = copy.deepcopy(invoice)
    for index, operation in enumerate(operations):
        where = f"[{index}]"
        path = _replace_path(operation, where)
        setter = INVOICE_PATCH_PATHS.get(path.lower())
        if setter is None:
            message = f"Path '{path}' cannot be patched on an invoice."
            raise ApiProblem.invalid_parameter(message, "RequestBody", f"{where}.path", path)
        setter(ctx, result, operation.get("value"), where)
    return result


def _replace_path(operation: Any, where: str) -> str:
    if not isinstance(operation, dict):
        raise ApiProblem.invalid_request(f"{where} must be a PatchOperation object.")
    op = operation.get("op")
    if not isinstance(op, str) or op.lower() != "replace":
        message = f"Patch operation '{op}' is not supported; only Replace is."
        raise ApiProblem(400, "InvalidRequest", [Detail(message, "RequestBody", f"{where}.op")])
    path = operation.get("path")
    return path if isinstance(path, str) else str(path)


def _int_or_none(value: Any) -> int | None:
    """The spec types ``value`` as string: accept a JSON integer or its spelling."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None

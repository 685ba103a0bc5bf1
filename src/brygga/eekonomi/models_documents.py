"""Shared pieces of eEkonomi's document models (invoices, drafts, payments, supplier invoices).

Two things differ from the flat master data in :mod:`brygga.eekonomi.models`:

* Documents carry **rows**, which have read-only fields of their own (``Id``, ``Amount``, ``VatRate``…).
  :class:`DocumentModel` builds nested bodies with each row's own ``to_body`` so a document read with GET
  can be sent back in a PUT without the rows' read-only fields.
* Some required fields have a sensible default (``EuThirdParty`` false, ``RotReducedInvoicingType`` 0,
  a row's ``ReversedConstructionServicesVatFree`` false). ``to_body`` leaves out unset fields, so a default
  alone would never reach the API; ``ALWAYS_SENT`` names the ones that go out even when left at their default.

Document dates (``InvoiceDate``, ``DueDate``, ``PaymentDate``…) are calendar dates that eEk types as
``date-time``: see :data:`CalendarDate`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, PlainSerializer

from brygga.eekonomi.models import WireModel, to_wire

__all__ = ["CalendarDate", "DocumentModel", "calendar_date_text", "parse_calendar_date"]


def parse_calendar_date(value: Any) -> Any:
    """The calendar date of an eEk date field, taken *as written*.

    eEk sends ``"2026-11-15T00:00:00"`` (no offset) for an invoice dated 15 November. Converting such a
    value to UTC first could move it to the 14th for a company east of Greenwich, so the date part is
    read as it stands, whatever offset follows it. Anything else is left for pydantic to reject.
    """
    if isinstance(value, datetime):  # before date: a datetime is a date too
        return value.date()
    if isinstance(value, str) and len(value) > 10 and value[10] in "Tt ":
        return datetime.fromisoformat(value).date()
    return value


def calendar_date_text(value: date) -> str:
    """Midnight UTC of ``value``: the spec wants an RFC 3339 date-time with an offset for date fields.

    eEk reads dates in the company's time zone; for Swedish companies (UTC+1/+2) midnight UTC falls on
    the same calendar day, so the date arrives unchanged.
    """
    return f"{value.isoformat()}T00:00:00Z"


CalendarDate = Annotated[
    date,
    BeforeValidator(parse_calendar_date),
    PlainSerializer(calendar_date_text, return_type=str),
]
"""A document date: ``datetime.date`` in Python, ``"YYYY-MM-DDT00:00:00Z"`` on the wire."""


class DocumentModel(WireModel):
    """Base of eEk documents and their rows: nested rows are sent without their read-only fields, and
    the ``ALWAYS_SENT`` fields are sent even when the caller left them at their defaults."""

    ALWAYS_SENT: ClassVar[frozenset[str]] = frozenset()

    def to_body(self) -> dict[str, Any]:
        body = super().to_body()
        for name, info in type(self).model_fields.items():
            alias = info.alias or name
            if alias in self.READ_ONLY:
                continue
            value = getattr(self, name)
            if alias in body:
                body[alias] = _nested_body(value, body[alias])
            elif alias in self.ALWAYS_SENT:
                body[alias] = to_wire(value)
        return body


def _nested_body(value: Any, dumped: Any) -> Any:
    """Rows (and other nested wire models) as their own ``to_body``; anything else as dumped."""
    if isinstance(value, WireModel):
        return value.to_body()
    if isinstance(value, list) and any(isinstance(item, WireModel) for item in value):
        return [item.to_body() if isinstance(item, WireModel) else to_wire(item) for item in value]
    return dumped

"""Hand-written stand-ins for the few client calls the invoice transfers' deciding and writing steps make.

The transfers are built with a context that holds only what the step under test touches; anything else
raises, so a test also proves that no other call happens (an eEkonomi call where only PM may change, say).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, cast

from brygga.severa.invoice_models import InvoiceStatus
from brygga.transfer.context import TransferContext
from brygga.transfer.invoices.statuses import InvoiceStatuses
from brygga.transfer.options import TransferOptions
from tests.mapping.builders import guid

__all__ = ["FakeStatusList", "NoCalls", "RecordingInvoices", "context", "status", "statuses"]


class NoCalls:
    """A client that must not be used."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        raise AssertionError(f"unexpected call to {self._name}.{attribute}")


@dataclass
class RecordingInvoices:
    """``pm.invoices`` that records status changes: (invoice guid, status guid, number)."""

    calls: list[tuple[str, str, int | None]] = field(default_factory=list)

    async def set_status(self, invoice_guid: str, status_guid: str, *, number: int | None = None) -> None:
        self.calls.append((invoice_guid, status_guid, number))


@dataclass
class FakeStatusList:
    """``pm.invoice_statuses``: the statuses a Visma PM organisation has."""

    items: list[InvoiceStatus]

    async def iter(self) -> AsyncIterator[InvoiceStatus]:
        for item in self.items:
            yield item


def status(name: str) -> InvoiceStatus:
    return InvoiceStatus(guid=guid(f"status-{name}"), name=name)


def statuses() -> InvoiceStatuses:
    return InvoiceStatuses(
        to_transfer=status("Skicka till eEkonomi"),
        transferred=status("Överförd eEkonomi"),
        sent=status("Skickad"),
        paid=status("Betald"),
    )


def context(
    pm: Any = None, eek: Any = None, options: TransferOptions | None = None, protocol: Any = None
) -> TransferContext:
    """A context with only the given parts; the store's protocol is not needed by the steps tested here."""
    return cast(
        TransferContext,
        SimpleNamespace(
            pm=pm if pm is not None else NoCalls("pm"),
            eek=eek if eek is not None else NoCalls("eek"),
            options=options or TransferOptions(),
            store=SimpleNamespace(protocol=protocol if protocol is not None else NoCalls("protocol")),
        ),
    )

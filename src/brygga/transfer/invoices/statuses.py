"""Rule S6: the four PM invoice statuses the integration works with, chosen by name."""

from __future__ import annotations

from dataclasses import dataclass

from brygga.errors import ConfigError
from brygga.severa.client import SeveraClient
from brygga.severa.invoice_models import InvoiceStatus
from brygga.transfer.options import TransferOptions

__all__ = ["InvoiceStatuses", "resolve_statuses"]


@dataclass(frozen=True)
class InvoiceStatuses:
    to_transfer: InvoiceStatus
    transferred: InvoiceStatus
    sent: InvoiceStatus
    paid: InvoiceStatus

    def rank(self, status_guid: str | None) -> int:
        """How far along an invoice is (IS2: statuses only move forward)."""
        order = [self.to_transfer.guid, self.transferred.guid, self.sent.guid, self.paid.guid]
        return order.index(status_guid) if status_guid in order else -1

    def name_of(self, status_guid: str | None) -> str | None:
        """The status's name in PM, for the object history."""
        known = (self.to_transfer, self.transferred, self.sent, self.paid)
        return next((status.name for status in known if status.guid and status.guid == status_guid), None)


async def resolve_statuses(pm: SeveraClient, options: TransferOptions) -> InvoiceStatuses:
    statuses = {status.name.strip().casefold(): status async for status in pm.invoice_statuses.iter()}
    wanted = {
        "to_transfer": options.invoice_status_to_transfer,
        "transferred": options.invoice_status_transferred,
        "sent": options.invoice_status_sent,
        "paid": options.invoice_status_paid,
    }
    missing = [f'"{name}" ({key})' for key, name in wanted.items() if name.strip().casefold() not in statuses]
    if missing:
        raise ConfigError(
            "Fakturastatusar saknas i Visma PM: " + ", ".join(missing) + ".",
            hint="Lägg till dem i Visma PM under Inställningar > Fakturastatus (utan rutan Fakturanummer), eller "
            "välj befintliga med brygga settings set invoice_status_… NAMN.",
            message_en="Invoice statuses are missing in Visma PM: " + ", ".join(missing) + ".",
            hint_en="Add them in Visma PM under Settings > Invoice statuses (without the Invoice number box), or "
            "choose existing ones with brygga settings set invoice_status_… NAME.",
        )
    found = {key: statuses[name.strip().casefold()] for key, name in wanted.items()}
    return InvoiceStatuses(**found)

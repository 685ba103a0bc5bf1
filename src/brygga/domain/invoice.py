"""The canonical PM invoice and supplier cost (rules I1-I8, SI1-SI4). Amounts are Decimal."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from brygga.domain.customer import Address
from brygga.domain.plain import memo, plain

__all__ = ["Invoice", "InvoiceRow", "SupplierCost"]


@dataclass(frozen=True)
class InvoiceRow:
    """One row; ``is_text`` rows carry only ``text`` (notes, free text before and after the rows)."""

    text: str
    is_text: bool = False
    code: str | None = None  # product / work type / travel type code = eEkonomi article number
    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None
    vat_rate: Decimal | None = None  # fraction
    cost_center_number: str | None = None  # the row's own cost center (I4), else the invoice's project


@dataclass(frozen=True)
class Invoice:
    pm_id: str
    customer_pm_id: str
    customer_label: str
    project_pm_id: str | None
    project_label: str
    invoice_date: date | None
    payment_days: int | None
    currency_code: str | None
    address: Address | None
    your_reference: str | None = None
    our_reference: str | None = None
    is_credit: bool = False
    rows: tuple[InvoiceRow, ...] = ()
    total_excluding_vat: Decimal | None = None
    total_vat: Decimal | None = None
    total_including_vat: Decimal | None = None
    status_guid: str | None = None
    invoice_number: int | None = None
    customer_number: str | None = None
    project_number: str | None = None

    @property
    def number(self) -> str | None:
        """How the user finds the invoice: PM's number once it has one, else customer/project (PM numbers
        invoices only when eEkonomi has booked them)."""
        if self.invoice_number is not None:
            return str(self.invoice_number)
        return f"{self.customer_number or '?'}/{self.project_number or '-'}"

    @property
    def name(self) -> str:
        return self.customer_label

    @property
    def is_active(self) -> bool:
        return True

    @property
    def label(self) -> str:
        return f"{self.number} {self.customer_label}"

    def fingerprint(self) -> str:
        """What the draft was made from: the PM invoice's content, without its status or number."""
        return memo(self, self._fingerprint)

    def _fingerprint(self) -> str:
        data = plain(self)
        for volatile in ("status_guid", "invoice_number"):
            data.pop(volatile)
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


@dataclass(frozen=True)
class SupplierCost:
    """One supplier-invoice row on a project (SI1), as it becomes a PM project fee."""

    source_key: str  # "<supplier invoice id>:<row number>": never transferred twice (SI4)
    project_pm_id: str
    description: str  # invoice date + voucher number + supplier name (SI3)
    event_date: date
    amount: Decimal
    currency_code: str
    billable: bool = False
    vat_percent: Decimal | None = None

    @property
    def number(self) -> str | None:
        return self.source_key

    @property
    def name(self) -> str:
        return self.description

    @property
    def is_active(self) -> bool:
        return True

    @property
    def label(self) -> str:
        return self.description

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(plain(self), sort_keys=True, default=str).encode()).hexdigest()

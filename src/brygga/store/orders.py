"""The order inbox: received orders and what became of them (rules O1-O11).

An order number is the order system's key. A re-sent order is compared by its content hash:
- same content: nothing changes ("unchanged"), so an order system may safely send an order again;
- new content before the transfer: it replaces the stored order ("replaced") and is tried afresh;
- new content after the transfer: refused ("conflict"), because the invoice draft in eEkonomi already
  exists and brygga never creates a second one for an order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Literal, get_args

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from brygga.errors import StateError
from brygga.orders.fingerprint import content_hash
from brygga.orders.models import Order, OrderAddress, OrderCustomer, OrderRow
from brygga.store.database import Database
from brygga.store.tables import OrderHeaderRow, OrderLineRow
from brygga.wording import Worded

__all__ = ["DraftSummary", "OrderFailure", "OrderState", "OrderStore", "ReceiveStatus", "Received", "StoredOrder"]

ReceiveStatus = Literal["stored", "unchanged", "replaced", "conflict"]
OrderState = Literal["received", "failed", "transferred"]


@dataclass(frozen=True)
class Received:
    """What ``receive`` did with one order; ``message`` (Swedish) explains a conflict."""

    order_number: str
    status: ReceiveStatus
    message: str | None = None


@dataclass(frozen=True)
class OrderFailure(Worded):
    """Why an order's last transfer failed: ``message`` is the original's (API) text, ``title`` the headline in
    the user's words (empty when the message already is brygga's Swedish sentence), the hint, the rule."""

    message: str | None
    title: str | None = None
    title_en: str | None = None
    hint: str | None = None
    hint_en: str | None = None
    rule_id: str | None = None


@dataclass(frozen=True)
class DraftSummary:
    """The invoice draft an order became, as a person finds it in eEkonomi: customer and total, not only an id."""

    draft_id: str
    customer_name: str | None = None
    total: Decimal | None = None
    currency: str | None = None


@dataclass(frozen=True)
class StoredOrder:
    order: Order
    state: OrderState
    content_hash: str
    draft_id: str | None
    last_error: str | None
    received_at: datetime
    updated_at: datetime
    transferred_at: datetime | None
    failure: OrderFailure | None = None  # when state is "failed"
    draft: DraftSummary | None = None  # when state is "transferred"

    @property
    def order_number(self) -> str:
        return self.order.order_number


def conflict_message(order_number: str, draft_id: str | None) -> str:
    return (
        f"Order {order_number} är redan överförd till Visma eEkonomi som fakturautkast {draft_id or '(okänt id)'} "
        "och kan inte ändras här. Ändra utkastet i Visma eEkonomi, eller skicka ändringen som en ny order "
        "med ett nytt ordernummer."
    )


class OrderStore:
    def __init__(self, db: Database, tenant: str) -> None:
        self.db = db
        self.tenant = tenant

    def receive(self, order: Order) -> Received:
        """Store a received order (see the module docstring for what a re-sent order does)."""
        try:
            return self._receive_once(order)
        except IntegrityError:
            # Two senders raced to store the same new order; the other one won, so now it is a re-send.
            return self._receive_once(order)

    def _receive_once(self, order: Order) -> Received:
        digest = content_hash(order)
        number = order.order_number
        with self.db.transaction() as session:
            row = session.get(OrderHeaderRow, (self.tenant, number))
            if row is not None and row.content_hash == digest:
                return Received(number, "unchanged")
            if row is not None and row.state == "transferred":
                return Received(number, "conflict", conflict_message(number, row.draft_id))
            now = datetime.now(UTC)
            if row is None:
                session.add(OrderHeaderRow(tenant_id=self.tenant, received_at=now, **_header(order, digest, now)))
                status: ReceiveStatus = "stored"
            else:
                for name, value in _header(order, digest, now).items():
                    setattr(row, name, value)
                session.execute(
                    delete(OrderLineRow).where(
                        OrderLineRow.tenant_id == self.tenant, OrderLineRow.order_number == number
                    )
                )
                status = "replaced"
            session.flush()  # the header first: the rows' foreign key points at it
            session.add_all(_lines(self.tenant, order))
            return Received(number, status)

    def get(self, order_number: str) -> StoredOrder | None:
        with self.db.read() as session:
            row = session.get(OrderHeaderRow, (self.tenant, order_number))
            return None if row is None else self._load(session, [row])[0]

    def all(self) -> list[StoredOrder]:
        """Every order of the tenant, by order number."""
        return self._select()

    def pending_released(self) -> list[StoredOrder]:
        """Released orders not yet transferred, failed ones included: they are tried again (O1)."""
        return self._select(OrderHeaderRow.released.is_(True), OrderHeaderRow.state != "transferred")

    def mark_transferred(self, order_number: str, draft: DraftSummary | str) -> None:
        """Record the invoice draft an order became; marking it again with the same draft changes nothing."""
        summary = draft if isinstance(draft, DraftSummary) else DraftSummary(draft)
        draft_id = summary.draft_id
        with self.db.transaction() as session:
            row = self._existing(session, order_number)
            if row.state == "transferred" and row.draft_id != draft_id:
                raise StateError(f"order {order_number} är redan överförd som utkast {row.draft_id}, inte {draft_id}")
            if row.state != "transferred":
                now = datetime.now(UTC)
                row.state, row.draft_id = "transferred", draft_id
                row.draft_customer, row.draft_total, row.draft_currency = (
                    summary.customer_name,
                    summary.total,
                    summary.currency,
                )
                _set_failure(row, None)
                row.transferred_at = row.updated_at = now

    def mark_failed(self, order_number: str, failure: OrderFailure | str) -> None:
        """Record why the transfer of an order failed; it stays pending and is tried again."""
        with self.db.transaction() as session:
            row = self._existing(session, order_number)
            if row.state == "transferred":
                raise StateError(f"order {order_number} är redan överförd och kan inte markeras som misslyckad")
            row.state, row.updated_at = "failed", datetime.now(UTC)
            _set_failure(row, failure if isinstance(failure, OrderFailure) else OrderFailure(failure))

    def _existing(self, session: Session, order_number: str) -> OrderHeaderRow:
        row = session.get(OrderHeaderRow, (self.tenant, order_number))
        if row is None:
            raise StateError(f"order {order_number} finns inte i orderinkorgen")
        return row

    def _select(self, *conditions: Any) -> list[StoredOrder]:
        with self.db.read() as session:
            rows = session.scalars(
                select(OrderHeaderRow)
                .where(OrderHeaderRow.tenant_id == self.tenant, *conditions)
                .order_by(OrderHeaderRow.order_number)
            ).all()
            return self._load(session, rows)

    def _load(self, session: Session, headers: Iterable[OrderHeaderRow]) -> list[StoredOrder]:
        headers = list(headers)
        numbers = [header.order_number for header in headers]
        lines: dict[str, list[OrderLineRow]] = defaultdict(list)
        # Chunks keep the IN list under SQLite's bound-parameter limit however many orders are pending.
        for start in range(0, len(numbers), 500):
            query = select(OrderLineRow).where(
                OrderLineRow.tenant_id == self.tenant,
                OrderLineRow.order_number.in_(numbers[start : start + 500]),
            )
            for line in session.scalars(query.order_by(OrderLineRow.order_number, OrderLineRow.position)):
                lines[line.order_number].append(line)
        return [_stored(header, lines[header.order_number]) for header in headers]


def _header(order: Order, digest: str, now: datetime) -> dict[str, Any]:
    """The header columns of a newly received (or replacing) order; the transfer state starts afresh."""
    customer = order.customer
    address = customer.address or OrderAddress()
    return {
        "order_number": order.order_number,
        "schema_version": order.schema_version,
        "released": order.released,
        "customer_number": customer.number,
        "customer_name": customer.name,
        "organisation_number": customer.organisation_number,
        "invoice_email": customer.invoice_email,
        "country_code": customer.country_code,
        "address_line1": address.line1,
        "address_line2": address.line2,
        "postal_code": address.postal_code,
        "city": address.city,
        "currency": customer.currency,
        "payment_terms_days": order.payment_terms_days,
        "export": order.export,
        "eu": order.eu,
        "content_hash": digest,
        "state": "received",
        "draft_id": None,
        "draft_customer": None,
        "draft_total": None,
        "draft_currency": None,
        **_failure_columns(None),
        "updated_at": now,
        "transferred_at": None,
    }


def _lines(tenant: str, order: Order) -> list[OrderLineRow]:
    return [
        OrderLineRow(tenant_id=tenant, order_number=order.order_number, position=position, **row.model_dump())
        for position, row in enumerate(order.rows)
    ]


def _state(value: str) -> OrderState:
    for state in get_args(OrderState):
        if value == state:
            return state  # type: ignore[no-any-return]  # get_args loses the Literal's type
    raise StateError(f"okänt tillstånd {value!r} för en order i databasen")


def _stored(header: OrderHeaderRow, lines: list[OrderLineRow]) -> StoredOrder:
    address = OrderAddress(
        line1=header.address_line1, line2=header.address_line2, postal_code=header.postal_code, city=header.city
    )
    customer = OrderCustomer(
        number=header.customer_number,
        name=header.customer_name,
        organisation_number=header.organisation_number,
        invoice_email=header.invoice_email,
        country_code=header.country_code,
        address=address,
        currency=header.currency,
    )
    rows = [
        OrderRow(
            text=line.text,
            quantity=line.quantity,
            unit=line.unit,
            unit_price=line.unit_price,
            vat_rate=line.vat_rate,
            coding=line.coding,
        )
        for line in lines
    ]
    order = Order(
        schema_version=header.schema_version,
        order_number=header.order_number,
        released=header.released,
        customer=customer,
        payment_terms_days=header.payment_terms_days,
        export=header.export,
        eu=header.eu,
        rows=rows,
    )
    return StoredOrder(
        order,
        _state(header.state),
        header.content_hash,
        header.draft_id,
        header.last_error,
        header.received_at,
        header.updated_at,
        header.transferred_at,
        _failure_of(header),
        _draft_of(header),
    )


def _failure_columns(failure: OrderFailure | None) -> dict[str, str | None]:
    if failure is None:
        failure = OrderFailure(None)
    return {
        "last_error": failure.message,
        "last_error_title": failure.title or None,
        "last_error_title_en": failure.title_en or None,
        "last_error_hint": failure.hint or None,
        "last_error_hint_en": failure.hint_en or None,
        "last_error_rule": failure.rule_id,
    }


def _set_failure(row: OrderHeaderRow, failure: OrderFailure | None) -> None:
    for name, value in _failure_columns(failure).items():
        setattr(row, name, value)


def _failure_of(header: OrderHeaderRow) -> OrderFailure | None:
    if header.state != "failed":
        return None
    return OrderFailure(
        header.last_error,
        header.last_error_title,
        header.last_error_title_en,
        header.last_error_hint,
        header.last_error_hint_en,
        header.last_error_rule,
    )


def _draft_of(header: OrderHeaderRow) -> DraftSummary | None:
    if header.state != "transferred" or not header.draft_id:
        return None
    return DraftSummary(header.draft_id, header.draft_customer, header.draft_total, header.draft_currency)

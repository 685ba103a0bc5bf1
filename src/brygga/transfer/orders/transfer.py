"""The order transfer ("Order från GKS"): released orders in brygga's inbox become eEkonomi invoice drafts.
Rules O1-O10, with the write protocol: one draft per order whatever happens (marker "GKS <order number>").

Shared things several orders need (the G articles of O5, new customers of O2) are made first, one at a time,
so two orders never race to create the same article or customer; then the drafts are created concurrently.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from brygga.calendar_se import swedish_date
from brygga.domain import Customer
from brygga.eekonomi.models import Customer as EekCustomer
from brygga.eekonomi.models_articles import Article as EekArticle
from brygga.eekonomi.models_articles import ArticleAccountCoding, Unit
from brygga.eekonomi.models_invoices import CustomerInvoiceDraft
from brygga.errors import BryggaError, RuleViolation, StateError
from brygga.hints import hint_for
from brygga.mapping.customer_rules import check_limits
from brygga.mapping.eekonomi_customers import EekReference, to_eekonomi_customer
from brygga.mapping.orders import order_marker, to_order_customer_fields, to_order_draft, vat_key
from brygga.orders.models import Order
from brygga.store import LeaseLostError
from brygga.store.orders import DraftSummary, OrderFailure, OrderStore, StoredOrder
from brygga.transfer.context import TransferContext
from brygga.transfer.customers.eek_side import EekCustomerSide
from brygga.transfer.outcome import Action
from brygga.transfer.report import CategoryReport
from brygga.transfer.sync.base import PairTransfer
from brygga.transfer.sync.planner import Change, Direction, Plan
from brygga.transfer.write_protocol import create_once

__all__ = ["OrdersTransfer"]

CATEGORY = "orders"


@dataclass(frozen=True)
class OrderItem:
    stored: StoredOrder

    @property
    def order(self) -> Order:
        return self.stored.order

    @property
    def number(self) -> str | None:
        return self.order.order_number

    @property
    def name(self) -> str:
        return self.order.customer.name or self.order.customer.number

    @property
    def is_active(self) -> bool:
        return True

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}"

    def fingerprint(self) -> str:
        return self.stored.content_hash


def _goods_coding_name(percent: Decimal) -> str:
    return "Varor momsfri" if percent == 0 else f"Varor {percent.normalize():f}% moms"


class OrdersTransfer(PairTransfer[OrderItem]):
    category = CATEGORY
    progress_label = "Order"

    def __init__(self, ctx: TransferContext) -> None:
        super().__init__(ctx)
        self.orders = OrderStore(ctx.store.db, ctx.store.tenant)
        self.eek_ref: EekReference | None = None
        self.units: list[Unit] = []
        self.codings: list[ArticleAccountCoding] = []
        self.articles: dict[Decimal, EekArticle] = {}
        self.customers: dict[str, EekCustomer] = {}
        self.customer_errors: dict[str, BryggaError] = {}

    def _subject(self, direction: Direction, source_id: str) -> str:
        return "order"

    # planning ----------------------------------------------------------------------------------
    async def plan(self) -> Plan[OrderItem]:
        self.load_retries()
        pending = self.orders.pending_released()
        plan: Plan[OrderItem] = Plan()
        if not pending:
            return plan
        eek = self.ctx.eek
        self.eek_ref = await EekCustomerSide(eek, self.ctx.eek_company).reference()
        self.units = [u async for u in eek.units.iter()]
        self.codings = [c async for c in eek.article_codings.iter()]
        table = self.ctx.options.order_articles()
        for rate, number in table.items():
            found = await eek.articles.find_by_number(number)
            if found is not None:
                self.articles[rate] = found
        numbers = sorted({stored.order.customer.number for stored in pending})
        for number in numbers:
            found_customer = await eek.customers.find_by_number(number)
            if found_customer is not None:
                self.customers[number] = found_customer
        links = {link.pm_id: link for link in self.protocol.links(CATEGORY)}
        for stored in pending:
            item = OrderItem(stored)
            link = links.get(stored.order_number)
            if link is not None:  # the draft exists; the inbox did not hear of it before an interruption
                plan.changes.append(
                    Change(Direction.PM_TO_EEK, Action.UPDATE, stored.order_number, item, target_id=link.eek_id)
                )
                continue
            violation = self._check(stored.order, table)
            action = Action.REJECT if violation else Action.CREATE
            plan.changes.append(Change(Direction.PM_TO_EEK, action, stored.order_number, item, violation=violation))
        return plan

    def _check(self, order: Order, table: dict[Decimal, str]) -> RuleViolation | None:
        return self._check_vat(order, table) or self._check_terms(order) or self._check_customer(order)

    def _check_vat(self, order: Order, table: dict[Decimal, str]) -> RuleViolation | None:
        """Rule O5: each row's VAT rate must be in the table (and its goods coding must exist)."""
        for row in order.rows:
            rate = vat_key(row.vat_rate)
            coding = self._goods_coding(rate)
            if rate not in table or (rate not in self.articles and coding is None):
                valid = ", ".join(f"{r:f} %" for r in sorted(table))
                hint = hint_for("O5", valid=valid)
                return RuleViolation(
                    "O5",
                    f'Order {order.order_number}: raden "{row.text}" har momssatsen {rate:f} %, som saknar artikel.',
                    hint=hint,
                )
        return None

    def _check_terms(self, order: Order) -> RuleViolation | None:
        """Rule O6: payment terms must be one of eEkonomi's."""
        assert self.eek_ref is not None
        days = order.payment_terms_days
        if days is None or self.eek_ref.terms_for_days(days) is not None:
            return None
        valid = ", ".join(str(d) for d in self.eek_ref.valid_days()) + " dagar netto"
        hint = hint_for("O6", valid=valid)
        return RuleViolation(
            "O6",
            f"Order {order.order_number}: betalningsvillkoret {days} dagar finns inte i Visma eEkonomi.",
            hint=hint,
        )

    def _check_customer(self, order: Order) -> RuleViolation | None:
        """Rule O2 creates an unknown customer; its data must fit eEkonomi (required city/postal code, lengths)."""
        if order.customer.number in self.customers:
            return None
        fields = to_order_customer_fields(order, None)
        if not fields["InvoicePostalCode"] or not fields["InvoiceCity"]:
            hint = hint_for("O2:address")
            return RuleViolation(
                "O2",
                f"Order {order.order_number}: kunden {order.customer.number} finns inte i Visma eEkonomi och "
                "ordern saknar postnummer eller ort för att skapa den.",
                hint=hint,
            )
        canonical = Customer(number=order.customer.number, name=str(fields["Name"]))
        return check_limits(canonical, fields)

    def _goods_coding(self, rate: Decimal) -> ArticleAccountCoding | None:
        wanted = _goods_coding_name(rate).casefold()
        fraction = rate / 100
        candidates = [c for c in self.codings if c.vat_rate == fraction and c.is_active is not False]
        return next((c for c in candidates if (c.name or "").casefold() == wanted), None) or next(
            (c for c in candidates if c.is_service is False), None
        )

    # executing ---------------------------------------------------------------------------------
    async def execute(self, plan: Plan[OrderItem], report: CategoryReport) -> None:
        creates = [c for c in plan.actionable() if c.action is Action.CREATE]
        await self._ensure_articles(creates)
        await self._ensure_customers(creates)
        await super().execute(plan, report)
        self._record_failures(report)

    def _record_failures(self, report: CategoryReport) -> None:
        """The inbox shows each failed order's failure as the report words it (headline, hint, original text),
        rejections by rule (O2, O5, O6) as well as errors from eEkonomi."""
        for outcome in report.failed:
            if outcome.is_run_level:
                continue
            failure = OrderFailure(
                outcome.message, outcome.title, outcome.title_en, outcome.hint, outcome.hint_en, outcome.rule_id
            )
            try:
                self.orders.mark_failed(outcome.key, failure)
            except StateError:  # transferred after all (or gone): its state in the inbox stays as it is
                continue

    async def _ensure_articles(self, creates: list[Change[OrderItem]]) -> None:
        """Rule O5: the G article of each VAT rate the orders use, created when missing (goods coding, pieces)."""
        table = self.ctx.options.order_articles()
        needed = sorted({vat_key(r.vat_rate) for c in creates for r in c.item.order.rows} - self.articles.keys())
        pieces = next((u for u in self.units if (u.code or "").casefold() == "st"), None)
        for rate in needed:
            coding = self._goods_coding(rate)
            if coding is not None and pieces is not None:
                self.articles[rate] = await self._create_article(table[rate], rate, coding, pieces)

    async def _create_article(self, number: str, rate: Decimal, coding: ArticleAccountCoding, unit: Unit) -> EekArticle:
        body = EekArticle(
            number=number,
            name=_goods_coding_name(rate),
            is_active=True,
            coding_id=coding.id or "",
            unit_id=unit.id or "",
        )

        async def lookup() -> EekArticle | None:
            return await self.ctx.eek.articles.find_by_number(number)

        async def send() -> EekArticle:
            return await self.ctx.eek.articles.create(body)

        result = await create_once(
            self.protocol,
            category="order-articles",
            target="eekonomi",
            source_id=number,
            natural_key=number,
            payload_hash=number,
            lookup=lookup,
            send=send,
            link_for=lambda article: self.link_row(f"vat:{number}", article.id or "", number, number),
        )
        return result.remote

    async def _ensure_customers(self, creates: list[Change[OrderItem]]) -> None:
        """Rule O2: an unknown customer number creates the customer, once, before any draft needs it."""
        if not creates:
            return  # an empty inbox planned nothing and read nothing from eEkonomi
        assert self.eek_ref is not None
        for change in creates:
            order = change.item.order
            number = order.customer.number
            if number in self.customers or number in self.customer_errors:
                continue
            try:
                self.customers[number] = await self._create_customer(order)
            except LeaseLostError:
                raise
            except BryggaError as exc:
                self.customer_errors[number] = exc

    async def _create_customer(self, order: Order) -> EekCustomer:
        assert self.eek_ref is not None
        number = order.customer.number
        terms = self.eek_ref.terms_for_days(order.payment_terms_days)
        body = to_eekonomi_customer(to_order_customer_fields(order, terms.id if terms else None))

        async def lookup() -> EekCustomer | None:
            return await self.ctx.eek.customers.find_by_number(number)

        async def send() -> EekCustomer:
            return await self.ctx.eek.customers.create(body)

        result = await create_once(
            self.protocol,
            category="order-customers",
            target="eekonomi",
            source_id=number,
            natural_key=number,
            payload_hash=hashlib.sha256(number.encode()).hexdigest(),
            lookup=lookup,
            send=send,
            link_for=lambda customer: self.link_row(f"customer:{number}", customer.id or "", number, number),
        )
        return result.remote

    async def _apply_to_eek(self, change: Change[OrderItem]) -> None:
        order = change.item.order
        if change.action is Action.UPDATE:  # the draft exists: find it by its marker to say what it is
            found = await self.ctx.eek.invoice_drafts.find_by_contract_number(order_marker(order))
            draft = _summary(order, change.target_id or "", found[0] if found else None)
        else:
            created = await self._create_draft(change)
            draft = _summary(order, created.id or "", created)
        self.orders.mark_transferred(order.order_number, draft)

    async def _create_draft(self, change: Change[OrderItem]) -> CustomerInvoiceDraft:
        assert self.eek_ref is not None
        order = change.item.order
        number = order.customer.number
        if number in self.customer_errors:
            raise self.customer_errors[number]
        customer = self.customers[number]
        terms = self.eek_ref.terms_for_days(order.payment_terms_days) if order.payment_terms_days is not None else None
        draft = to_order_draft(
            order,
            customer_id=customer.id or "",
            terms_id=terms.id if terms else None,
            articles=self.articles,
            units=self.units,
            invoice_date=swedish_date(self.ctx.clock()),
        )
        marker = order_marker(order)

        async def lookup() -> CustomerInvoiceDraft | None:
            found = await self.ctx.eek.invoice_drafts.find_by_contract_number(marker)
            return found[0] if found else None

        result = await create_once(
            self.protocol,
            category=CATEGORY,
            target="eekonomi",
            source_id=order.order_number,
            natural_key=marker,
            payload_hash=change.fingerprint,
            lookup=lookup,
            send=lambda: self.ctx.eek.invoice_drafts.create(draft),
            link_for=lambda d: self.link_row(order.order_number, d.id or "", change.fingerprint, change.fingerprint),
        )
        return result.remote

    async def _apply_to_pm(self, change: Change[OrderItem]) -> None:
        raise AssertionError("orders flow from the inbox to Visma eEkonomi only")


def _summary(order: Order, draft_id: str, draft: CustomerInvoiceDraft | None) -> DraftSummary:
    """The draft as the inbox shows it: eEkonomi's customer name and total when known, else the order's."""
    if draft is None:
        return DraftSummary(draft_id, order.customer.name or order.customer.number, None, order.customer.currency)
    name = draft.customer_name or draft.invoice_customer_name or order.customer.name or order.customer.number
    return DraftSummary(draft_id, name, draft.total_amount, draft.invoice_currency_code or order.customer.currency)

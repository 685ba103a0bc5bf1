"""The supplier register: create and replace ``SupplierApi`` documents with eEk's rules.

* ``Name`` (≤50) and ``TermsOfPaymentId`` (terms available for purchase) are required.
* ``SupplierNumber`` (≤16) is taken from the company's ``NextSupplierNumber`` when left out; a number
  another supplier has is ErrorCode 4000 Conflict, as for customers.
* ``CountryCode`` and ``CurrencyCode`` default to the company's, ``BankCountryCode`` to the supplier's.
* ``UnpaidInvoicesAmount`` and ``LastInvoiceDate`` are joined from the supplier invoices on every read.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .clock import Clock, format_utc
from .problems import RESOURCE_NOT_FOUND, ApiProblem, bad_request, conflict, not_found
from .purchase_fields import FOREIGN_PAYMENT_CODE_FIELDS, SUPPLIER_FIELDS
from .store import EekStore
from .validation import Kind, blank_document, validate_fields

__all__ = ["SUPPLIER_DATETIME_FIELDS", "SUPPLIER_FIELD_NAMES", "SupplierBook"]

SUPPLIER_FIELD_NAMES = tuple(rule.name for rule in SUPPLIER_FIELDS)
SUPPLIER_DATETIME_FIELDS = frozenset(rule.name for rule in SUPPLIER_FIELDS if rule.kind is Kind.DATETIME)

# Modelled on the customer number message (unverified wording); clients should key on ErrorCode 4000.
DUPLICATE_NUMBER_MESSAGE = (
    "SupplierNumberAlreadyExistsException - A supplier with the provided supplier number already exists."
)
_EMPTY_GUID = "00000000-0000-0000-0000-000000000000"
_JOINED = ("UnpaidInvoicesAmount", "LastInvoiceDate")


class SupplierBook:
    def __init__(self, store: EekStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def get(self, supplier_id: str) -> dict[str, Any]:
        doc = self._stored(supplier_id)
        return self.with_invoice_facts(doc)

    def all(self) -> list[dict[str, Any]]:
        return [self.with_invoice_facts(doc) for doc in self._store.suppliers.all()]

    def create(self, body: dict[str, Any], supplier_id: str | None = None) -> dict[str, Any]:
        """``supplier_id`` is for seeding demo data with stable ids; the API always makes a new one."""
        values = self._validated(body)
        with self._store.atomic():
            if values.get("SupplierNumber"):
                self._ensure_number_free(values["SupplierNumber"], None)
            else:
                values["SupplierNumber"] = self._take_next_number()
            doc = self._compose(supplier_id or str(uuid.uuid4()), values, previous=None)
            self._store.suppliers.put(doc["Id"], doc)
        return self.with_invoice_facts(doc)

    def replace(self, supplier_id: str, body: dict[str, Any]) -> dict[str, Any]:
        previous = self._stored(supplier_id)
        values = self._validated(body)
        with self._store.atomic():
            if values.get("SupplierNumber"):
                self._ensure_number_free(values["SupplierNumber"], previous["Id"])
            else:
                values["SupplierNumber"] = previous["SupplierNumber"]
            doc = self._compose(previous["Id"], values, previous=previous)
            self._store.suppliers.put(doc["Id"], doc)
        return self.with_invoice_facts(doc)

    def with_invoice_facts(self, doc: Mapping[str, Any]) -> dict[str, Any]:
        """The stored supplier with its unpaid amount and last invoice date, in the spec's order."""
        invoices = self._store.supplier_invoices.find("SupplierId", doc["Id"])
        unpaid = sum((invoice["RemainingAmount"] for invoice in invoices), Decimal(0))
        dates = [invoice["InvoiceDate"] for invoice in invoices if invoice["InvoiceDate"]]
        joined = {**doc, "UnpaidInvoicesAmount": unpaid, "LastInvoiceDate": max(dates) if dates else None}
        return {name: joined[name] for name in SUPPLIER_FIELD_NAMES}

    def _stored(self, supplier_id: str) -> dict[str, Any]:
        try:
            doc = self._store.suppliers.get(str(uuid.UUID(supplier_id)))
        except ValueError:
            doc = None  # a malformed id fails the route's {id:guid} constraint: 404
        if doc is None:
            raise not_found("Supplier")
        return doc

    def _validated(self, body: dict[str, Any]) -> dict[str, Any]:
        values, problems = validate_fields(body, SUPPLIER_FIELDS)
        if problems:
            raise bad_request(problems)
        terms = self._store.terms_of_payment.get(values["TermsOfPaymentId"])
        if terms is None or not terms["AvailableForPurchase"]:
            message = f"ResourceNotFoundException - TermsOfPayment with id {values['TermsOfPaymentId']} was not found."
            raise ApiProblem(400, RESOURCE_NOT_FOUND, message)
        return values

    def _compose(self, supplier_id: str, values: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any]:
        company = self._store.settings.get("company") or {}
        now = format_utc(self._clock())
        doc = blank_document(SUPPLIER_FIELDS)
        doc.update(MessageThreads=[], Notes=[], Approvers=[], IsActive=True)
        doc.update(values)
        doc["CountryCode"] = doc["CountryCode"] or company.get("CountryCode")
        doc["CurrencyCode"] = doc["CurrencyCode"] or company.get("CurrencyCode")
        doc["BankCountryCode"] = doc["BankCountryCode"] or doc["CountryCode"]
        foreign_code = blank_document(FOREIGN_PAYMENT_CODE_FIELDS)
        doc["ForeignPaymentCode"] = {**foreign_code, "Id": _EMPTY_GUID}
        doc.update(Id=supplier_id, CreatedUtc=previous["CreatedUtc"] if previous else now, ModifiedUtc=now)
        for name in _JOINED:
            doc.pop(name)
        return doc

    def _ensure_number_free(self, number: str, own_id: str | None) -> None:
        for doc in self._store.suppliers.find("SupplierNumber", number):
            if doc["Id"] != own_id:
                raise conflict(DUPLICATE_NUMBER_MESSAGE)

    def _take_next_number(self) -> str:
        company = self._store.settings.get("company") or {}
        candidate = int(company.get("NextSupplierNumber") or 1)
        while self._store.suppliers.find("SupplierNumber", str(candidate)):
            candidate += 1
        company["NextSupplierNumber"] = candidate + 1
        self._store.settings.put("company", company)
        return str(candidate)

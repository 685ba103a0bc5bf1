"""The customer register: create, replace and delete ``CustomerApi`` documents with eEk's rules.

Stored documents are complete ``CustomerApi`` objects (every property present, null where unknown),
so GET answers are exactly what was stored.
"""

from __future__ import annotations

import uuid
from typing import Any

from .clock import Clock, format_utc
from .ids import stable_id
from .problems import RESOURCE_NOT_FOUND, ApiProblem, bad_request, conflict, not_found
from .store import EekStore
from .validation import CUSTOMER_FIELDS, Kind, blank_document, validate_fields

__all__ = ["CUSTOMER_DATETIME_FIELDS", "CUSTOMER_FIELD_NAMES", "CustomerBook"]

CUSTOMER_FIELD_NAMES = tuple(rule.name for rule in CUSTOMER_FIELDS)
CUSTOMER_DATETIME_FIELDS = frozenset(rule.name for rule in CUSTOMER_FIELDS if rule.kind is Kind.DATETIME)

# The spec documents these as "Default value is existing database value (PUT)": the one exception
# to PUT being a full replace.
_KEPT_ON_REPLACE = ("Iban", "IsDirectDebitEnabled", "DirectDebitCustomerSettings")

# Real status and wording are unverified (eaccounting-api.md §8: 4000 Conflict, "most likely with
# HTTP 400"); this is the emulator's best guess, and clients should key on ErrorCode 4000.
DUPLICATE_NUMBER_MESSAGE = (
    "CustomerNumberAlreadyExistsException - A customer with the provided customer number already exists."
)


class CustomerBook:
    def __init__(self, store: EekStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def get(self, customer_id: str) -> dict[str, Any]:
        doc = self._store.customers.get(_normalise_id(customer_id))
        if doc is None:
            raise not_found("Customer")
        return doc

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        values = self._validated(body)
        with self._store.atomic():
            number = values.get("CustomerNumber")
            if number:
                self._ensure_number_free(number, None)
            else:
                values["CustomerNumber"] = self._take_next_number()
            doc = self._compose(str(uuid.uuid4()), values, previous=None)
            self._store.customers.put(doc["Id"], doc)
        return doc

    def replace(self, customer_id: str, body: dict[str, Any]) -> dict[str, Any]:
        previous = self.get(customer_id)
        values = self._validated(body)
        with self._store.atomic():
            number = values.get("CustomerNumber")
            if number:
                self._ensure_number_free(number, previous["Id"])
            else:
                # A customer always has a number; leaving it out of a PUT keeps the one it has.
                values["CustomerNumber"] = previous["CustomerNumber"]
            doc = self._compose(previous["Id"], values, previous=previous)
            self._store.customers.put(doc["Id"], doc)
        return doc

    def delete(self, customer_id: str) -> None:
        if not self._store.customers.delete(_normalise_id(customer_id)):
            raise not_found("Customer")

    def _validated(self, body: dict[str, Any]) -> dict[str, Any]:
        values, problems = validate_fields(body, CUSTOMER_FIELDS)
        if problems:
            raise bad_request(problems)
        terms = self._store.terms_of_payment.get(values["TermsOfPaymentId"])
        if terms is None or not terms["AvailableForSales"]:
            message = f"ResourceNotFoundException - TermsOfPayment with id {values['TermsOfPaymentId']} was not found."
            raise ApiProblem(400, RESOURCE_NOT_FOUND, message)
        values["TermsOfPayment"] = terms
        return values

    def _compose(self, customer_id: str, values: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any]:
        doc = blank_document(CUSTOMER_FIELDS)
        doc.update(MessageThreads=[], Notes=[], CustomerLabels=[])
        if previous is None:
            doc["Iban"] = ""  # spec: "empty string (POST)"
            doc["IsDirectDebitEnabled"] = False
        else:
            doc.update({name: previous[name] for name in _KEPT_ON_REPLACE})
            doc.update(
                LastInvoiceDate=previous["LastInvoiceDate"], UnpaidInvoicesAmount=previous["UnpaidInvoicesAmount"]
            )
        doc.update(values)
        doc["Id"] = customer_id
        for label in doc["CustomerLabels"] or []:
            # Labels are matched by name here; the real API links them to /v2/customerlabels ids.
            label["Id"] = label["Id"] or stable_id("customerlabel", label["Name"])
        doc["CurrencyCode"] = doc["CurrencyCode"] or self._company().get("CurrencyCode")
        doc["ChangedUtc"] = format_utc(self._clock())
        return doc

    def _ensure_number_free(self, number: str, own_id: str | None) -> None:
        for doc in self._store.customers.find("CustomerNumber", number):
            if doc["Id"] != own_id:
                raise conflict(DUPLICATE_NUMBER_MESSAGE)

    def _take_next_number(self) -> str:
        company = self._company()
        candidate = int(company["NextCustomerNumber"])
        while self._store.customers.find("CustomerNumber", str(candidate)):
            candidate += 1
        company["NextCustomerNumber"] = candidate + 1
        self._store.settings.put("company", company)
        return str(candidate)

    def _company(self) -> dict[str, Any]:
        return self._store.settings.get("company") or {}


def _normalise_id(customer_id: str) -> str:
    try:
        return str(uuid.UUID(customer_id))
    except ValueError:
        # A malformed id fails the route's {customerId:guid} constraint: the API answers 404.
        raise not_found("Customer") from None

"""The article register: create and replace ``ArticleApi`` documents with eEk's rules (no DELETE in the API).

An article points at an account coding (which decides goods/services and the VAT rate) and a unit;
``CodingName``, ``IsServiceArticle``, ``UnitName`` and ``UnitAbbreviation`` are read from them. Stored
documents are complete ``ArticleApi`` objects, so GET answers are exactly what was stored.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .article_prices import round_ore, settle_prices
from .clock import Clock, format_utc
from .ids import stable_id
from .problems import RESOURCE_NOT_FOUND, ApiProblem, bad_request, conflict, not_found
from .store import EekStore
from .validation import ARTICLE_FIELDS, Kind, blank_document, validate_fields

__all__ = ["ARTICLE_DATETIME_FIELDS", "ARTICLE_FIELD_NAMES", "ARTICLE_FILTER_ONLY", "ArticleBook", "coding_type"]

ARTICLE_FIELD_NAMES = tuple(rule.name for rule in ARTICLE_FIELDS)
ARTICLE_DATETIME_FIELDS = frozenset(rule.name for rule in ARTICLE_FIELDS if rule.kind is Kind.DATETIME)

# Unverified wording (eaccounting-api.md §8 documents 4000 Conflict, not its text or HTTP status); modelled
# on the customer number message. Clients should key on ErrorCode 4000.
DUPLICATE_NUMBER_MESSAGE = "ArticleNumberAlreadyExistsException - An article with the provided number already exists."

# When a manual change of these fields happened is stamped in the paired read-only field.
_STAMPED = (
    ("StockBalance", "StockBalanceManuallyChangedUtc"),
    ("PurchasePrice", "PurchasePriceManuallyChangedUtc"),
    ("FreightCosts", "FreightCostsManuallyChangedUtc"),
)


def coding_type(article: dict[str, Any]) -> int:
    """The filter-only ``CodingType`` of an article: 1 goods, 2 services (eaccounting-api.md §7)."""
    return 2 if article.get("IsServiceArticle") else 1


# The filter-only properties ``GET /v2/articles`` accepts besides ArticleApi's own.
ARTICLE_FILTER_ONLY = {"CodingType": coding_type}


@dataclass(frozen=True)
class _ArticleInput:
    values: dict[str, Any]
    coding: dict[str, Any]
    unit: dict[str, Any]


class ArticleBook:
    def __init__(self, store: EekStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def get(self, article_id: str) -> dict[str, Any]:
        doc = self._store.articles.get(_normalise_id(article_id))
        if doc is None:
            raise not_found("Article")
        return doc

    def create(self, body: dict[str, Any], article_id: str | None = None) -> dict[str, Any]:
        """``article_id`` is for seeding demo data with stable ids; the API always makes a new one."""
        given = self._validated(body)
        with self._store.atomic():
            self._ensure_number_free(given.values["Number"], None)
            doc = self._compose(article_id or str(uuid.uuid4()), given, previous=None)
            self._store.articles.put(doc["Id"], doc)
        return doc

    def replace(self, article_id: str, body: dict[str, Any]) -> dict[str, Any]:
        previous = self.get(article_id)
        given = self._validated(body)
        with self._store.atomic():
            self._ensure_number_free(given.values["Number"], previous["Id"])
            doc = self._compose(previous["Id"], given, previous=previous)
            self._store.articles.put(doc["Id"], doc)
        return doc

    def _validated(self, body: dict[str, Any]) -> _ArticleInput:
        values, problems = validate_fields(body, ARTICLE_FIELDS)
        if problems:
            raise bad_request(problems)
        coding = self._store.article_codings.get(values["CodingId"])
        if coding is None:
            raise _unknown_reference("ArticleAccountCoding", values["CodingId"])
        unit = self._store.units.get(values["UnitId"])
        if unit is None:
            raise _unknown_reference("Unit", values["UnitId"])
        net, gross = settle_prices(values.get("NetPrice"), values.get("GrossPrice"), Decimal(coding["VatRatePercent"]))
        values.update(NetPrice=net, GrossPrice=gross)
        return _ArticleInput(values, coding, unit)

    def _compose(self, article_id: str, given: _ArticleInput, previous: dict[str, Any] | None) -> dict[str, Any]:
        now = format_utc(self._clock())
        doc = blank_document(ARTICLE_FIELDS)
        # PUT is a full replace: what the body leaves out goes back to the API's defaults.
        doc.update(ArticleLabels=[], Barcodes=[], MessageThreads=[], Notes=[], SendToWebshop=True)
        doc.update(given.values)
        doc.update(_derived(doc, given))
        doc.update(_stamps(doc, previous, now))
        doc["Id"] = article_id
        doc["CreatedUtc"] = previous["CreatedUtc"] if previous else now
        doc["ChangedUtc"] = now
        if previous is not None:
            doc.update(MessageThreads=previous["MessageThreads"], Notes=previous["Notes"])
        for label in doc["ArticleLabels"] or []:
            # Labels are matched by name here; the real API links them to /v2/articlelabels ids.
            label["Id"] = label["Id"] or stable_id("articlelabel", label["Name"])
        return doc

    def _ensure_number_free(self, number: str, own_id: str | None) -> None:
        for doc in self._store.articles.find("Number", number):
            if doc["Id"] != own_id:
                raise conflict(DUPLICATE_NUMBER_MESSAGE)


def _derived(doc: dict[str, Any], given: _ArticleInput) -> dict[str, Any]:
    """Read-only and server-computed fields. The company has no stock module, no price lists and no
    discount agreements, and its purchase currency is SEK, so the "with discount/currency" variants
    equal the plain prices."""
    is_service = given.coding["Type"] == "Service"
    purchase, freight = round_ore(doc["PurchasePrice"]), round_ore(doc["FreightCosts"])
    return {
        "CodingName": given.coding["Name"],
        "IsServiceArticle": is_service,
        "ShowStockInformation": not is_service,
        "UnitName": given.unit["Name"],
        "UnitAbbreviation": given.unit["Abbreviation"],
        "NetPriceWithDiscount": doc["NetPrice"],
        "DiscountPercentage": Decimal(0),
        "PurchasePrice": purchase,
        "PurchasePriceWithCurrency": purchase,
        "FreightCosts": freight,
        "FreightCostWithCurrency": freight,
        "StockBalanceReserved": Decimal(0),
        "StockBalanceAvailable": doc["StockBalance"],
        "StockValue": Decimal(0),
    }


def _stamps(doc: dict[str, Any], previous: dict[str, Any] | None, now: str) -> dict[str, Any]:
    stamps: dict[str, Any] = {}
    for field, stamp in _STAMPED:
        before = previous[field] if previous else Decimal(0)
        changed = Decimal(doc[field]) != Decimal(before)
        stamps[stamp] = now if changed else (previous[stamp] if previous else None)
    return stamps


def _unknown_reference(resource: str, resource_id: str) -> ApiProblem:
    # A reference to something that does not exist is ErrorCode 3000 inside a 400, not a 404.
    return ApiProblem(
        400, RESOURCE_NOT_FOUND, f"ResourceNotFoundException - {resource} with id {resource_id} was not found."
    )


def _normalise_id(article_id: str) -> str:
    try:
        return str(uuid.UUID(article_id))
    except ValueError:
        # A malformed id fails the route's {articleId:guid} constraint: the API answers 404.
        raise not_found("Article") from None

"""Draft rows as eEkonomi completes them: text rows, and article rows whose unit, VAT and amount come
from the article and its account coding (eaccounting-api.md §9.3).

* A text row needs at least one character of ``Text``; it has no article, price or amount.
* An article row needs ``ArticleId``; an unknown article is 400 ErrorCode 3000, an inactive one the
  original integration's "(409) Conflict": HTTP 409 with ErrorCode 4000 naming the article.
* ``UnitPrice`` takes 2 decimals for a domestic customer and 4 for a foreign one; ``Quantity`` 2;
  ``DiscountPercentage`` 0..1 with 4 (checked by the field table).
* ``Text`` defaults to the article's name, ``UnitName``/``UnitAbbreviation`` to its unit's.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .cost_center_refs import check_cost_center_items
from .invoice_fields import DRAFT_ROW_FIELDS
from .invoice_totals import row_amount
from .problems import CONFLICT, RESOURCE_NOT_FOUND, ApiProblem, FieldProblem, bad_request
from .store import EekStore
from .validation import blank_document

__all__ = ["RowContext", "complete_row"]

_DOMESTIC_PRICE_DECIMALS = 2
_FOREIGN_PRICE_DECIMALS = 4


@dataclass(frozen=True)
class RowContext:
    """What the header decides for every row."""

    foreign: bool  # customer abroad or invoicing in another currency: 4 price decimals instead of 2
    replace_zero_price: bool  # ReplaceUnitPriceWhenZero


def complete_row(store: EekStore, given: Mapping[str, Any], index: int, context: RowContext) -> dict[str, Any]:
    """The stored ``CustomerInvoiceDraftRowApi`` for one validated request row (``index`` from 0)."""
    path = f"Rows[{index}]."
    row = blank_document(DRAFT_ROW_FIELDS)
    row.update({name: given[name] for name in given if name in row})
    row["Id"] = str(uuid.uuid4())
    # "Automatic calculation based on the order of the row in the JSON" unless the client numbers them.
    row["LineNumber"] = given.get("LineNumber") if given.get("LineNumber") is not None else index
    row["ContributionMargin"] = {"Amount": None, "Percentage": None}
    if row["IsTextRow"]:
        return _text_row(row, path)
    return _article_row(store, row, path, context)


def _text_row(row: dict[str, Any], path: str) -> dict[str, Any]:
    if not (row["Text"] or "").strip():
        raise bad_request([FieldProblem(path + "Text", "Required", "A text row must have at least one character.")])
    row.update(
        ArticleId=None,
        ArticleNumber=None,
        UnitId=None,
        Quantity=Decimal(0),
        UnitPrice=Decimal(0),
        DiscountPercentage=Decimal(0),
        VatRate=None,
        VatRateId=None,
        Amount=Decimal(0),
        CostCenterItemId1=None,
        CostCenterItemId2=None,
        CostCenterItemId3=None,
    )
    return row


def _article_row(store: EekStore, row: dict[str, Any], path: str, context: RowContext) -> dict[str, Any]:
    if row["ArticleId"] is None:
        raise bad_request([FieldProblem(path + "ArticleId", "Required", "The ArticleId field is required.")])
    article = _active_article(store, row["ArticleId"])
    _check_price_decimals(row["UnitPrice"], path, context.foreign)
    check_cost_center_items(store, row, path)
    coding = store.article_codings.get(article["CodingId"]) or {}
    unit = store.units.get(article["UnitId"]) or {}
    if context.replace_zero_price and row["UnitPrice"] == 0:
        row["UnitPrice"] = article["NetPrice"]
    row.update(
        ArticleNumber=article["Number"],
        IsServiceArticle=article["IsServiceArticle"],
        UnitId=article["UnitId"],
        Text=row["Text"] if (row["Text"] or "").strip() else article["Name"],
        UnitName=row["UnitName"] or unit.get("Name"),
        UnitAbbreviation=row["UnitAbbreviation"] or unit.get("Abbreviation"),
        UnitAbbreviationEnglish=row["UnitAbbreviationEnglish"] or unit.get("AbbreviationEnglish"),
        VatRate=Decimal(coding["VatRatePercent"]),
        VatRateId=coding["VatRate"],
        PurchasePrice=article["PurchasePrice"],
        FreightCosts=article["FreightCosts"],
        Amount=row_amount(row["Quantity"], row["UnitPrice"], row["DiscountPercentage"]),
    )
    return row


def _active_article(store: EekStore, article_id: str) -> dict[str, Any]:
    article = store.articles.get(article_id)
    if article is None:
        message = f"ResourceNotFoundException - Article with id {article_id} was not found."
        raise ApiProblem(400, RESOURCE_NOT_FOUND, message)
    if not article["IsActive"]:
        # The original integration saw "The remote server returned an error: (409) Conflict." here.
        message = (
            f"ArticleIsInactiveException - The article {article['Number']} ({article['Name']}, id {article['Id']}) "
            "is inactive and cannot be used on an invoice row."
        )
        raise ApiProblem(409, CONFLICT, message)
    return article


def _check_price_decimals(price: Decimal, path: str, foreign: bool) -> None:
    allowed = _FOREIGN_PRICE_DECIMALS if foreign else _DOMESTIC_PRICE_DECIMALS
    exponent = price.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > allowed and price != round(price, allowed):
        pattern = r"[-]?\d+(\.\d{1," + str(allowed) + "})?"
        message = f"The field UnitPrice must match the regular expression '{pattern}'."
        raise bad_request([FieldProblem(path + "UnitPrice", "RegularExpression", message)])

"""eEkonomi wire models for the sales catalogue: articles and the reference data they point at.

An article needs a coding (``/articleaccountcodings``: the "försäljningskategori" that decides VAT and
revenue accounts) and a unit (``/units``); both are read-only through the API and can only be made in
the eEkonomi UI, so brygga maps onto the ones a company already has. VAT codes (``/vatcodes``) are
modelled for completeness; Swedish sales VAT comes from the article's coding, not from a VAT code.

The read-only, maxLength and required tables are copied from the official spec;
``tests/eekonomi/test_models_articles.py`` checks them against it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from pydantic import Field

from brygga.eekonomi.models import UtcDatetime, WireModel

__all__ = [
    "ARTICLE_ACCOUNT_CODING_READ_ONLY",
    "ARTICLE_LIMITS",
    "ARTICLE_READ_ONLY",
    "ARTICLE_REQUIRED",
    "SERVICE_CODING_TYPES",
    "Article",
    "ArticleAccountCoding",
    "Unit",
    "VatCode",
    "vat_fraction",
]

ARTICLE_READ_ONLY = frozenset(
    {
        "Id",
        "CodingName",
        "UnitName",
        "UnitAbbreviation",
        "StockBalanceManuallyChangedUtc",
        "StockBalanceReserved",
        "StockBalanceAvailable",
        "CreatedUtc",
        "ChangedUtc",
        "PurchasePriceManuallyChangedUtc",
        "MessageThreads",
        "Notes",
        "ShowStockInformation",
        "IsServiceArticle",
        "FreightCostsManuallyChangedUtc",
        "StockValue",
    }
)
"""ArticleApi properties marked ``readOnly`` in the spec: never sent in a POST or PUT body."""

ARTICLE_REQUIRED = frozenset({"CodingId", "IsActive", "Name", "Number", "UnitId"})

ARTICLE_LIMITS: dict[str, int] = {
    "Number": 40,
    "Name": 50,
    "NameEnglish": 50,
    "Note": 4000,
    "CurrencyCode": 3,
    "SupplierArticleNumber": 16,
}
"""maxLength per ArticleApi string property: what brygga pre-validates an article with."""

ARTICLE_ACCOUNT_CODING_READ_ONLY = frozenset({"Id", "ChangedUtc"})

SERVICE_CODING_TYPES = frozenset({"service", "services"})
_GOODS_CODING_TYPES = frozenset({"goods"})


def vat_fraction(value: Decimal | None) -> Decimal | None:
    """A VAT rate as a fraction (``Decimal("0.25")``), whether it was given as 0.25 or as 25.

    The spec only says "VAT rate percent", and the live API is believed to send fractions: unverified.
    Both readings cannot collide: no VAT rate is 100 % or more, so a fraction is always below 1, and no
    sales VAT rate lies strictly between 0 % and 1 %, so a value of 1 or more must be a percentage.
    """
    if value is None:
        return None
    fraction = value / 100 if value >= 1 else value
    # 25/100 and 0.250 should compare *and* print alike, so the cached rate never looks changed.
    return fraction.normalize() if fraction else Decimal(0)


class Article(WireModel):
    """ArticleApi. Required on write: Number, Name, CodingId, UnitId, IsActive (``ARTICLE_REQUIRED``).

    The API rejects a NetPrice and GrossPrice that disagree with the coding's VAT rate (25 %: 100 net is
    125 gross), so a new article should carry only one of them, or both consistent. There is no
    DELETE: an article that should go away is set inactive.
    """

    id: str | None = None
    number: str
    name: str
    name_english: str | None = None
    is_active: bool
    coding_id: str
    coding_name: str | None = None
    unit_id: str
    unit_name: str | None = None
    unit_abbreviation: str | None = None
    net_price: Decimal | None = None
    gross_price: Decimal | None = None
    purchase_price: Decimal | None = None
    is_service_article: bool | None = None
    is_stock: bool | None = None
    send_to_webshop: bool | None = None
    uses_moss: bool | None = None
    house_work_type: int | None = None
    currency_code: str | None = None
    supplier_article_number: str | None = None
    note: str | None = None
    created_utc: UtcDatetime | None = None
    changed_utc: UtcDatetime | None = None

    READ_ONLY: ClassVar[frozenset[str]] = ARTICLE_READ_ONLY


class ArticleAccountCoding(WireModel):
    """ArticleAccountCodingApi: a sales category such as "Tjänster 25% moms". Read-only in the API."""

    id: str | None = None
    name: str | None = None
    name_english: str | None = None
    type: str | None = None
    # The wire's VatRate is the VAT code *text* ("25" or "MP1"); ``vat_rate`` below is the number.
    vat_rate_code: str | None = Field(default=None, alias="VatRate")
    vat_rate_percent: Decimal | None = None
    is_active: bool | None = None
    domestic_sales_subject_to_vat_account_number: int | None = None
    domestic_sales_vat_exempt_account_number: int | None = None
    domestic_sales_subject_to_reversed_construction_vat_account_number: int | None = None
    domestic_sales_vat_code_exempt_account_number: int | None = None
    foreign_sales_subject_to_moss_account_number: int | None = None
    foreign_sales_subject_to_third_party_sales_account_number: int | None = None
    foreign_sales_subject_to_vat_within_eu_account_number: int | None = None
    foreign_sales_vat_exempt_outside_eu_account_number: int | None = None
    foreign_sales_vat_exempt_within_eu_account_number: int | None = None
    changed_utc: UtcDatetime | None = None

    READ_ONLY: ClassVar[frozenset[str]] = ARTICLE_ACCOUNT_CODING_READ_ONLY

    @property
    def vat_rate(self) -> Decimal | None:
        """``VatRatePercent`` as a fraction (0.25 for 25 %), read as either form: see :func:`vat_fraction`."""
        return vat_fraction(self.vat_rate_percent)

    @property
    def is_service(self) -> bool | None:
        """True for a services coding, False for goods, None for any other ``Type``.

        None rather than False: an unknown type must not pass silently as goods, because goods and
        services go to different revenue accounts.
        """
        kind = (self.type or "").strip().casefold()
        if kind in SERVICE_CODING_TYPES:
            return True
        if kind in _GOODS_CODING_TYPES:
            return False
        return None


class Unit(WireModel):
    """UnitApi: read-only in the API; a unit eEkonomi lacks must be made in its UI."""

    id: str | None = None
    name: str | None = None
    code: str | None = None
    abbreviation: str | None = None
    abbreviation_english: str | None = None

    READ_ONLY: ClassVar[frozenset[str]] = frozenset({"Id"})


class VatCode(WireModel):
    """VatCodeApi (needs an ``ea:accounting`` scope). ``vat_rate`` is as sent; see ``vat_fraction``."""

    id: str | None = None
    code: str | None = None
    description: str | None = None
    vat_rate: Decimal | None = None
    oss_code_type: int | None = None
    related_accounts: dict[str, int | None] | None = None

    READ_ONLY: ClassVar[frozenset[str]] = frozenset({"Id"})

    @property
    def vat_fraction(self) -> Decimal | None:
        """``VatRate`` as a fraction, read as either form (the spec says "as a percentage")."""
        return vat_fraction(self.vat_rate)

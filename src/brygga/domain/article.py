"""The canonical article: what a PM product, work type or travel expense type and an eEkonomi article share."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from brygga.domain.plain import memo, plain

__all__ = ["Article", "ArticleKind"]


class ArticleKind(StrEnum):
    PRODUCT = "product"
    WORK_TYPE = "work_type"
    TRAVEL = "travel"

    @property
    def english(self) -> str:
        """The noun of the original integration's messages ("Could not add work type …")."""
        return {"product": "product", "work_type": "work type", "travel": "travel expense"}[self.value]

    @property
    def swedish(self) -> str:
        return {"product": "produkten", "work_type": "arbetstypen", "travel": "resekostnaden"}[self.value]


@dataclass(frozen=True)
class Article:
    """``number`` is the PM code and the eEkonomi article number (rule A2); ``vat_rate`` a fraction or None."""

    number: str | None
    name: str
    is_active: bool = True
    kind: ArticleKind = ArticleKind.PRODUCT
    unit: str | None = None
    vat_rate: Decimal | None = None
    net_price: Decimal | None = None
    mileage: bool = False

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}".strip() if self.number else self.name

    def fingerprint(self) -> str:
        return memo(self, self._fingerprint)

    def _fingerprint(self) -> str:
        blob = json.dumps(plain(self), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()

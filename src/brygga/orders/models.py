"""The order inbox's models, one to one with ``schema/order-v1.schema.json`` (tests prove that they agree).

Every amount and quantity is a ``Decimal``. A JSON number must already be a ``Decimal`` or an ``int`` when it
arrives here (parse with ``simplejson.loads(..., use_decimal=True)``): a binary float is refused, because
``0.1`` as a float is not the 0.1 the order system sent.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, StrictStr, field_validator

__all__ = [
    "DECIMAL_PATTERN",
    "NON_NEGATIVE_DECIMAL_PATTERN",
    "SCHEMA_VERSION",
    "Order",
    "OrderAddress",
    "OrderCustomer",
    "OrderRow",
]

SCHEMA_VERSION = 1
# Python's ``re`` (not pydantic's default Rust engine), so patterns mean exactly what the jsonschema library,
# which also uses ``re``, makes of the same patterns in the JSON Schema.
DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
NON_NEGATIVE_DECIMAL_PATTERN = r"^[0-9]+(\.[0-9]+)?$"
DECIMAL_STRING_MAX = 40


def _decimal_parser(pattern: str) -> BeforeValidator:
    compiled = re.compile(pattern)

    def parse(value: object) -> Decimal:
        if isinstance(value, bool | float):
            # bool is an int in Python but not a number in JSON; a float has already lost the sent digits.
            raise ValueError("måste vara ett tal eller en decimalsträng, inte " + type(value).__name__)
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise ValueError("måste vara ett ändligt tal")
            return value
        if isinstance(value, str) and len(value) <= DECIMAL_STRING_MAX and compiled.search(value):
            return Decimal(value)
        raise ValueError("måste vara ett tal eller en decimalsträng som 1234.50")

    return BeforeValidator(parse)


Amount = Annotated[Decimal, _decimal_parser(DECIMAL_PATTERN)]
NonNegativeAmount = Annotated[Decimal, _decimal_parser(NON_NEGATIVE_DECIMAL_PATTERN), Field(ge=0)]
Key = Annotated[StrictStr, Field(min_length=1, max_length=50, pattern=r"\S")]
Text = Annotated[StrictStr, Field(max_length=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, regex_engine="python-re")


class OrderAddress(_Strict):
    line1: Text | None = None
    line2: Text | None = None
    postal_code: Annotated[StrictStr, Field(max_length=20)] | None = None
    city: Text | None = None


class OrderCustomer(_Strict):
    number: Key
    name: Text | None = None
    organisation_number: Annotated[StrictStr, Field(max_length=30)] | None = None
    invoice_email: Annotated[StrictStr, Field(max_length=254)] | None = None
    country_code: Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$")] | None = None
    address: OrderAddress | None = None
    currency: Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")] = "SEK"

    @field_validator("address")
    @classmethod
    def _empty_address_is_none(cls, address: OrderAddress | None) -> OrderAddress | None:
        # An address object without any field says as much as no address: one meaning, one content hash.
        return None if address is not None and not address.model_dump(exclude_none=True) else address


class OrderRow(_Strict):
    text: Annotated[StrictStr, Field(max_length=1000)]
    quantity: Amount
    unit: Annotated[StrictStr, Field(max_length=50)] | None = None
    unit_price: Amount
    vat_rate: NonNegativeAmount
    coding: Annotated[StrictStr, Field(max_length=200)] | None = None  # kept, ignored by the transfer (O3)


class Order(_Strict):
    # StrictInt with bounds, not Literal[1]: pydantic's Literal would take True, 1.0 or Decimal(1) as 1.
    schema_version: Annotated[StrictInt, Field(ge=SCHEMA_VERSION, le=SCHEMA_VERSION)]
    order_number: Key
    released: StrictBool = False
    customer: OrderCustomer
    payment_terms_days: Annotated[StrictInt, Field(ge=0)] | None = None
    export: StrictBool = False  # kept, ignored by the transfer (O10)
    eu: StrictBool = False
    rows: Annotated[list[OrderRow], Field(min_length=1, max_length=1000)]

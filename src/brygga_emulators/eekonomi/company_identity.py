"""Who each emulated company is: company 1 is the demo's "Demo Konsult AB (sandbox)", 556123-4567; company
``n`` (2, 3, …) is "Demo Företag n AB (sandbox)" with the organisation number 5567nn-nnnC, where C is the
Luhn check digit Swedish organisation numbers carry, so every company looks real and none collides.
"""

from __future__ import annotations

from dataclasses import dataclass

from .ids import stable_id

__all__ = ["CompanyIdentity", "company_identity", "luhn_check_digit"]

_DEMO_NAME = "Demo Konsult AB (sandbox)"
_DEMO_ORG_NUMBER = "556123-4567"
_MAX_COMPANIES = 99_999


@dataclass(frozen=True)
class CompanyIdentity:
    number: int  # 1-based; the picker's value and the ``company`` parameter
    name: str
    org_number: str  # NNNNNN-NNNN
    bankgiro: str

    @property
    def identifier(self) -> str:
        """``CompanyIdentifier`` in the company settings: Visma's own id of the company."""
        return stable_id("company", self.org_number)

    @property
    def vat_number(self) -> str:
        return f"SE{self.org_number.replace('-', '')}01"


def luhn_check_digit(digits: str) -> int:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value // 10 + value % 10
    return (10 - total % 10) % 10


def company_identity(number: int) -> CompanyIdentity:
    if not 1 <= number <= _MAX_COMPANIES:
        raise ValueError(f"company number {number} is outside 1..{_MAX_COMPANIES}")
    if number == 1:
        return CompanyIdentity(1, _DEMO_NAME, _DEMO_ORG_NUMBER, "123-4567")
    body = f"5567{number:05d}"
    digits = body + str(luhn_check_digit(body))
    return CompanyIdentity(
        number,
        f"Demo Företag {number} AB (sandbox)",
        f"{digits[:6]}-{digits[6:]}",
        f"{number // 10_000 + 100}-{number % 10_000:04d}",
    )

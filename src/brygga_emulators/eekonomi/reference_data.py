"""What every company has before anyone adds an article: account codings, units, VAT codes, cost centers.

Every data set gets these (``demo``, ``empty`` and ``bulk:N``), because a real company always has
them and none of them can be created through the API. Ids are uuid5 values, stable across runs.

Two facts here are unverified against the live API and are the emulator's best reading: a coding's
``VatRate`` holds the Swedish VAT code ("MP1"), and rates (``VatRatePercent``, ``VatCode.VatRate``) are
fractions (0.25) although the spec calls them percent; brygga's client accepts 0.25 and 25 alike.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .ids import stable_id
from .store import EekStore

__all__ = ["coding_id", "cost_center_id", "seed_reference", "unit_id", "vat_code_id"]

# VAT code, Swedish description, rate, output VAT account
_VAT_CODES = (
    ("MP1", "Försäljning, utgående moms 25 %", Decimal("0.25"), 2611),
    ("MP2", "Försäljning, utgående moms 12 %", Decimal("0.12"), 2621),
    ("MP3", "Försäljning, utgående moms 6 %", Decimal("0.06"), 2631),
    ("MF", "Momsfri försäljning", Decimal("0"), None),
)

# Swedish suffix, English suffix, VAT code, rate, goods account, services account (BAS chart)
_RATES = (
    ("25% moms", "25% VAT", "MP1", Decimal("0.25"), 3001, 3041),
    ("12% moms", "12% VAT", "MP2", Decimal("0.12"), 3002, 3042),
    ("6% moms", "6% VAT", "MP3", Decimal("0.06"), 3003, 3043),
    ("momsfri", "VAT exempt", "MF", Decimal("0"), 3004, 3044),
)

# Sales scenarios other than domestic sales with VAT, per coding type (BAS chart).
_SCENARIO_ACCOUNTS: dict[str, dict[str, int | None]] = {
    "Goods": {
        "DomesticSalesSubjectToReversedConstructionVatAccountNumber": None,
        "DomesticSalesVatExemptAccountNumber": 3004,
        "ForeignSalesSubjectToMossAccountNumber": 3106,
        "ForeignSalesSubjectToThirdPartySalesAccountNumber": 3108,
        "ForeignSalesVatExemptOutsideEuAccountNumber": 3105,
        "ForeignSalesVatExemptWithinEuAccountNumber": 3108,
        "DomesticSalesVatCodeExemptAccountNumber": 3004,
    },
    "Service": {
        "DomesticSalesSubjectToReversedConstructionVatAccountNumber": 3231,
        "DomesticSalesVatExemptAccountNumber": 3044,
        "ForeignSalesSubjectToMossAccountNumber": 3306,
        "ForeignSalesSubjectToThirdPartySalesAccountNumber": None,
        "ForeignSalesVatExemptOutsideEuAccountNumber": 3305,
        "ForeignSalesVatExemptWithinEuAccountNumber": 3308,
        "DomesticSalesVatCodeExemptAccountNumber": 3044,
    },
}

# Name, Code, Abbreviation, AbbreviationEnglish
_UNITS = (
    ("Timmar", "h", "tim", "h"),
    ("Kilometer", "km", "km", "km"),
    ("Styck", "st", "st", "pcs"),
    ("Kilogram", "kg", "kg", "kg"),
    ("Dag", "dag", "dag", "day"),
    ("Månad", "mån", "mån", "month"),
    ("Paket", "pkt", "pkt", "pkg"),
    ("Liter", "l", "l", "l"),
    ("Meter", "m", "m", "m"),
    ("Natt", "natt", "natt", "night"),
)

# A company has at most three cost centers; number 2 is the one meant for Visma PM projects.
_COST_CENTERS = ((1, "Avdelning"), (2, "Projekt"), (3, "Kostnadsbärare"))

_CODINGS_CHANGED_UTC = "2024-01-01T00:00:00Z"


def coding_id(name: str) -> str:
    """The id of the account coding called ``name`` ("Tjänster 25% moms")."""
    return stable_id("articleaccountcoding", name)


def unit_id(code: str) -> str:
    """The id of the unit with ``Code`` ``code`` ("h", "st", "mån")."""
    return stable_id("unit", code)


def vat_code_id(code: str) -> str:
    return stable_id("vatcode", code)


def cost_center_id(number: int) -> str:
    return stable_id("costcenter", str(number))


def seed_reference(store: EekStore) -> None:
    for coding in _codings():
        store.article_codings.put(coding["Id"], coding)
    for name, code, abbreviation, english in _UNITS:
        unit = {"Id": unit_id(code), "Name": name, "Code": code, "Abbreviation": abbreviation}
        store.units.put(unit_id(code), {**unit, "AbbreviationEnglish": english})
    for vat in _vat_codes():
        store.vat_codes.put(vat["Id"], vat)
    for number, name in _COST_CENTERS:
        center = {"Name": name, "Number": number, "IsActive": True, "Id": cost_center_id(number)}
        store.cost_centers.put(cost_center_id(number), center)


def _codings() -> list[dict[str, Any]]:
    codings = []
    for kind, swedish, english in (("Service", "Tjänster", "Services"), ("Goods", "Varor", "Goods")):
        for suffix, english_suffix, vat_code, rate, goods_account, service_account in _RATES:
            account = service_account if kind == "Service" else goods_account
            name = f"{swedish} {suffix}"
            codings.append(_coding(name, f"{english} {english_suffix}", kind, vat_code, rate, account))
    return codings


def _coding(name: str, english: str, kind: str, vat_code: str, rate: Decimal, account: int) -> dict[str, Any]:
    scenarios = _SCENARIO_ACCOUNTS[kind]
    return {
        "Id": coding_id(name),
        "Name": name,
        "NameEnglish": english,
        "Type": kind,
        "VatRate": vat_code,
        "IsActive": True,
        "VatRatePercent": rate,
        "DomesticSalesSubjectToReversedConstructionVatAccountNumber": scenarios[
            "DomesticSalesSubjectToReversedConstructionVatAccountNumber"
        ],
        "DomesticSalesSubjectToVatAccountNumber": account,
        "DomesticSalesVatExemptAccountNumber": scenarios["DomesticSalesVatExemptAccountNumber"],
        "ForeignSalesSubjectToMossAccountNumber": scenarios["ForeignSalesSubjectToMossAccountNumber"],
        "ForeignSalesSubjectToThirdPartySalesAccountNumber": scenarios[
            "ForeignSalesSubjectToThirdPartySalesAccountNumber"
        ],
        # EU consumers are charged Swedish VAT: the same account as at home.
        "ForeignSalesSubjectToVatWithinEuAccountNumber": account,
        "ForeignSalesVatExemptOutsideEuAccountNumber": scenarios["ForeignSalesVatExemptOutsideEuAccountNumber"],
        "ForeignSalesVatExemptWithinEuAccountNumber": scenarios["ForeignSalesVatExemptWithinEuAccountNumber"],
        "DomesticSalesVatCodeExemptAccountNumber": scenarios["DomesticSalesVatCodeExemptAccountNumber"],
        "ChangedUtc": _CODINGS_CHANGED_UTC,
    }


def _vat_codes() -> list[dict[str, Any]]:
    return [
        {
            "Id": vat_code_id(code),
            "Code": code,
            "Description": description,
            "VatRate": rate,
            "OssCodeType": 0,
            "RelatedAccounts": {"AccountNumber1": account, "AccountNumber2": None, "AccountNumber3": None},
        }
        for code, description, rate, account in _VAT_CODES
    ]

"""Names of the BAS accounts a Swedish company's supplier invoices usually touch, for ``AccountName``
on supplier-invoice rows. An account outside this table is still accepted and answered without a name:
the emulator has no chart of accounts to reject it against."""

from __future__ import annotations

__all__ = ["SUPPLIER_DEBT_ACCOUNT", "VAT_ACCOUNTS", "account_name"]

SUPPLIER_DEBT_ACCOUNT = 2440
VAT_ACCOUNTS = range(2640, 2650)  # ingående moms

_NAMES = {
    1930: "Företagskonto/checkkonto/affärskonto",
    2440: "Leverantörsskulder",
    2640: "Ingående moms",
    2641: "Debiterad ingående moms",
    2645: "Beräknad ingående moms på förvärv från utlandet",
    4010: "Inköp material och varor",
    4600: "Legoarbeten och underentreprenader",
    5010: "Lokalhyra",
    5410: "Förbrukningsinventarier",
    5460: "Förbrukningsmaterial",
    5611: "Drivmedel för personbilar",
    5615: "Leasing av personbilar",
    5800: "Resekostnader",
    5831: "Kost och logi i Sverige",
    6110: "Kontorsmateriel",
    6212: "Mobiltelefon",
    6540: "IT-tjänster",
    6550: "Konsultarvoden",
}


def account_name(number: int) -> str | None:
    return _NAMES.get(number)

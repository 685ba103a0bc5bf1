"""The company's bank accounts (read here; payments name one as ``CompanyBankAccountId``).

Every data set has the business cheque account "Företagskonto" on 1930, the default for payments.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .ids import stable_id
from .purchase_fields import BANK_ACCOUNT_FIELDS
from .store import EekStore
from .validation import blank_document

__all__ = ["BANK_ACCOUNT_DATETIME_FIELDS", "BANK_ACCOUNT_FIELD_NAMES", "default_bank_account_id", "seed_bank_accounts"]

BANK_ACCOUNT_FIELD_NAMES = tuple(rule.name for rule in BANK_ACCOUNT_FIELDS)
BANK_ACCOUNT_DATETIME_FIELDS = frozenset({"ModifiedUtc"})

CHEQUE_ACCOUNT = 1


def default_bank_account_id() -> str:
    return stable_id("bankaccount", "1930")


def seed_bank_accounts(store: EekStore) -> None:
    doc = blank_document(BANK_ACCOUNT_FIELDS)
    doc.update(
        Bank=stable_id("bank", "Swedbank"),
        BankAccountType=CHEQUE_ACCOUNT,
        BankAccountTypeDescription="ChequeAccount",
        Bban="50000000058398257466",
        Iban="SE4550000000058398257466",
        Name="Företagskonto",
        NameEnglish="Business account",
        Id=default_bank_account_id(),
        IsActive=True,
        LedgerAccountNumber=1930,
        HasActiveBankAgreement=False,
        IsDefaultChequeAccount=True,
        CurrencyCode="SEK",
        ModifiedUtc="2024-01-01T00:00:00Z",
        Balance=_balance(Decimal("0"), "2024-01-01T00:00:00Z"),
    )
    store.bank_accounts.put(doc["Id"], doc)


def _balance(amount: Decimal, date: str) -> dict[str, Any]:
    return {"Balance": amount, "Date": date}

"""The emulated companies' data sets ``demo``, ``empty`` and ``bulk:N`` (who each company is: ``company_identity``).

``demo`` is the eEkonomi half of the joint demo data: seven customers of its own that exercise
adopt-by-number (1005), a number clash with another name (1003), contact-name splitting (9001, 9002),
a currency Visma PM lacks (9004) and an inactive customer (9005), plus its own articles and cost center
items (see ``demo_articles``) and its suppliers and booked supplier invoices (see ``demo_purchases``).
``empty`` and ``bulk:N`` keep only what every real company has (settings, terms of payment, currencies,
countries, account codings, units, VAT codes, cost centers, the bank account "Företagskonto"); the
benchmarks fill them through the API. Booked drafts are numbered from 10001 in every data set.
All ids are uuid5 values, so every run serves the same GUIDs.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .bank_accounts import seed_bank_accounts
from .clock import Clock, system_clock
from .company_identity import CompanyIdentity, company_identity
from .demo_articles import seed_demo_articles, seed_demo_cost_center_items
from .demo_purchases import seed_demo_purchases
from .filled_data import seed_filled
from .ids import stable_id
from .oauth import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from .reference_data import seed_reference
from .store import EekStore
from .validation import CUSTOMER_FIELDS, DIRECT_DEBIT_FIELDS, blank_document

__all__ = ["DataSet", "parse_data_set", "seed", "seed_identity", "terms_of_payment_id"]

_NET_DAYS = (0, 7, 10, 14, 15, 20, 30, 45, 60, 90, 120)
_CURRENCIES = ("SEK", "EUR", "USD", "NOK", "DKK", "GBP")
# (code, Swedish name, English name, EU member)
_COUNTRIES = (
    ("SE", "Sverige", "Sweden", True),
    ("NO", "Norge", "Norway", False),
    ("DK", "Danmark", "Denmark", True),
    ("FI", "Finland", "Finland", True),
    ("DE", "Tyskland", "Germany", True),
    ("GB", "Storbritannien", "United Kingdom", False),
    ("US", "USA", "United States", False),
    ("NL", "Nederländerna", "Netherlands", True),
    ("FR", "Frankrike", "France", True),
    ("ES", "Spanien", "Spain", True),
    ("PL", "Polen", "Poland", True),
    ("EE", "Estland", "Estonia", True),
    ("LV", "Lettland", "Latvia", True),
    ("LT", "Litauen", "Lithuania", True),
    ("IS", "Island", "Iceland", False),
    ("IE", "Irland", "Ireland", True),
    ("BE", "Belgien", "Belgium", True),
    ("AT", "Österrike", "Austria", True),
    ("IT", "Italien", "Italy", True),
    ("CH", "Schweiz", "Switzerland", False),
)


@dataclass(frozen=True)
class DataSet:
    name: str  # "demo" | "empty" | "bulk" | "filled"
    size: int = 0


def parse_data_set(text: str) -> DataSet:
    """``demo``, ``empty``, ``bulk:N`` (N customers are created by the benchmark, not seeded) or ``filled:N``
    (N customers and N articles seeded)."""
    name, _, size = text.partition(":")
    if name in ("demo", "empty") and not size:
        return DataSet(name)
    if name in ("bulk", "filled") and size.isdigit():
        return DataSet(name, int(size))
    raise ValueError(f"unknown data set {text!r}: use 'demo', 'empty', 'bulk:N' or 'filled:N'")


def terms_of_payment_id(days: int, cash: bool = False) -> str:
    return stable_id("termsofpayment", "cash" if cash else str(days))


def seed(
    store: EekStore, data_set: DataSet, clock: Clock = system_clock, identity: CompanyIdentity | None = None
) -> None:
    """Fill a blank store for the company ``identity`` (default: company 1, the demo's). Company 1's store
    also holds the identity server's data (see ``seed_identity``).

    ``clock`` dates what must lie in a period relative to today (the demo's supplier invoices)."""
    identity = identity or company_identity(1)
    store.settings.put("emulator", {"DataSet": data_set.name, "AcceptAnyClient": data_set.name != "demo"})
    if identity.number == 1:
        seed_identity(store)
    store.settings.put("company", _company_settings(identity))
    for terms in _terms_of_payment():
        store.terms_of_payment.put(terms["Id"], terms)
    for code in _CURRENCIES:
        store.currencies.put(code, {"Code": code})
    for code, name, english, eu in _COUNTRIES:
        store.countries.put(code, {"Name": name, "NameEnglish": english, "Code": code, "IsEuMember": eu})
    seed_reference(store)
    seed_bank_accounts(store)
    if data_set.name == "demo":
        terms_30 = store.terms_of_payment.get(terms_of_payment_id(30))
        for index, fields in enumerate(_DEMO_CUSTOMERS):
            customer = _customer(index, fields, terms_30 or {})
            store.customers.put(customer["Id"], customer)
        seed_demo_articles(store)
        seed_demo_cost_center_items(store)
        seed_demo_purchases(store, clock, terms_of_payment_id(30))
    elif data_set.name == "filled":
        seed_filled(store, data_set.size, clock, terms_of_payment_id(30))


def _terms_of_payment() -> list[dict[str, Any]]:
    terms = [
        _terms(terms_of_payment_id(days), f"{days} dagar netto", f"{days} days net", days, 0, "Normal")
        for days in _NET_DAYS
    ]
    terms.append(_terms(terms_of_payment_id(0, cash=True), "Kontant", "Cash", 0, 2, "Cash"))
    return terms


def _terms(terms_id: str, name: str, english: str, days: int, type_id: int, type_text: str) -> dict[str, Any]:
    return {
        "Id": terms_id,
        "Name": name,
        "NameEnglish": english,
        "NumberOfDays": days,
        "TermsOfPaymentTypeId": type_id,
        "TermsOfPaymentTypeText": type_text,
        "AvailableForSales": True,
        "AvailableForPurchase": True,
    }


# CustomerNumber, Name, address line, postal code, city, country, extra fields
_DEMO_CUSTOMERS: tuple[dict[str, Any], ...] = (
    {
        "CustomerNumber": "1005",
        "Name": "Lindgren & Partners AB",
        "InvoiceAddress1": "Sveavägen 44",
        "InvoicePostalCode": "111 34",
        "InvoiceCity": "Stockholm",
        "CorporateIdentityNumber": "556345-6789",
        "VatNumber": "SE556345678901",
        "EmailAddress": "faktura@lindgrenpartners.se",
        "Telephone": "08-123 45 60",
        "ContactPersonName": "Eva Lindgren",
    },
    {
        "CustomerNumber": "1003",
        "Name": "Nordvik Bygg AB",
        "InvoiceAddress1": "Industrivägen 7",
        "InvoicePostalCode": "791 31",
        "InvoiceCity": "Falun",
        "CorporateIdentityNumber": "556456-7890",
        "EmailAddress": "ekonomi@nordvikbygg.se",
        "ContactPersonName": "Per Nordvik",
    },
    {
        "CustomerNumber": "9001",
        "Name": "Fjällgården Hotell AB",
        "InvoiceAddress1": "Fjällvägen 12",
        "InvoicePostalCode": "837 52",
        "InvoiceCity": "Åre",
        "CorporateIdentityNumber": "556567-8901",
        "EmailAddress": "faktura@fjallgarden.se",
        "ContactPersonName": "Karin Lind Berg",
        "ContactPersonEmail": "karin@fjallgarden.se",
        "ContactPersonPhone": "0647-123 45",
    },
    {
        "CustomerNumber": "9002",
        "Name": "Mats Ekström Konsult",
        "InvoiceAddress1": "Kungsgatan 5",
        "InvoicePostalCode": "411 19",
        "InvoiceCity": "Göteborg",
        "EmailAddress": "mats@ekstromkonsult.se",
        "ContactPersonName": "Mats",
        "ContactPersonMobile": "070-123 45 67",
    },
    {
        "CustomerNumber": "9003",
        "Name": "Solberga Gård AB",
        "InvoiceAddress1": "Solberga 1",
        "InvoicePostalCode": "442 93",
        "InvoiceCity": "Kungälv",
        "CorporateIdentityNumber": "556678-9012",
        "EmailAddress": "info@solbergagard.se",
        "ContactPersonName": "Anna Solberg",
    },
    {
        "CustomerNumber": "9004",
        "Name": "Atlantic Trading Ltd",
        "InvoiceAddress1": "12 Harbour Street",
        "InvoicePostalCode": "EC1A 1BB",
        "InvoiceCity": "London",
        "InvoiceCountryCode": "GB",
        "CurrencyCode": "USD",
        "EmailAddress": "accounts@atlantictrading.co.uk",
        "ContactPersonName": "John Smith",
    },
    {
        "CustomerNumber": "9005",
        "Name": "Vilande Kund AB",
        "InvoiceAddress1": "Box 123",
        "InvoicePostalCode": "101 23",
        "InvoiceCity": "Stockholm",
        "IsActive": False,
    },
)


def _customer(index: int, fields: dict[str, Any], terms: dict[str, Any]) -> dict[str, Any]:
    doc = blank_document(CUSTOMER_FIELDS)
    doc.update(
        Id=stable_id("customer", fields["CustomerNumber"]),
        InvoiceCountryCode="SE",
        CurrencyCode="SEK",
        TermsOfPaymentId=terms["Id"],
        TermsOfPayment=terms,
        IsActive=True,
        IsPrivatePerson=False,
        Iban="",
        IsDirectDebitEnabled=False,
        DirectDebitCustomerSettings=blank_document(DIRECT_DEBIT_FIELDS),
        CustomerLabels=[],
        MessageThreads=[],
        Notes=[],
        # Fixed, distinct and in the past, so reruns agree and "ChangedUtc gt" cursors have an order.
        ChangedUtc=f"2025-01-15T09:{index:02d}:00Z",
    )
    doc.update(fields)
    return doc


def seed_identity(store: EekStore) -> None:
    """The identity server's registered client (in company 1's store, where all OAuth data lives)."""
    store.oauth_clients.put(DEMO_CLIENT_ID, {"Secret": DEMO_CLIENT_SECRET})


def _company_settings(identity: CompanyIdentity) -> dict[str, Any]:
    return {
        "CompanyScanningAddress": {
            "Name": identity.name,
            "Address1": "c/o Skanningscentralen",
            "Address2": None,
            "PostCode": "831 90",
            "PostOffice": "Östersund",
            "Email": None,
        },
        "Name": identity.name,
        "Email": "ekonomi@demokonsult.se",
        "Phone": "08-555 123 00",
        "MobilePhone": None,
        "Address1": "Drottninggatan 10",
        "Address2": None,
        "CountryCode": "SE",
        "PostalCode": "111 51",
        "City": "Stockholm",
        "Website": "https://demokonsult.se",
        "OurReference": None,
        "CurrencyCode": "SEK",
        "TermsOfPaymentId": terms_of_payment_id(30),
        "CorporateIdentityNumber": identity.org_number,
        "PeppolId": None,
        "VatCode": identity.vat_number,
        "BankGiro": identity.bankgiro,
        "PlusGiro": None,
        "BankAccount": None,
        "Iban": None,
        "AccountNumberDigits": 4,
        "AccountingLockedTo": "2023-12-31T00:00:00Z",
        "AccountingLockInterval": 0,
        "TaxDeclarationDate": {"Month": 5, "Day": 2},
        "Gln": None,
        "ProductVariant": 1,
        "TypeOfBusiness": 1,
        "VatPeriod": 3,
        "ActivatedModules": ["api_standard"],
        "CompanyText": {name: None for name in _COMPANY_TEXTS},
        "NextCustomerNumber": 9100,
        "NextSupplierNumber": 1,
        "NextCustomerInvoiceNumber": 10001,
        "NextQuoteNumber": 1,
        "NextOrderNumber": 1,
        "NextArticleNumber": 1,
        "ShowPricesExclVatPC": False,
        "ShowContributionMargin": False,
        "HasProportionalVatEnabled": False,
        "ProportionalVatValue": None,
        "IsPayslipActivated": False,
        "UsesCostCenter": True,
        "UsesProject": True,
        "UsesMoss": False,
        "UsesPaymentReferenceNumber": True,
        "UsesSupplierInvoiceEdit": False,
        "UseAdvancedMode": False,
        "DomesticCurrencyRounding": 1,
        "AutoInvoice": {"AutoInvoiceActivationStatus": 0, "AutoInvoiceB2CStatus": 0, "AutoInvoiceInboundStatus": 0},
        "ApprovalSettings": {"UsesSupplierInvoiceApproval": False, "UsesVatReportApproval": False},
        "UsesReverseConstructionVat": False,
        "UsesRotReducedInvoicing": False,
        "CompanyRotRutSettings": {
            "RutMaxAmountForPersBelow65Year": Decimal(75000),
            "RutMaxAmountForPersOver65Year": Decimal(75000),
            "RutReducedInvoicingPercent": Decimal("0.5"),
            "RotReducedInvoicingMaxAmount": Decimal(50000),
            "RotReducedInvoicingPercent": Decimal("0.3"),
        },
        "CompanyStatus": 1,
        "CompanyIdentifier": identity.identifier,
        "BankgiroNumberPrint": identity.bankgiro,
        "KeepOriginalDraftDate": False,
        "UsePaymentFilesForOutgoingPayments": False,
        "UseAutomaticVatCalculation": True,
        "ShowCostCenterReminder": False,
        "ShowProjectReminder": False,
        "UsesGreenTechnology": False,
        "CompanyGreenTechnologySettings": {
            "GreenTechnologyDeductionMaxAmount": Decimal(50000),
            "SollarCellDiscountPercentage": Decimal("0.2"),
        },
        "UsesVatTriangulationRules": False,
        "Swish": None,
        "CompanyEmailForUpload": None,
        "VismaWebshopStatus": 0,
        "UsesTransactionText": False,
        "FirstPaymentReminderWithoutFee": False,
        "LatePaymentFee": Decimal(60),
        "DefaultBackgroundId": None,
        "InvoicePrintSettingsType": 0,
    }


_COMPANY_TEXTS = (
    "CustomerInvoiceTextDomestic",
    "CustomerInvoiceTextForeign",
    "OrderTextDomestic",
    "OrderTextForeign",
    "OverDueTextDomestic",
    "OverDueTextForeign",
    "QuoteEmailDomestic",
    "QuoteEmailForeign",
    "InvoiceEmailDomestic",
    "InvoiceEmailForeign",
    "OrderEmailDomestic",
    "OrderEmailForeign",
    "PurchaseOrderEmailDomestic",
    "PurchaseOrderEmailForeign",
)

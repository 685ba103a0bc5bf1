"""Hypothesis strategies for Visma PM (Severa) objects as the Severa API returns them, built as brygga's own
Severa models: customers with their addresses, contacts and communications, products, work types, travel expense
types, projects and invoices with rows. Edge cases on purpose: over-long and whitespace names, empty strings, odd
unicode, missing addresses, unknown or None VAT rates, zero and negative amounts, many rows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from hypothesis import strategies as st

from brygga.mapping.severa_articles import PmArticleReference
from brygga.mapping.severa_customers import PmCustomerRecord
from brygga.severa import article_models as sa
from brygga.severa import models as sev
from brygga.severa.invoice_models import FreeText, InvoiceAddress, InvoiceCustomer, InvoiceProject, InvoiceRowAccount
from brygga.severa.invoice_models import Invoice as SeveraInvoice
from brygga.severa.invoice_models import InvoiceRow as SeveraInvoiceRow
from brygga.severa.project_models import Project as SeveraProject
from brygga_emulators.severa.invoice_totals import invoice_totals

__all__ = [
    "articles",
    "customer_records",
    "invoices",
    "projects",
]

ODD = ["", " ", "   ", "\t", "\u00a0", "Å", "ÄÖ ü", "\u200b", "𝔘𝔫𝔦", "\u202e", "é", "'\"<>&", "0", "\n"]
# Unicode without surrogates (never valid in JSON text) and without NUL.
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


PLAIN = st.from_regex(r"[A-Za-zÅÄÖåäö0-9][A-Za-zÅÄÖåäö0-9 .,&-]{0,20}", fullmatch=True)


def texts(max_size: int) -> st.SearchStrategy[str]:
    """Plain text (most often), short arbitrary unicode, odd fragments, and text around (and over) the limits."""
    return st.one_of(
        PLAIN,
        PLAIN,
        st.text(_CHARS, max_size=12),
        st.sampled_from(ODD),
        st.text(_CHARS, min_size=max(0, max_size - 3), max_size=max_size + 3),
    )


def optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), strategy)


def amounts(places: int = 2, limit: int = 10_000_000) -> st.SearchStrategy[Decimal]:
    """Decimal money as Severa sends it: zero, negative, sub-öre and large values; never float."""
    return st.one_of(
        st.sampled_from([Decimal(0), Decimal("0.01"), Decimal("-0.01"), Decimal("0.005"), Decimal("-1")]),
        st.decimals(min_value=-limit, max_value=limit, places=places, allow_nan=False, allow_infinity=False),
        st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False),
    )


VAT_PERCENTS = st.one_of(
    st.sampled_from([Decimal(25), Decimal(12), Decimal(6), Decimal(0), Decimal("25.00")]),
    st.none(),
    st.sampled_from([Decimal("24.5"), Decimal(7), Decimal(100), Decimal(-25)]),
)
GUIDS = st.uuids().map(str)
MOMENTS = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2026, 1, 1)).map(
    lambda moment: moment.replace(tzinfo=UTC)
)


# customers ------------------------------------------------------------------------------------------------
@st.composite
def _country(draw: st.DrawFn) -> sev.AddressCountry | None:
    return draw(
        st.sampled_from(
            [
                None,
                sev.AddressCountry(guid="c-se", name="Sverige"),
                sev.AddressCountry(name="Sweden"),
                sev.AddressCountry(name="norge"),
                sev.AddressCountry(guid="c-xx", name="Atlantis"),
                sev.AddressCountry(),
            ]
        )
    )


POSTAL_CODES = st.one_of(st.sampled_from(["222 22", "11122", "N-0150"]), texts(10))


@st.composite
def _address(draw: st.DrawFn, customer_guid: str) -> sev.Address:
    complete = draw(st.integers(0, 3)) != 3  # hypothesis favours 0: mostly complete
    return sev.Address(
        guid=draw(GUIDS),
        addressline=draw(PLAIN if complete else optional(texts(50))),
        postalCode=draw(st.sampled_from(["222 22", "11122"]) if complete else optional(POSTAL_CODES)),
        city=draw(PLAIN if complete else optional(texts(50))),
        country=draw(st.just(sev.AddressCountry(guid="c-se", name="Sverige")) if complete else _country()),
        isBillingAddress=draw(st.integers(0, 3)) != 3,
        phone=draw(optional(texts(50))),
        customer=sev.AddressCustomer(guid=customer_guid),
        createdDateTime=draw(st.none() | MOMENTS),
    )


@st.composite
def _contact(draw: st.DrawFn, customer_guid: str) -> tuple[sev.ContactPerson, list[sev.ContactCommunication]]:
    guid = draw(GUIDS)
    person = sev.ContactPerson(
        guid=guid,
        customer=sev.ContactCustomer(guid=customer_guid),
        firstName=draw(texts(30)),
        lastName=draw(texts(40)),
        isActive=draw(st.integers(0, 3)) != 3,
        createdDateTime=draw(st.none() | MOMENTS),
    )
    kinds = st.sampled_from([("t-mail", "EmailAddress"), ("t-phone", "Phone"), ("t-x", "MobilePhone")])
    communications = [
        sev.ContactCommunication(
            value=draw(texts(255)),
            contact=sev.ContactRef(guid=guid),
            communicationType=sev.CommunicationTypeRef(guid=kind_guid, type=kind),
        )
        for kind_guid, kind in draw(st.lists(kinds, max_size=3))
    ]
    return person, communications


@st.composite
def customer_records(draw: st.DrawFn) -> PmCustomerRecord:
    guid = draw(GUIDS)
    addresses = draw(st.lists(_address(guid), min_size=draw(st.sampled_from([0, 1, 1, 1])), max_size=3))
    head_office = draw(st.none() | st.sampled_from(addresses)) if addresses else None
    customer = sev.Customer(
        guid=guid,
        number=draw(st.none() | st.integers(min_value=0, max_value=10**19)),
        name=draw(texts(50)),
        vatNumber=draw(optional(st.one_of(texts(20), st.just("SE556677889901")))),
        email=draw(optional(texts(255))),
        website=draw(optional(texts(255))),
        notes=draw(optional(texts(4000))),
        paymentTerm=draw(st.none() | st.sampled_from([0, 10, 14, 30, 45, 60, 90, 17, -5, 10_000])),
        currency=draw(
            st.none()
            | st.sampled_from([sev.CurrencyRef(code="SEK"), sev.CurrencyRef(code="EUR")])
            | st.sampled_from([sev.CurrencyRef(code="NOK"), sev.CurrencyRef(code="XYZ"), sev.CurrencyRef()])
        ),
        isActive=draw(st.integers(0, 4)) != 4,
        headquarterAddress=sev.HeadquarterAddress(guid=head_office.guid) if head_office else None,
    )
    contacts = draw(st.lists(_contact(guid), max_size=2))
    return PmCustomerRecord(
        customer=customer,
        addresses=addresses,
        contacts=[person for person, _ in contacts],
        communications={person.guid or "": comms for person, comms in contacts},
    )


# articles -------------------------------------------------------------------------------------------------
def _money(places: int = 2) -> st.SearchStrategy[sev.Money | None]:
    return st.none() | amounts(places).map(lambda amount: sev.Money(amount=amount, currencyCode="SEK"))


UNITS = st.one_of(optional(texts(10)), st.sampled_from(["h", "km", "st", "mån", "KG", "styck", "timmar"]))
CODES = st.one_of(optional(texts(40)), st.from_regex(r"[A-Z]{1,3}-[0-9]{1,5}", fullmatch=True))


@st.composite
def _product(draw: st.DrawFn) -> sa.Product:
    return sa.Product(
        guid=draw(GUIDS),
        code=draw(CODES),
        name=draw(texts(50)),
        measurementUnit=draw(UNITS),
        vatRate=draw(VAT_PERCENTS),
        unitPrice=draw(_money(draw(st.sampled_from([2, 4])))),
        isActive=draw(st.none() | st.booleans()),
    )


@st.composite
def _work_type(draw: st.DrawFn) -> sa.WorkType:
    return sa.WorkType(guid=draw(GUIDS), code=draw(CODES), name=draw(texts(50)), isActive=draw(st.booleans()))


@st.composite
def _travel_type(draw: st.DrawFn) -> sa.TravelExpenseType:
    return sa.TravelExpenseType(
        guid=draw(GUIDS),
        code=draw(CODES),
        name=draw(texts(50)),
        measurementUnit=draw(UNITS),
        vatRate=draw(VAT_PERCENTS),
        expenseClass=draw(st.sampled_from([None, "Mileage", "Other", ""])),
        isMileage=draw(st.booleans()),
        isActive=draw(st.none() | st.booleans()),
    )


@st.composite
def _article_reference(draw: st.DrawFn, guid: str | None) -> PmArticleReference:
    price = draw(st.none() | amounts(draw(st.sampled_from([2, 4]))))
    prices = {guid or "": price} if price is not None else {}
    return PmArticleReference(default_vat_percent=draw(VAT_PERCENTS), work_type_prices=prices, travel_prices=prices)


@st.composite
def articles(draw: st.DrawFn) -> tuple[sa.Product | sa.WorkType | sa.TravelExpenseType, PmArticleReference]:
    """A product, work type or travel expense type, with the PM price list and default VAT it is read with."""
    item = draw(st.one_of(_product(), _work_type(), _travel_type()))
    return item, draw(_article_reference(item.guid))


# projects -------------------------------------------------------------------------------------------------
@st.composite
def projects(draw: st.DrawFn) -> SeveraProject:
    return SeveraProject(
        guid=draw(GUIDS),
        number=draw(st.none() | st.integers(min_value=0, max_value=10**12)),
        name=draw(texts(50)),
        isClosed=draw(st.booleans()),
    )


# invoices -------------------------------------------------------------------------------------------------
ROW_CODES = st.one_of(
    st.sampled_from([None, ["P-100"], ["A-902"], ["DIV"], ["P-130", "A-900"], [], [" "], [" P-100 "]]),
    st.sampled_from([["A-903"], ["NOPE"]]),  # inactive, unknown
)


# The demo company's articles' VAT, as a PM row that matches its article carries it.
ARTICLE_VAT = {"P-100": 25, "P-130": 25, "A-900": 25, "A-902": 12, "A-903": 25, "DIV": 25}


@st.composite
def _invoice_row(draw: st.DrawFn) -> SeveraInvoiceRow:
    text_row = draw(st.integers(0, 9)) == 9
    codes = None if text_row else draw(ROW_CODES)
    article = ((codes or [""])[0]).strip() or "DIV"
    matching = draw(st.integers(0, 3)) != 3  # hypothesis favours 0: mostly the article's own VAT
    vat = Decimal(ARTICLE_VAT.get(article, 25)) if matching else draw(VAT_PERCENTS)
    places = 4 if draw(st.integers(0, 9)) == 9 else 2
    quantity = None if text_row else draw(amounts(places, 100_000) if draw(st.integers(0, 19)) != 19 else st.none())
    price = None if text_row else draw(amounts(places) if draw(st.integers(0, 19)) != 19 else st.none())
    return SeveraInvoiceRow(
        guid=draw(GUIDS),
        code=codes,
        description=draw(texts(2000)),
        quantity=quantity,
        measurementUnit=draw(UNITS),
        unitPrice=sev.Money(amount=price, currencyCode="SEK") if price is not None else None,
        vatRate=vat,
        costCenter=draw(
            st.none() | st.sampled_from(["2003", "HAMN", "9999"]).map(lambda n: InvoiceRowAccount(number=n))
        ),
    )


def _severa_totals(rows: list[SeveraInvoiceRow]) -> tuple[Decimal, Decimal, Decimal]:
    """The totals Severa reports on the invoice, computed from its rows as the Severa emulator does."""
    wire = [row.model_dump(mode="python") for row in rows if row.quantity is not None or row.unitPrice is not None]
    totals = invoice_totals(wire)
    return totals.excluding_tax, totals.tax, totals.including_tax


@st.composite
def _invoice_address(draw: st.DrawFn) -> InvoiceAddress | None:
    if draw(st.integers(0, 3)) != 3:  # hypothesis favours 0: mostly a complete address
        return InvoiceAddress(addressline=draw(PLAIN), postalCode="222 22", city=draw(PLAIN), country="Sverige")
    return draw(
        st.none()
        | st.builds(
            InvoiceAddress,
            addressline=optional(texts(50)),
            postalCode=optional(st.sampled_from(["222 22", "", "11122"])),
            city=optional(texts(50)),
            country=optional(st.sampled_from(["Sverige", "Sweden", "Atlantis", ""])),
        )
    )


@st.composite
def invoices(draw: st.DrawFn) -> tuple[SeveraInvoice, list[SeveraInvoiceRow]]:
    """A PM invoice waiting for transfer and its rows; Severa's totals are the rows' own."""
    many = draw(st.integers(0, 19)) == 0
    rows = draw(st.lists(_invoice_row(), min_size=draw(st.sampled_from([1, 1, 1, 0])), max_size=120 if many else 6))
    net, vat, gross = _severa_totals(rows)
    address = draw(_invoice_address())
    return (
        SeveraInvoice(
            guid=draw(GUIDS),
            date=draw(st.none() | st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))),
            paymentTerm=draw(st.none() | st.sampled_from([0, 14, 30, 17])),
            customer=InvoiceCustomer(guid=draw(GUIDS), name=draw(texts(50)), number=draw(st.integers(1, 10**6))),
            projects=draw(
                st.none() | st.builds(lambda name: [InvoiceProject(guid="p-1", name=name, number=2003)], texts(50))
            ),
            receiverAddress=address,
            yourReference=draw(optional(texts(100))),
            ourReference=draw(optional(texts(100))),
            isCreditNote=draw(st.integers(0, 19)) == 19,
            notes=draw(optional(texts(2000))),
            freeText1=draw(st.none() | texts(2000).map(lambda text: FreeText(plainText=text))),
            freeText2=draw(st.none() | texts(2000).map(lambda text: FreeText(plainText=text))),
            totalExcludingTax=sev.Money(amount=net, currencyCode="SEK"),
            totalTax=sev.Money(amount=vat, currencyCode="SEK"),
            totalIncludingTax=sev.Money(amount=gross, currencyCode="SEK"),
        ),
        rows,
    )

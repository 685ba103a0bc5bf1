"""The Visma PM half of the joint demo's invoices: the six statuses and invoices 4990, 4991, 5001..5012.

The invoices carry no ``number`` until numbered (only the paid 4990 has one): the labels name them in
the demo and their GUIDs (:func:`invoice_guid`). 5001..5012 wait in "Skicka till eEkonomi", dated
2026-11-15, and some are broken on purpose, one way each: 5005's customer (1042) has no address, 5006
bills the inactive work type GAMMAL, 5007 is a credit note (for 4990), 5008's yourReference is 120
characters (eEkonomi allows 100). 5001 has a row without code (for the default article) and notes and
free texts before and after the rows. A row without a stated VAT rate in the joint brief has 25 %.
The project numbers are the joint brief's, even where the project belongs to another customer
(5003, 5005, 5006, 5009..5012): the demo pairs them with eEkonomi's cost center items.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .invoice_builders import TO_TRANSFER, InvoiceSpec, RowSpec, add_invoice, created_at
from .store import SeveraStore

__all__ = ["DEMO_INVOICES", "seed_demo_invoices"]

_TRANSFER_DATE = date(2026, 11, 15)
_LONG_REFERENCE = (
    "Gävle Energi AB, inköpsavdelningen, att. Karl-Johan Lindqvist, projektkontoret för fjärrvärmeoptimering, "
    "ref 2026-118-AB"
)


def _hours(code: str, text: str, hours: str, price: str) -> RowSpec:
    return RowSpec(code, text, hours, "h", price, "25", "Hours")


def _fee(code: str | None, text: str, quantity: str, unit: str, price: str, vat: str = "25") -> RowSpec:
    return RowSpec(code, text, quantity, unit, price, vat, "ProjectFees")


def _travel(code: str, text: str, quantity: str, unit: str, price: str, vat: str = "25") -> RowSpec:
    return RowSpec(code, text, quantity, unit, price, vat, "TravelExpenses")


def _to_transfer(label: int, customer: int, project: int, *rows: RowSpec, **more: Any) -> InvoiceSpec:
    """``more``: the optional :class:`InvoiceSpec` fields (references, notes, free texts, credit note)."""
    return InvoiceSpec(label, customer, (project,), TO_TRANSFER, _TRANSFER_DATE, rows, **more)


_PAID = InvoiceSpec(
    4990,
    1001,
    (2001,),
    "Betald",
    date(2026, 9, 30),
    (_hours("KONS", "Konsultation september", "20", "1250.00"),),
    number=4990,
    your_reference="Anna Andersson",
    our_reference="Per Persson",
    payment_date=date(2026, 10, 28),
)
_DRAFT = InvoiceSpec(
    4991,
    1002,
    (2002,),
    "Utkast",
    date(2026, 11, 18),
    (_hours("UTV", "Systemutveckling november", "8", "1150.00"),),
)

_TO_TRANSFER: tuple[InvoiceSpec, ...] = (
    _to_transfer(
        5001,
        1001,
        2001,
        _hours("KONS", "Konsultation oktober", "12", "1250.00"),
        _fee("P-110", "Utbildningsdag", "1", "dag", "9500.00"),
        _travel("MIL", "Milersättning", "120", "km", "3.50"),
        _fee(None, "Administrativ avgift", "1", "st", "250.00"),
        your_reference="Anna Andersson",
        our_reference="Per Persson",
        notes="Tack för förtroendet!",
        free_text_before="Avser oktober 2026",
        free_text_after="Betalning sker till bankgiro 123-4567",
    ),
    _to_transfer(
        5002,
        1002,
        2002,
        _hours("UTV", "Systemutveckling", "40", "1150.00"),
        _fee("P-170", "Konferenslunch", "12", "st", "185.00", "12"),
        _fee("P-120", "Tryckt handbok", "3", "st", "450.00", "6"),
        your_reference="Erik Bergström",
        our_reference="Per Persson",
    ),
    _to_transfer(
        5003,
        1005,
        2003,
        _hours("PROJ", "Projektledning", "8", "1400.00"),
        _travel("TRAKT", "Traktamente heldag", "2", "dag", "290.00", "0"),
    ),
    _to_transfer(5004, 1006, 2007, _hours("KONS", "Konsultation", "10", "120.00")),
    _to_transfer(5005, 1042, 2008, _hours("KONS", "Konsultation", "2", "1250.00")),
    _to_transfer(5006, 1004, 2009, _hours("GAMMAL", "Gammal arbetstyp", "3", "500.00")),
    _to_transfer(
        5007,
        1001,
        2001,
        _hours("KONS", "Kreditering konsultation september", "-2", "1250.00"),
        credit_note_for=4990,
        your_reference="Anna Andersson",
    ),
    _to_transfer(
        5008,
        1010,
        2043,
        _hours("KONS", "Konsultation", "4", "1250.00"),
        your_reference=_LONG_REFERENCE,
    ),
    _to_transfer(
        5009,
        1011,
        2011,
        _hours("UTV", "Systemutveckling", "16", "1150.00"),
        _fee("P-100", "Licens Projektverktyg", "2", "st", "1200.00"),
    ),
    _to_transfer(
        5010,
        1012,
        2012,
        _hours("KONS", "Konsultation", "6", "1250.00"),
        _hours("UTB", "Utbildning", "7", "1100.00"),
        _travel("MIL", "Milersättning", "45", "km", "3.50"),
    ),
    _to_transfer(
        5011,
        1013,
        2013,
        _hours("PROJ", "Projektledning", "10", "1400.00"),
        _hours("UTV", "Systemutveckling", "24", "1150.00"),
        _fee("P-130", "Serviceavtal", "3", "mån", "2500.00"),
        _fee("P-120", "Tryckt handbok", "2", "st", "450.00", "6"),
    ),
    _to_transfer(
        5012,
        1014,
        2014,
        _hours("KONS", "Konsultation", "3", "1250.00"),
        _hours("RES", "Restid", "4", "600.00"),
        _travel("MIL", "Milersättning", "210", "km", "3.50"),
        _travel("TRAKT", "Traktamente heldag", "1", "dag", "290.00", "0"),
        _fee("P-170", "Konferenslunch", "8", "st", "185.00", "12"),
    ),
)

# In the order they were made: the paid one in September, the batch to transfer, then the new draft.
DEMO_INVOICES: tuple[InvoiceSpec, ...] = (_PAID, *_TO_TRANSFER, _DRAFT)


def seed_demo_invoices(store: SeveraStore) -> None:
    """Needs the demo customers, projects and the invoice statuses in the store."""
    for minute, spec in enumerate(DEMO_INVOICES):
        add_invoice(store, spec, created_at(spec.invoice_date, minute))

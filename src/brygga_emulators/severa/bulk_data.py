"""``bulk:N`` for the benchmark, deterministic: N valid, active customers numbered 20001.., N products
"B-00001".. (25 % VAT, pieces, priced), N//2 open projects numbered 30001.., one per customer, and N
invoices in "Skicka till eEkonomi" (labels 40001..), each with 5 product rows at 25 %. Invoice i bills
project i mod N//2 to that project's customer (with N = 1, customer 20001 and no project)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from brygga_emulators.gc_pause import collector_paused

from .builders import AddressSpec, ContactSpec, CustomerSpec, Ticker, add_customer, org_number
from .catalog_builders import ProductSpec, add_product
from .invoice_builders import TO_TRANSFER, InvoiceSpec, RowSpec, add_invoice, created_at
from .project_builders import ProjectSpec, add_project
from .store import SeveraStore

__all__ = ["BULK_FIRST_INVOICE_LABEL", "BULK_FIRST_NUMBER", "BULK_FIRST_PROJECT_NUMBER", "seed_bulk"]

BULK_FIRST_NUMBER = 20001
BULK_FIRST_PROJECT_NUMBER = 30001
BULK_FIRST_INVOICE_LABEL = 40001
_BULK_INVOICE_DATE = date(2026, 11, 15)
_ROWS_PER_INVOICE = 5
_CITIES = (
    ("Stockholm", "111 20"),
    ("Göteborg", "411 01"),
    ("Malmö", "211 20"),
    ("Uppsala", "753 10"),
    ("Linköping", "582 20"),
    ("Örebro", "702 10"),
    ("Umeå", "903 20"),
    ("Västerås", "722 10"),
)
_FIRST_NAMES = ("Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Anders", "Emma", "Per")
_LAST_NAMES = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson")


def bulk_customer(index: int) -> CustomerSpec:
    number = BULK_FIRST_NUMBER + index
    city, postal = _CITIES[index % len(_CITIES)]
    first, last = _FIRST_NAMES[index % len(_FIRST_NAMES)], _LAST_NAMES[index % len(_LAST_NAMES)]
    domain = f"kund{number}.se"
    phone = f"+46 8 {number % 1000:03d} {index % 100:02d} 00"
    address = AddressSpec(f"Bulkgatan {index % 200 + 1}", postal, city, "SE", phone)
    contact = ContactSpec(
        first,
        last,
        f"{first.lower()}.{last.lower()}@{domain}".replace("ö", "o"),
        phone,
        f"+46 70 {number % 1000:03d} {index % 100:02d} 11",
    )
    return CustomerSpec(
        number,
        f"Bulkkund {number} AB",
        f"SE{org_number(number)}01",
        f"info@{domain}",
        f"https://www.{domain}",
        (address,),
        (contact,),
    )


def bulk_product(index: int) -> ProductSpec:
    price = Decimal(100 + index % 50 * 10)
    cost = (price * Decimal("0.6")).quantize(Decimal("0.01"))
    return ProductSpec(f"B-{index + 1:05d}", f"Bulkprodukt {index + 1}", "st", "25", f"{price}.00", str(cost))


def bulk_project(index: int) -> ProjectSpec:
    start = date(2024, 7, 1) + timedelta(days=index % 365)
    return ProjectSpec(BULK_FIRST_PROJECT_NUMBER + index, f"Bulkprojekt {index + 1}", BULK_FIRST_NUMBER + index, start)


def bulk_invoice(index: int, count: int, products: Sequence[ProductSpec] | None = None) -> InvoiceSpec:
    """``products``: the ``count`` bulk products, when the caller has them already (seeding 100,000)."""
    projects = count // 2
    customer_index = index % projects if projects else index
    row_products = _bulk_row_products(index, count, products)
    rows = tuple(_bulk_row(product, quantity) for quantity, product in row_products)
    return InvoiceSpec(
        BULK_FIRST_INVOICE_LABEL + index,
        BULK_FIRST_NUMBER + customer_index,
        (BULK_FIRST_PROJECT_NUMBER + customer_index,) if projects else (),
        TO_TRANSFER,
        _BULK_INVOICE_DATE,
        rows,
        your_reference=f"Inköp {BULK_FIRST_NUMBER + customer_index}",
    )


def _bulk_row_products(index: int, count: int, products: Sequence[ProductSpec] | None) -> list[tuple[int, ProductSpec]]:
    picked = ((index * _ROWS_PER_INVOICE + line) % count for line in range(_ROWS_PER_INVOICE))
    return [(line + 1, products[at] if products else bulk_product(at)) for line, at in enumerate(picked)]


def _bulk_row(product: ProductSpec, quantity: int) -> RowSpec:
    assert product.code is not None and product.price is not None  # bulk products always have both
    return RowSpec(product.code, product.name, str(quantity), product.unit, product.price, "25", "ProjectFees")


def seed_bulk(store: SeveraStore, count: int) -> None:
    with collector_paused():
        _seed_bulk(store, count)


def _seed_bulk(store: SeveraStore, count: int) -> None:
    tick = Ticker(datetime(2024, 6, 3, 6, 0, tzinfo=UTC))
    for index in range(count):
        add_customer(store, bulk_customer(index), tick)
    products = [bulk_product(index) for index in range(count)]
    for product in products:
        add_product(store, product, tick)
    for index in range(count // 2):
        add_project(store, bulk_project(index), tick)
    for index in range(count):
        add_invoice(store, bulk_invoice(index, count, products), created_at(_BULK_INVOICE_DATE, index))

"""The Visma PM half of the joint demo's articles: products, work types and travel expense types.

The eEkonomi emulator's demo refers to P-100 and P-130 by number and name, so those must not change.
Broken on purpose, one way each: a product, a work type and a travel type without code; P-140 without
VAT rate; P-150 and TÅG with names over eEkonomi's 50 characters; P-180 in a unit eEkonomi lacks;
P-160, GAMMAL and HOTELL inactive.
"""

from __future__ import annotations

from datetime import UTC, datetime

from .builders import Ticker
from .catalog_builders import (
    ProductSpec,
    TravelTypeSpec,
    WorkTypeSpec,
    add_product,
    add_travel_type,
    add_work_type,
)
from .store import SeveraStore

__all__ = ["DEMO_PRODUCTS", "DEMO_TRAVEL_TYPES", "DEMO_WORK_TYPES", "seed_demo_catalog"]

DEMO_PRODUCTS: tuple[ProductSpec, ...] = (
    ProductSpec("P-100", "Licens Projektverktyg", "st", "25", "1200.00", "800.00"),
    ProductSpec("P-110", "Utbildningsdag", "dag", "25", "9500.00", "4000.00", "FixedFees"),
    ProductSpec("P-120", "Tryckt handbok", "st", "6", "450.00", "120.00"),
    ProductSpec("P-130", "Serviceavtal", "mån", "25", "2500.00", "0.00", "FixedFees"),
    ProductSpec("P-170", "Konferenslunch", "st", "12", "185.00", "140.00"),
    ProductSpec("P-180", "Diverse förbrukning", "påse", "25", "49.00", "20.00"),
    ProductSpec(None, "Diverse material", "st", "25", "100.00", None),
    ProductSpec("P-140", "Hyrd utrustning", "st", None, "750.00", "500.00", "Subcontracting"),
    ProductSpec(
        "P-150",
        "Specialanpassad integrationsplattform för fastighetsförvaltning",
        "st",
        "25",
        "15000.00",
        "9000.00",
        "Subcontracting",
    ),
    ProductSpec("P-160", "Gammal licens", "st", "25", "500.00", "300.00", active=False),
)

DEMO_WORK_TYPES: tuple[WorkTypeSpec, ...] = (
    WorkTypeSpec("KONS", "Konsultation", "650.00", "1250.00", default=True),
    WorkTypeSpec("PROJ", "Projektledning", "700.00", "1400.00"),
    WorkTypeSpec("UTV", "Systemutveckling", "600.00", "1150.00"),
    WorkTypeSpec("UTB", "Utbildning", "550.00", "1100.00"),
    WorkTypeSpec("RES", "Restid", "300.00", "600.00"),
    WorkTypeSpec(None, "Intern tid", "450.00", productive=False),
    WorkTypeSpec("GAMMAL", "Gammal arbetstyp", "500.00", active=False),
)

DEMO_TRAVEL_TYPES: tuple[TravelTypeSpec, ...] = (
    TravelTypeSpec("MIL", "Milersättning", "km", "25", "2.50", "Mileage", "3.50"),
    TravelTypeSpec("TRAKT", "Traktamente heldag", "dag", "0", "290.00", "DailyAllowance", "290.00"),
    TravelTypeSpec("PARK", "Parkering", "st", "25", "0.00", "OtherTravelExpense", "0.00"),
    TravelTypeSpec(None, "Taxi", "st", "25", "0.00", "OtherTravelExpense"),
    TravelTypeSpec(
        "TÅG",
        "Resa med tåg inklusive platsbiljett och ombokningsbar biljettklass",
        "st",
        "6",
        "0.00",
        "OtherTravelExpense",
    ),
    TravelTypeSpec("HOTELL", "Hotell", "natt", "12", "0.00", "OtherTravelExpense", active=False),
)


def seed_demo_catalog(store: SeveraStore) -> None:
    # Registers predate the customers (2024-03-04): a consultancy sets up its articles first.
    tick = Ticker(datetime(2024, 2, 1, 8, 0, tzinfo=UTC))
    for product in DEMO_PRODUCTS:
        add_product(store, product, tick)
    for work_type in DEMO_WORK_TYPES:
        add_work_type(store, work_type, tick)
    for travel_type in DEMO_TRAVEL_TYPES:
        add_travel_type(store, travel_type, tick)

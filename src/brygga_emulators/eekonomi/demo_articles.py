"""The demo company's own articles and cost center items: the eEkonomi half of the joint article and
project demo data (Visma PM's emulator holds the other half).

Articles: P-100 matches PM's product by number and name (linked, not duplicated), P-130 has PM's number
under another name (reported), A-900..A-903 exist only here (A-903 inactive), DIV is the default article
for invoice rows linked to nothing in PM (rule S4). Items of cost center 2
("Projekt"): 2003 matches PM's project by short name and name (adopted), 2004 by short name only and
HAMN by name only (both clash). They are created through the same books the API uses, so the demo data
obeys every rule a client's writes must obey.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from .articles import ArticleBook
from .clock import fixed_clock
from .cost_centers import CostCenterBook
from .ids import stable_id
from .reference_data import coding_id, cost_center_id, unit_id
from .store import EekStore

__all__ = ["article_id", "cost_center_item_id", "seed_demo_articles", "seed_demo_cost_center_items"]

# Number, Name, coding, unit code, NetPrice, GrossPrice, IsActive
_ARTICLES = (
    ("P-100", "Licens Projektverktyg", "Tjänster 25% moms", "st", "1200.00", "1500.00", True),
    ("P-130", "Serviceavtal månad", "Tjänster 25% moms", "mån", "2500.00", "3125.00", True),
    ("A-900", "Hosting månadsavgift", "Tjänster 25% moms", "mån", "990.00", "1237.50", True),
    ("A-901", "Support per ärende", "Tjänster 25% moms", "st", "650.00", "812.50", True),
    ("A-902", "Kaffe och fika", "Varor 12% moms", "st", "45.00", "50.40", True),
    ("A-903", "Utgången artikel", "Varor 25% moms", "st", "10.00", "12.50", False),
    # The default article for invoice rows linked to nothing in PM (rule S4).
    ("DIV", "Diverse tjänster", "Tjänster 25% moms", "st", "0.00", "0.00", True),
)

# Cost center number, ShortName, Name
_ITEMS = (
    (1, "STH", "Stockholm"),
    (1, "GBG", "Göteborg"),
    (2, "2003", "Nordvik Kontorsbygge"),
    (2, "2004", "Älvsjö Mässhall"),
    (2, "HAMN", "Hamnprojektet"),
)


def article_id(number: str) -> str:
    return stable_id("article", number)


def cost_center_item_id(center_number: int, short_name: str) -> str:
    return stable_id("costcenteritem", f"{center_number}:{short_name}")


def seed_demo_articles(store: EekStore) -> None:
    for index, (number, name, coding, unit, net, gross, active) in enumerate(_ARTICLES):
        body: dict[str, Any] = {
            "Number": number,
            "Name": name,
            "CodingId": coding_id(coding),
            "UnitId": unit_id(unit),
            "NetPrice": Decimal(net),
            "GrossPrice": Decimal(gross),
            "IsActive": active,
        }
        # Fixed, distinct and in the past, so reruns agree and "ChangedUtc gt" cursors have an order.
        moment = datetime(2025, 1, 20, 10, index, tzinfo=UTC)
        ArticleBook(store, fixed_clock(moment)).create(body, article_id=article_id(number))


def seed_demo_cost_center_items(store: EekStore) -> None:
    for index, (center, short_name, name) in enumerate(_ITEMS):
        body = {"CostCenterId": cost_center_id(center), "ShortName": short_name, "Name": name, "IsActive": True}
        moment = datetime(2025, 1, 10, 8, index, tzinfo=UTC)
        book = CostCenterBook(store, fixed_clock(moment))
        book.create_item(body, item_id=cost_center_item_id(center, short_name))

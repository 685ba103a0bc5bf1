"""The in-memory eEkonomi fake with the sales catalogue and cost centers of the joint demo data.

Extends :class:`FakeEEkonomi` (customers, reference data, token check, request checks against the spec)
with articles, article account codings, units, VAT codes, cost centers and cost center items. Its own
answers are checked against the spec too, so the demo rows below are known to be valid wire data.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx

from brygga.http import jsonio
from tests.support.spec_validation import SpecValidator

from .fakes import FakeEEkonomi, _matches, error_response

CREATED = "2025-01-10T08:00:00Z"
WRITTEN = "2025-03-01T12:30:00Z"  # ChangedUtc of everything the client writes: after SERVER_TIME
_NAMESPACE = uuid.UUID("2f0b6f3e-6f1a-4d38-9a51-6c1f0d1e7a10")

Handler = Callable[[httpx.Request, str], httpx.Response]


def demo_id(kind: str, key: str) -> str:
    """A stable id per demo row, so tests can name rows without reading them first."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def _coding(name: str, english: str, kind: str, rate: str, account: int) -> dict[str, Any]:
    return {
        "Id": demo_id("coding", name),
        "Name": name,
        "NameEnglish": english,
        "Type": kind,
        "VatRate": rate,
        "VatRatePercent": Decimal(rate) / 100,
        "IsActive": True,
        "DomesticSalesSubjectToVatAccountNumber": account,
        "DomesticSalesVatExemptAccountNumber": 3004 if kind == "Goods" else 3044,
        "ChangedUtc": CREATED,
    }


CODINGS = [
    _coding("Tjänster 25% moms", "Services 25% VAT", "Service", "25", 3041),
    _coding("Tjänster 12% moms", "Services 12% VAT", "Service", "12", 3042),
    _coding("Tjänster 6% moms", "Services 6% VAT", "Service", "6", 3043),
    _coding("Tjänster momsfri", "Services VAT exempt", "Service", "0", 3044),
    _coding("Varor 25% moms", "Goods 25% VAT", "Goods", "25", 3001),
    _coding("Varor 12% moms", "Goods 12% VAT", "Goods", "12", 3002),
    _coding("Varor 6% moms", "Goods 6% VAT", "Goods", "6", 3003),
    _coding("Varor momsfri", "Goods VAT exempt", "Goods", "0", 3004),
]

UNITS = [
    {"Id": demo_id("unit", code), "Name": name, "Code": code, "Abbreviation": code, "AbbreviationEnglish": english}
    for name, code, english in [
        ("Timmar", "h", "h"),
        ("Kilometer", "km", "km"),
        ("Styck", "st", "pcs"),
        ("Kilogram", "kg", "kg"),
        ("Dag", "dag", "day"),
        ("Månad", "mån", "month"),
        ("Paket", "pkt", "pkg"),
        ("Liter", "l", "l"),
        ("Meter", "m", "m"),
        ("Natt", "natt", "night"),
    ]
]
UNITS[0]["Abbreviation"] = "tim"

VAT_CODES = [
    {"Id": demo_id("vatcode", code), "Code": code, "Description": text, "VatRate": rate, "OssCodeType": 0}
    for code, text, rate in [
        ("MP1", "Försäljning moms 25%", 25),
        ("MP2", "Försäljning moms 12%", 12),
        ("MP3", "Försäljning moms 6%", 6),
        ("MF", "Momsfri försäljning", 0),
    ]
]


def article_row(number: str, name: str, coding: str, unit: str, net: str, gross: str, **more: Any) -> dict[str, Any]:
    coding_row = next(row for row in CODINGS if row["Name"] == coding)
    unit_row = next(row for row in UNITS if row["Code"] == unit)
    return {
        "Id": demo_id("article", number),
        "Number": number,
        "Name": name,
        "IsActive": True,
        "CodingId": coding_row["Id"],
        "CodingName": coding,
        "UnitId": unit_row["Id"],
        "UnitName": unit_row["Name"],
        "UnitAbbreviation": unit_row["Abbreviation"],
        "NetPrice": Decimal(net),
        "GrossPrice": Decimal(gross),
        "PurchasePrice": Decimal("0.00"),
        "IsServiceArticle": coding_row["Type"] == "Service",
        "CreatedUtc": CREATED,
        "ChangedUtc": CREATED,
        **more,
    }


def demo_articles() -> list[dict[str, Any]]:
    return [
        article_row("P-100", "Licens Projektverktyg", "Tjänster 25% moms", "st", "1200.00", "1500.00"),
        article_row("P-130", "Serviceavtal månad", "Tjänster 25% moms", "mån", "2500.00", "3125.00"),
        article_row("A-900", "Hosting månadsavgift", "Tjänster 25% moms", "mån", "990.00", "1237.50"),
        article_row("A-901", "Support per ärende", "Tjänster 25% moms", "st", "650.00", "812.50"),
        article_row(
            "A-902", "Kaffe och fika", "Varor 12% moms", "st", "45.00", "50.40", ChangedUtc="2025-02-01T08:00:00Z"
        ),
        article_row("A-903", "Utgången artikel", "Varor 25% moms", "st", "10.00", "12.50", IsActive=False),
    ]


def _item(center: str, short_name: str, name: str) -> dict[str, Any]:
    return {
        "Id": demo_id("item", short_name),
        "CostCenterId": demo_id("costcenter", center),
        "Name": name,
        "ShortName": short_name,
        "IsActive": True,
        "CreatedUtc": CREATED,
    }


def demo_cost_centers() -> list[dict[str, Any]]:
    return [
        {
            "Id": demo_id("costcenter", "1"),
            "Number": 1,
            "Name": "Avdelning",
            "IsActive": True,
            "Items": [_item("1", "STH", "Stockholm"), _item("1", "GBG", "Göteborg")],
        },
        {
            "Id": demo_id("costcenter", "2"),
            "Number": 2,
            "Name": "Projekt",
            "IsActive": True,
            "Items": [
                _item("2", "2003", "Nordvik Kontorsbygge"),
                _item("2", "2004", "Älvsjö Mässhall"),
                _item("2", "HAMN", "Hamnprojektet"),
            ],
        },
        {"Id": demo_id("costcenter", "3"), "Number": 3, "Name": "Kostnadsbärare", "IsActive": True, "Items": []},
    ]


def _json(status: int, body: Any) -> httpx.Response:
    return httpx.Response(status, content=jsonio.dumps(body), headers={"Content-Type": "application/json"})


class FakeCatalogEEkonomi(FakeEEkonomi):
    """``codings`` replaces the demo codings (e.g. with ``VatRatePercent`` as whole percentages)."""

    def __init__(self, codings: list[dict[str, Any]] | None = None) -> None:
        super().__init__()
        self.articles = {row["Id"]: row for row in demo_articles()}
        self.codings = codings if codings is not None else CODINGS
        self.cost_centers = demo_cost_centers()
        self.response_problems: list[str] = []
        self._handlers: dict[str, Handler] = {
            "articles": self._articles,
            "articleaccountcodings": lambda request, rest: self._read_only(request, rest, self.codings),
            "units": lambda request, rest: self._read_only(request, rest, UNITS),
            "vatcodes": lambda request, rest: self._read_only(request, rest, VAT_CODES),
            "costcenters": self._cost_centers,
            "costcenteritems": self._items,
        }

    def __call__(self, request: httpx.Request) -> httpx.Response:
        response = super().__call__(request)
        self.response_problems += SpecValidator.eekonomi().validate_response(
            request.method,
            str(request.url),
            response.status_code,
            response.content,
            response.headers.get("Content-Type"),
        )
        return response

    def _route(self, request: httpx.Request) -> httpx.Response:
        _, _, resource, *rest = request.url.path.split("/")
        handler = self._handlers.get(resource)
        if handler is None:
            return super()._route(request)
        return handler(request, rest[0] if rest else "")

    def _listed(self, request: httpx.Request, rows: list[dict[str, Any]]) -> httpx.Response:
        expression = request.url.params.get("$filter")
        return self._page(request, [row for row in rows if _matches(row, expression)])

    def _read_only(self, request: httpx.Request, row_id: str, rows: list[dict[str, Any]]) -> httpx.Response:
        if not row_id:
            return self._listed(request, rows)
        row = next((row for row in rows if row["Id"] == row_id), None)
        return _json(200, row) if row else error_response(404, 3000, "ResourceNotFound")

    # articles -----------------------------------------------------------------------------------------
    def _articles(self, request: httpx.Request, article_id: str) -> httpx.Response:
        if not article_id:
            if request.method == "POST":
                return self._store_article(request, str(uuid.uuid4()), WRITTEN)
            return self._listed(request, list(self.articles.values()))
        if article_id not in self.articles:
            return error_response(404, 3000, "ResourceNotFound")
        if request.method == "PUT":
            return self._store_article(request, article_id, self.articles[article_id]["CreatedUtc"])
        return _json(200, self.articles[article_id])

    def _store_article(self, request: httpx.Request, article_id: str, created: str) -> httpx.Response:
        body = jsonio.loads(request.content)
        clash = [row for row in self.articles.values() if row["Number"] == body["Number"] and row["Id"] != article_id]
        if clash:
            return error_response(400, 4000, "Conflict - An article with this number already exists.")
        coding = next(row for row in self.codings if row["Id"] == body["CodingId"])
        unit = next(row for row in UNITS if row["Id"] == body["UnitId"])
        row = {
            **body,
            "Id": article_id,
            "CodingName": coding["Name"],
            "UnitName": unit["Name"],
            "UnitAbbreviation": unit["Abbreviation"],
            "IsServiceArticle": coding["Type"] == "Service",
            "CreatedUtc": created,
            "ChangedUtc": WRITTEN,
        }
        self.articles[article_id] = row
        return _json(201 if request.method == "POST" else 200, row)

    # cost centers ----------------------------------------------------------------------------------
    def _cost_centers(self, request: httpx.Request, center_id: str) -> httpx.Response:
        if not center_id:
            return self._page(request, self.cost_centers)
        center = next((row for row in self.cost_centers if row["Id"] == center_id), None)
        if center is None:
            return error_response(404, 3000, "ResourceNotFound")
        body = jsonio.loads(request.content)
        center.update(Name=body["Name"], IsActive=body.get("IsActive", center["IsActive"]))
        return _json(200, center)

    def _find_item(self, item_id: str) -> dict[str, Any] | None:
        items = (item for center in self.cost_centers for item in center["Items"])
        return next((item for item in items if item["Id"] == item_id), None)

    def _items(self, request: httpx.Request, item_id: str) -> httpx.Response:
        if not item_id:
            return self._create_item(jsonio.loads(request.content))
        item = self._find_item(item_id)
        if item is None:
            return error_response(404, 3000, "ResourceNotFound")
        if request.method == "PUT":
            body = jsonio.loads(request.content)
            item.update(Name=body["Name"], ShortName=body["ShortName"], IsActive=body["IsActive"])
        return _json(200, item)

    def _create_item(self, body: dict[str, Any]) -> httpx.Response:
        center = next(row for row in self.cost_centers if row["Id"] == body["CostCenterId"])
        if any(item["ShortName"] == body["ShortName"] for item in center["Items"]):
            return error_response(400, 4000, "Conflict - A cost center item with this short name already exists.")
        item = {**body, "Id": str(uuid.uuid4()), "CreatedUtc": WRITTEN}
        center["Items"].append(item)
        return _json(201, item)

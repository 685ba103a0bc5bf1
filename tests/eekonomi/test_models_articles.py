from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from brygga.eekonomi import (
    ARTICLE_LIMITS,
    ARTICLE_READ_ONLY,
    ARTICLE_REQUIRED,
    COST_CENTER_ITEM_LIMITS,
    COST_CENTER_ITEM_READ_ONLY,
    COST_CENTER_ITEM_REQUIRED,
    COST_CENTER_LIMITS,
    COST_CENTER_READ_ONLY,
    COST_CENTER_REQUIRED,
    Article,
    ArticleAccountCoding,
    CostCenter,
    CostCenterItem,
    Unit,
    VatCode,
    vat_fraction,
)
from brygga.eekonomi.models import WireModel
from brygga.eekonomi.models_articles import ARTICLE_ACCOUNT_CODING_READ_ONLY
from brygga.http import jsonio
from tests.support.spec_loading import eekonomi_spec

WIRE_ARTICLE = b"""{
  "Id": "6d1f3c1e-0000-4000-8000-000000000100", "Number": "P-100", "Name": "Licens Projektverktyg",
  "NameEnglish": null, "IsActive": true, "NetPrice": 1200.00, "GrossPrice": 1500.00, "PurchasePrice": 800.10,
  "CodingId": "6d1f3c1e-0000-4000-8000-000000000001", "CodingName": "Tj\\u00e4nster 25% moms",
  "UnitId": "6d1f3c1e-0000-4000-8000-000000000002", "UnitName": "Styck", "UnitAbbreviation": "st",
  "IsServiceArticle": true, "StockBalance": 0.00, "StockValue": 0.00, "ShowStockInformation": false,
  "CreatedUtc": "2025-01-10T08:00:00Z", "ChangedUtc": "2025-01-11T09:30:00", "MessageThreads": [], "Notes": [],
  "ArticleLabels": [], "SendToWebshop": true, "FreightCosts": 12.50, "Note": "Per anv\\u00e4ndare"
}"""


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = eekonomi_spec()["components"]["schemas"][name]
    return schema


def _read_only(name: str) -> set[str]:
    return {prop_name for prop_name, prop in _schema(name)["properties"].items() if prop.get("readOnly")}


def _limits(name: str) -> dict[str, int]:
    properties = _schema(name)["properties"]
    return {prop_name: prop["maxLength"] for prop_name, prop in properties.items() if "maxLength" in prop}


@pytest.mark.parametrize(
    ("schema_name", "read_only", "required", "limits"),
    [
        ("ArticleApi", ARTICLE_READ_ONLY, ARTICLE_REQUIRED, ARTICLE_LIMITS),
        ("CostCenterApi", COST_CENTER_READ_ONLY, COST_CENTER_REQUIRED, COST_CENTER_LIMITS),
        ("CostCenterItemApi", COST_CENTER_ITEM_READ_ONLY, COST_CENTER_ITEM_REQUIRED, COST_CENTER_ITEM_LIMITS),
        ("ArticleAccountCodingApi", ARTICLE_ACCOUNT_CODING_READ_ONLY, frozenset(), {}),
        ("UnitApi", Unit.READ_ONLY, frozenset(), {}),
        ("VatCodeApi", VatCode.READ_ONLY, frozenset(), {}),
    ],
)
def test_tables_match_the_spec(
    schema_name: str, read_only: frozenset[str], required: frozenset[str], limits: dict[str, int]
) -> None:
    assert _read_only(schema_name) == read_only
    assert set(_schema(schema_name).get("required", [])) == required
    assert _limits(schema_name) == limits


@pytest.mark.parametrize(
    ("model", "schema_name"),
    [
        (Article, "ArticleApi"),
        (ArticleAccountCoding, "ArticleAccountCodingApi"),
        (Unit, "UnitApi"),
        (VatCode, "VatCodeApi"),
        (CostCenter, "CostCenterApi"),
        (CostCenterItem, "CostCenterItemApi"),
    ],
)
def test_every_modelled_alias_exists_in_the_spec(model: type[WireModel], schema_name: str) -> None:
    properties = _schema(schema_name)["properties"]
    assert [f.alias for f in model.model_fields.values() if f.alias not in properties] == []


def test_models_use_their_read_only_tables() -> None:
    assert Article.READ_ONLY is ARTICLE_READ_ONLY
    assert CostCenter.READ_ONLY is COST_CENTER_READ_ONLY
    assert CostCenterItem.READ_ONLY is COST_CENTER_ITEM_READ_ONLY


def test_article_prices_survive_a_round_trip_exactly() -> None:
    article = Article.model_validate(jsonio.loads(WIRE_ARTICLE))
    assert (article.net_price, article.gross_price) == (Decimal("1200.00"), Decimal("1500.00"))
    assert article.purchase_price == Decimal("800.10")
    sent = jsonio.dumps(article.to_body())
    for fragment in (b'"NetPrice": 1200.00', b'"GrossPrice": 1500.00', b'"PurchasePrice": 800.10'):
        assert fragment in sent
    assert b'"FreightCosts": 12.50' in sent  # not modelled, kept exactly
    again = Article.model_validate(jsonio.loads(sent))
    assert again.net_price == Decimal("1200.00") and str(again.net_price) == "1200.00"


def test_article_body_drops_read_only_fields_and_keeps_the_rest() -> None:
    article = Article.model_validate(jsonio.loads(WIRE_ARTICLE))
    body = article.to_body()
    assert not set(body) & ARTICLE_READ_ONLY
    assert {"Number", "Name", "CodingId", "UnitId", "IsActive"} <= set(body)
    assert body["Note"] == "Per användare"
    assert body["ArticleLabels"] == [] and body["SendToWebshop"] is True
    assert "NameEnglish" in body and body["NameEnglish"] is None  # a full replace must not lose it


def test_a_new_article_sends_only_what_was_set() -> None:
    article = Article(
        number="P-170", name="Konferenslunch", coding_id="c", unit_id="u", is_active=True, net_price=Decimal("185.00")
    )
    assert article.to_body() == {
        "Number": "P-170",
        "Name": "Konferenslunch",
        "CodingId": "c",
        "UnitId": "u",
        "IsActive": True,
        "NetPrice": Decimal("185.00"),
    }


def test_article_timestamps_are_aware() -> None:
    article = Article.model_validate(jsonio.loads(WIRE_ARTICLE))
    assert article.created_utc == datetime(2025, 1, 10, 8, tzinfo=UTC)
    assert article.changed_utc == datetime(2025, 1, 11, 9, 30, tzinfo=UTC)  # sent without offset: UTC


@pytest.mark.parametrize(
    ("sent", "fraction"),
    [
        ("0.25", "0.25"),
        ("25", "0.25"),
        ("25.0", "0.25"),
        ("0.12", "0.12"),
        ("12", "0.12"),
        ("0.06", "0.06"),
        ("6", "0.06"),
        ("0", "0"),
        ("0.0", "0"),
        ("12.5", "0.125"),
    ],
)
def test_vat_rate_percent_as_fraction_or_percentage_gives_the_fraction(sent: str, fraction: str) -> None:
    wire = b'{"Id": "x", "Name": "T", "VatRate": "25", "VatRatePercent": ' + sent.encode() + b"}"
    coding = ArticleAccountCoding.model_validate(jsonio.loads(wire))
    assert coding.vat_rate == Decimal(fraction)
    assert str(coding.vat_rate) == fraction  # the same text either way, so a cached rate never looks changed
    assert coding.vat_rate_code == "25"


def test_vat_rate_is_none_without_a_percent() -> None:
    assert ArticleAccountCoding(name="Utan moms").vat_rate is None
    assert vat_fraction(None) is None


def test_coding_keeps_the_vat_code_text_on_the_wire() -> None:
    coding = ArticleAccountCoding.model_validate({"VatRate": "MP1", "VatRatePercent": Decimal("0.25")})
    assert coding.model_dump(by_alias=True, exclude_unset=True) == {"VatRate": "MP1", "VatRatePercent": Decimal("0.25")}


@pytest.mark.parametrize(
    ("kind", "is_service"),
    [
        ("Service", True),
        ("Services", True),
        ("SERVICES", True),
        (" service ", True),
        ("Goods", False),
        ("goods", False),
        ("Other", None),
        (None, None),
    ],
)
def test_is_service_reads_the_coding_type(kind: str | None, is_service: bool | None) -> None:
    assert ArticleAccountCoding(type=kind).is_service is is_service


def test_vat_code_rate_is_kept_as_sent_with_a_fraction_beside_it() -> None:
    code = VatCode.model_validate(
        {"Id": "v", "Code": "MP2", "VatRate": 12, "RelatedAccounts": {"AccountNumber1": 2621}}
    )
    assert code.vat_rate == Decimal(12)
    assert code.vat_fraction == Decimal("0.12")
    assert code.related_accounts == {"AccountNumber1": 2621}


def test_cost_center_body_sends_only_name_and_active_flag() -> None:
    wire = {
        "Id": "c",
        "Number": 2,
        "Name": "Projekt",
        "IsActive": True,
        "Items": [{"Id": "i", "CostCenterId": "c", "Name": "Hamnprojektet", "ShortName": "HAMN", "IsActive": True}],
    }
    center = CostCenter.model_validate(wire)
    assert center.items is not None and center.items[0].short_name == "HAMN"
    assert center.to_body() == {"Name": "Projekt", "IsActive": True}


def test_cost_center_item_body_drops_id_and_created() -> None:
    item = CostCenterItem.model_validate(
        {
            "Id": "i",
            "CostCenterId": "c",
            "Name": "Nordvik Kontorsbygge",
            "ShortName": "2003",
            "IsActive": True,
            "CreatedUtc": "2025-01-10T08:00:00Z",
        }
    )
    assert item.created_utc == datetime(2025, 1, 10, 8, tzinfo=UTC)
    assert item.to_body() == {
        "CostCenterId": "c",
        "Name": "Nordvik Kontorsbygge",
        "ShortName": "2003",
        "IsActive": True,
    }

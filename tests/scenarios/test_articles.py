"""Articles end to end over loopback: PM products, work types and travel types <-> eEkonomi articles."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from brygga.transfer.outcome import Outcome
from tests.scenarios.harness import World

pytestmark = pytest.mark.scenario

BROKEN = {"P-130": "A2", "P-140": "A8", "P-150": "A7", "TÅG": "A7"}


def eek_articles(world: World) -> dict[str, list[dict[str, Any]]]:
    result: dict[str, list[dict[str, Any]]] = {}
    for doc in world.eek.store.articles.all():
        result.setdefault(str(doc["Number"]), []).append(dict(doc))
    return result


def pm_products(world: World) -> dict[str, list[dict[str, Any]]]:
    result: dict[str, list[dict[str, Any]]] = {}
    for doc in world.pm.store.all("products"):
        result.setdefault(str(doc.get("code")), []).append(dict(doc))
    return result


def coding_name(world: World, coding_id: str) -> str:
    return str(world.eek.store.article_codings.get(coding_id)["Name"])


def unit_code(world: World, unit_id: str) -> str:
    return str(world.eek.store.units.get(unit_id)["Code"])


async def test_a1_first_run_moves_articles_both_ways_and_reports_each_broken_one(world: World) -> None:
    report = await world.run("articles")
    articles = report.categories["articles"]
    counts = (articles.count(Outcome.SUCCEEDED), articles.count(Outcome.FAILED), articles.count(Outcome.SKIPPED))
    assert counts == (21, 7, 0)  # 16 from PM, 5 eEkonomi articles (A-900..A-903 and DIV) to PM
    errors = {o.key: o for o in report.errors()}
    assert {key: errors[key].rule_id for key in BROKEN} == BROKEN
    assert sorted(o.rule_id for o in report.errors() if o.key == "(utan nummer)") == ["A6", "A6", "A6"]
    assert errors["P-140"].message == (
        "Could not add product P-140 to Visma eAccounting. ErrorCode: 2000, DeveloperErrorMessage: "
        "ValidateModelAttributeException - Error converting value {null} to type 'System.Guid'. Path 'CodingId', "
        "line 8, position 18."
    )
    assert "Produkten saknar moms angivelse" in errors["P-140"].hint
    assert errors["TÅG"].message.startswith("Could not add travel expense TÅG to Visma eAccounting. ErrorCode: 2000")
    assert any("Tjänster x% moms" in notice for notice in articles.notices)  # A3: review the codings
    eek = eek_articles(world)
    assert all(len(docs) == 1 for docs in eek.values())  # P-100 linked, not duplicated
    assert eek["P-130"][0]["Name"] == "Serviceavtal månad"  # the clash is reported, not overwritten
    pm = pm_products(world)
    assert {"A-900", "A-901", "A-902", "A-903", "DIV"} <= set(pm)  # eEk's own articles became PM products (A1)


async def test_a3_a4_a5_codings_units_and_prices(world: World) -> None:
    await world.run("articles")
    eek = {number: docs[0] for number, docs in eek_articles(world).items()}
    expected = {
        # number: (coding, unit code, net, gross)
        "P-110": ("Tjänster 25% moms", "dag", "9500.00", "11875.00"),
        "P-120": ("Tjänster 6% moms", "st", "450.00", "477.00"),
        "P-170": ("Tjänster 12% moms", "st", "185.00", "207.20"),
        "P-180": ("Tjänster 25% moms", "st", "49.00", "61.25"),  # "påse" is unknown to eEk: pieces (A4)
        "KONS": ("Tjänster 25% moms", "h", "1250.00", "1562.50"),  # work type: hours, price list, default VAT
        "MIL": ("Tjänster 25% moms", "km", "3.50", "4.38"),  # 4.375 rounds half away from zero
        "TRAKT": ("Tjänster momsfri", "dag", "290.00", "290.00"),
    }
    for number, (coding, unit, net, gross) in expected.items():
        article = eek[number]
        assert coding_name(world, article["CodingId"]) == coding, number
        assert unit_code(world, article["UnitId"]) == unit, number
        assert (Decimal(str(article["NetPrice"])), Decimal(str(article["GrossPrice"]))) == (
            Decimal(net),
            Decimal(gross),
        ), number


async def test_a9_inactive_items_are_transferred_as_inactive(world: World) -> None:
    await world.run("articles")
    eek = {number: docs[0] for number, docs in eek_articles(world).items()}
    assert eek["P-160"]["IsActive"] is False and eek["GAMMAL"]["IsActive"] is False
    assert eek["P-110"]["IsActive"] is True
    assert pm_products(world)["A-903"][0]["isActive"] is False


async def test_s2_with_eekonomi_as_master_updates_flow_from_eekonomi_only(world: World) -> None:
    await world.run("articles")
    eek = {number: docs[0] for number, docs in eek_articles(world).items()}

    async def rename_in_eek(session: Any) -> None:
        current = await session.eek.articles.get(eek["A-900"]["Id"])
        await session.eek.articles.update(current.id, current.model_copy(update={"name": "Hosting per månad"}))

    await world.with_session(rename_in_eek)
    p110 = pm_products(world)["P-110"][0]["guid"]
    await world.with_session(lambda s: s.pm.products.update(p110, {"name": "Utbildningsdag heldag"}))
    report = await world.run("articles")
    assert pm_products(world)["A-900"][0]["name"] == "Hosting per månad"
    assert eek_articles(world)["P-110"][0]["Name"] == "Utbildningsdag"  # PM is not the master (S2)
    skipped = {o.key: o for o in report.categories["articles"].outcomes if o.outcome is Outcome.SKIPPED}
    assert skipped["P-110"].rule_id == "S2" and "huvudsystem" in skipped["P-110"].message


async def test_a2_with_pm_as_master_a_renamed_linked_product_propagates(world: World) -> None:
    world.set("master_articles", "pm")
    await world.run("articles")
    p100 = pm_products(world)["P-100"][0]["guid"]
    await world.with_session(lambda s: s.pm.products.update(p100, {"name": "Licens Projektverktyg Pro"}))
    await world.run("articles")
    assert [doc["Name"] for doc in eek_articles(world)["P-100"]] == ["Licens Projektverktyg Pro"]


async def test_a1_rerun_writes_nothing(world: World) -> None:
    await world.run("articles")
    await world.run("articles")
    assert world.last_write_calls == 0


async def test_x5_dry_run_writes_nothing(world: World) -> None:
    before = (len(world.eek.store.articles.all()), len(world.pm.store.all("products")))
    report = await world.run("articles", dry_run=True)
    assert world.last_write_calls == 0
    assert (len(world.eek.store.articles.all()), len(world.pm.store.all("products"))) == before
    plan = {(row["object"], row["action"]) for row in report.to_json()["categories"]["articles"]["plan"]}
    assert {("P-100", "link"), ("P-110", "create"), ("A-900", "create"), ("P-150", "reject")} <= plan


async def test_x6_lost_answer_while_creating_an_article_leaves_no_duplicate(world: World) -> None:
    world.eek.faults.drop_next("POST", "/v2/articles")
    first = await world.run("articles")
    assert any("kom aldrig fram" in o.hint for o in first.errors())
    await world.run("articles")
    assert all(len(docs) == 1 for docs in eek_articles(world).values())
    assert not world.store.protocol.pending_intents("articles")

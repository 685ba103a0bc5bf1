# ruff: noqa: F811 - the bench fixture is imported from the customer end-to-end tests
"""What a run tells afterwards, against both emulators in-process: skipped objects keep their reason (C1, I7),
a run with some failures is "partial" (Delvis klar), a dry run counts what would happen (X5), messages come in the
user's words with the original's text as detail, and ``failed_only`` retries exactly what failed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from brygga.eekonomi import models as eek
from brygga.errors import ConfigError, RuleViolation
from brygga.mapping.article_rules import check_vat_and_lengths
from brygga.store import ItemRecord
from brygga.transfer.outcome import Action, Outcome, failure_from_error
from brygga.transfer.report import CategoryReport
from tests.transfer.test_customers_end_to_end import Bench, bench  # noqa: F401 - the fixture

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/postgres/plugin.py)

SKIPPED_INACTIVE = "1004"  # Gamla Tryckeriet AB, inactive in PM
NO_ADDRESS = "1002"  # Hudiksvalls Måleri AB (C5)


@pytest.mark.parametrize("lang", ["sv", "en"])
async def test_c1_skipped_objects_are_listed_with_their_reason_in_the_json(bench: Bench, lang: str) -> None:
    report, _ = await bench.run()
    skipped = report.to_json(lang)["skipped"]
    [inactive] = [item for item in skipped if item["object"] == SKIPPED_INACTIVE]
    assert inactive["category"] == "customers" and inactive["name"] == "Gamla Tryckeriet AB"
    assert inactive["rule"] == "C1"
    expected = "Inaktiv kund: förs inte över." if lang == "sv" else "Inactive customer: not transferred"
    assert inactive["reason"] == expected
    assert "(C1)" not in inactive["reason"]  # rule ids go beside the text, not into it


async def test_c1_skipped_reasons_are_kept_in_the_store_with_the_run(bench: Bench) -> None:
    report, _ = await bench.run()
    [record] = [r for r in bench.store.runs.latest_items(("skipped",)) if r.object_key == SKIPPED_INACTIVE]
    assert record.run_id == report.run_id and record.rule_id == "C1"
    assert record.headline("sv") == "Inaktiv kund: förs inte över."
    assert record.headline("en") == "Inactive customer: not transferred"
    assert bench.store.runs.latest_items(("skipped",), category="articles") == []


async def test_x1_a_run_where_some_failed_and_others_succeeded_is_partial(bench: Bench) -> None:
    report, _ = await bench.run()
    assert report.categories["customers"].state == "partial" and report.state == "partial"
    [(_, _, status, _, _)] = bench.store.runs.history()
    assert status == "partial"
    last = bench.store.runs.last_run_by_category()["customers"]
    assert (last.run_id, last.status) == (report.run_id, "partial")
    assert last.counts["failed"] >= 1 and last.counts["succeeded"] >= 1 and last.counts["skipped"] == 1


async def test_x3_last_run_per_category_is_empty_on_a_fresh_store(bench: Bench) -> None:
    assert bench.store.runs.last_run_by_category() == {}
    assert bench.store.runs.latest_items(("failed", "skipped")) == []


async def test_x5_dry_run_counts_what_would_happen_and_what_is_already_linked(bench: Bench) -> None:
    planned, _ = await bench.run(dry_run=True)
    would = planned.categories["customers"].would_counts()
    assert would["create"] >= 2 and would["link"] == 1 and would["skip"] == 1 and would["reject"] >= 1
    assert planned.to_json()["categories"]["customers"]["would"] == would
    await bench.run()
    again, _ = await bench.run(dry_run=True)
    would_again = again.categories["customers"].would_counts()
    assert would_again["create"] == 0 and would_again["link"] == 0
    assert would_again["unchanged"] == bench.store.protocol.link_count("customers") > 0


def test_x5_a_plan_with_nothing_to_do_is_nothing() -> None:
    empty = CategoryReport("orders", planned_only=True)
    assert empty.state == "nothing" and sum(empty.would_counts().values()) == 0


async def test_x1_failed_only_retries_exactly_the_failed_objects(bench: Bench) -> None:
    first, _ = await bench.run()
    failed = {(o.direction, o.key) for o in first.errors()}
    assert (("pm->eek", NO_ADDRESS)) in failed
    cursor_before = bench.store.protocol.cursor("customers", "pm")
    retry = await bench.session.run(["customers"], failed_only=True)
    tried = {(o.direction, o.key) for o in retry.categories["customers"].outcomes if o.action is not Action.NONE}
    assert tried == failed
    assert bench.store.protocol.cursor("customers", "pm") == cursor_before  # a cut plan never moves the cursor


async def test_x1_failed_only_with_nothing_failed_tries_nothing_and_says_so(bench: Bench) -> None:
    retry = await bench.session.run(["articles"], failed_only=True)
    category = retry.categories["articles"]
    assert category.outcomes == [] and any("inget att försöka igen" in n for n in category.notices)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a8_headline_in_the_users_words_and_the_original_text_as_detail(lang: str) -> None:
    from brygga.domain import Article
    from brygga.domain.article import ArticleKind

    article = Article(number="P-140", name="Hyrd utrustning", kind=ArticleKind.PRODUCT, vat_rate=None)
    violation = check_vat_and_lengths(article, {"Name": article.name}, "add")
    assert isinstance(violation, RuleViolation)
    outcome = failure_from_error(
        violation, category="articles", direction="pm->eek", key="P-140", name=article.name, action=Action.CREATE
    )
    assert outcome.headline(lang) == ("Produkten saknar momssats" if lang == "sv" else "The product has no VAT rate")
    assert outcome.detail(lang).startswith("Could not add product P-140 to Visma eAccounting")
    assert outcome.hint_in(lang).startswith("Produkten saknar moms" if lang == "sv" else "The product")


def test_x2_a_category_stopped_as_a_whole_is_failed_and_run_level() -> None:
    stop = failure_from_error(
        ConfigError("Visma PM är inte ansluten.", hint="Anslut med brygga connect severa"),
        category="customers",
        direction="",
        key="",
        name="",
        action=Action.NONE,
    )
    report = CategoryReport("customers", [stop])
    assert stop.is_run_level and stop.outcome is Outcome.FAILED and report.state == "failed"
    assert report.stopped is stop


@pytest.mark.parametrize(
    ("lang", "headline"),
    [
        ("sv", "Ingen resultatenhet är vald för projekt (inställningen project_cost_center)."),
        ("en", "No cost center is chosen for projects (the setting project_cost_center)."),
    ],
)
async def test_s3_a_settings_problem_stops_the_category_in_the_users_language(
    bench: Bench, lang: str, headline: str
) -> None:
    report = await bench.session.run(["projects"])
    [error] = report.to_json(lang)["errors"]
    assert (error["object"], error["message"], error["detail"]) == (None, headline, "")
    assert "project_cost_center" in error["hint"]
    assert report.state == "failed"


async def test_c1_a_skip_stays_listed_until_a_later_run_says_otherwise(bench: Bench) -> None:
    runs = bench.store.runs

    def run_with(*items: tuple[str, str]) -> None:
        run_id = runs.start(["customers"], dry_run=False)
        records = [ItemRecord("customers", "pm->eek", key, f"Kund {key}", "skip", outcome) for key, outcome in items]
        runs.add_items(run_id, records)
        runs.finish(run_id, "ok", "")

    run_with(("1004", "skipped"), ("1", "succeeded"))
    run_with(("2", "succeeded"))  # an incremental run that did not read 1004 again
    assert [r.object_key for r in runs.latest_items(("skipped",))] == ["1004"]
    run_with(("1004", "succeeded"))  # made active and transferred
    assert runs.latest_items(("skipped",)) == []


async def test_x1_a_rerun_where_only_the_broken_ones_fail_is_partly_done_not_failed(bench: Bench) -> None:
    await bench.run()
    second, _ = await bench.run()
    customers = second.categories["customers"]
    assert customers.failed and customers.count(Outcome.SUCCEEDED) == 0 and customers.already_linked > 0
    assert customers.state == "partial" and second.state == "partial"
    assert bench.store.runs.last_run_by_category()["customers"].status == "partial"


def test_x1_everything_failing_with_nothing_in_sync_is_failed() -> None:
    only_failures = CategoryReport(
        "customers",
        [
            failure_from_error(
                RuleViolation("C5", "ingen adress"),
                category="customers",
                direction="pm->eek",
                key="1",
                name="A",
                action=Action.CREATE,
            )
        ],
    )
    assert only_failures.state == "failed"
    only_failures.already_linked = 3
    assert only_failures.state == "partial"


async def test_c12_an_eekonomi_object_that_failed_is_tried_again_after_the_cursor_has_passed_it(bench: Bench) -> None:
    terms = [t async for t in bench.session.eek.terms_of_payment.iter() if t.number_of_days == 30]
    await bench.session.eek.customers.create(
        eek.Customer(
            customer_number="9002",
            name="Dollar Inc",
            is_private_person=False,
            is_active=True,
            invoice_address1="Main Street 1",
            invoice_postal_code="10001",
            invoice_city="New York",
            invoice_country_code="US",
            currency_code="USD",  # not active in PM: refused there (C11)
            terms_of_payment_id=terms[0].id or "",
        )
    )
    first, _ = await bench.run()
    assert [(o.direction, o.rule_id) for o in first.errors() if o.key == "9002"] == [("eek->pm", "C11")]
    # An hour later: eEkonomi's list of what changed since the cursor no longer has it.
    bench.store.protocol.set_cursor("customers", "eekonomi", datetime.now(UTC) + timedelta(hours=1))
    again, _ = await bench.run()
    # Read by itself, from the retry set.
    assert [(o.direction, o.rule_id) for o in again.errors() if o.key == "9002"] == [("eek->pm", "C11")]

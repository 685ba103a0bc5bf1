"""Månadsrapport without the emulators: which month is meant (Swedish time), the store's facts of a month on SQLite
and PostgreSQL, and the empty cases: a company with no connection, a future month, a month not yet reconciled."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from brygga.config import Settings
from brygga.demo import DEMO_ORDERS
from brygga.errors import ConfigError
from brygga.orders.commands import orders_import_command
from brygga.report import EekState, InvoiceLine, Month, MonthReport, Totals, build_month_report, store_facts
from brygga.report.csv_out import to_csv
from brygga.report.json_out import to_json
from brygga.store import ItemRecord, Link, Store
from brygga.store.orders import DraftSummary, OrderStore
from brygga.store.reconcile import NewFinding, ReconcileStore

pytestmark = pytest.mark.both_databases


def test_default_month_is_last_month_in_swedish_time() -> None:
    new_year_in_sweden = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January 2027 in Stockholm
    assert Month.previous(new_year_in_sweden) == Month(2026, 12)
    assert Month.previous(datetime(2026, 12, 31, 22, 30, tzinfo=UTC)) == Month(2026, 11)
    november = Month.parse("2026-11")
    assert november.start == datetime(2026, 10, 31, 23, 0, tzinfo=UTC)  # midnight in Sweden, winter time
    assert november.end == datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    assert Month.parse("2026-07").start == datetime(2026, 6, 30, 22, 0, tzinfo=UTC)  # summer time


@pytest.mark.parametrize("text", ["2026-13", "11-2026", "2026/11", "", "1999-01"])
def test_a_month_that_cannot_be_read_says_how_to_write_it(text: str) -> None:
    with pytest.raises(ConfigError) as raised:
        Month.parse(text)
    assert "ÅÅÅÅ-MM" in raised.value.hint and raised.value.hint_en


async def test_a_company_with_no_connection_is_told_what_to_connect(store: Store, settings: Settings) -> None:
    with pytest.raises(ConfigError) as raised:
        await build_month_report(store, settings, Month(2026, 11), now=lambda: datetime(2026, 12, 7, tzinfo=UTC))
    assert raised.value.message == "Månadsrapporten kan inte tas fram: Visma PM och Visma eEkonomi är inte anslutna."
    assert "Anslutningar" in raised.value.hint and "not connected" in raised.value.message_en


async def test_a_future_month_reads_nothing_and_says_it_has_not_begun(store: Store, settings: Settings) -> None:
    report = await build_month_report(store, settings, Month(2027, 1), now=lambda: datetime(2026, 12, 7, tzinfo=UTC))
    assert report.future and report.invoices == () and report.api_reads == {}
    assert to_json(report)["future"] is True


def test_the_store_facts_of_a_month_are_the_month_s_links_skips_and_orders(store: Store) -> None:
    this_month = Month.of(datetime.now(UTC).date())
    store.protocol.save_link(Link("invoices", "pm-1", "draft-1", None, None))
    store.protocol.save_link(Link("customers", "c-1", "e-1", None, None))  # not an invoice
    run = store.runs.start(["invoices"], dry_run=False)
    skipped = ItemRecord("invoices", "pm->eek", "pm-9", "1001 Åberg AB", "skip", "skipped", "I7", "Kreditfaktura.")
    store.runs.add_items(run, [skipped, skipped])  # skipped by two runs: one credit invoice
    dry = store.runs.start(["invoices"], dry_run=True)
    store.runs.add_items(dry, [ItemRecord("invoices", "pm->eek", "pm-8", "x", "skip", "skipped", "I7", "K.")])
    orders_import_command(store, DEMO_ORDERS)
    first = OrderStore(store.db, store.tenant).all()[0]
    OrderStore(store.db, store.tenant).mark_transferred(
        first.order_number, DraftSummary("d-1", "Kund AB", Decimal("4975.00"), "SEK")
    )

    assert [(t.pm_id, t.draft_id) for t in store_facts.transferred(store, this_month)] == [("pm-1", "draft-1")]
    assert [(s.object_key, s.name) for s in store_facts.credit_skips(store, this_month)] == [("pm-9", "1001 Åberg AB")]
    [order] = store_facts.orders_drafted(store, this_month)
    assert (order.order_number, order.total, order.draft_id) == (first.order_number, Decimal("4975.00"), "d-1")
    earlier = Month(this_month.year - 1, this_month.month)
    assert store_facts.transferred(store, earlier) == store_facts.credit_skips(store, earlier) == []
    assert store_facts.orders_drafted(store, earlier) == []
    assert store_facts.open_findings(store) is None  # no reconcile made yet


def test_csv_is_swedish_excel_with_decimal_comma_and_parses_back_to_the_ore() -> None:
    at = datetime(2026, 11, 3, 9, tzinfo=UTC)
    pm = Totals(Decimal("1234.50"), Decimal("308.63"), Decimal("1543.13"))
    line = InvoiceLine("g", "1001", "1001 Åkesson; Söner", at, "SEK", pm, pm, EekState.PAID, 10001, Decimal("-0.13"))
    report = MonthReport("default", "Demo AB", Month(2026, 11), at, invoices=(line,))
    body = to_csv(report)
    assert body.startswith(b"\xef\xbb\xbf") and b"\r\n" in body
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:3] == ["Typ", "Nummer i Visma PM", "Kund"]
    assert rows[1][2] == "1001 Åkesson; Söner"  # the semicolon in the name is quoted, not a new column
    assert rows[1][5:8] == ["1234,50", "308,63", "1543,13"] and rows[1][11] == "-0,13"
    assert rows[1][12:15] == ["Betald", "10001", ""]
    assert rows[2][0] == "Summa" and Decimal(rows[2][7].replace(",", ".")) == pm.gross
    english = list(csv.reader(io.StringIO(to_csv(report, "en").decode("utf-8-sig")), delimiter=";"))
    assert english[0][1] == "Number in Visma PM" and english[1][12] == "Paid"


def test_open_findings_are_the_latest_reconcile_s_and_none_before_the_first(store: Store) -> None:
    assert store_facts.open_findings(store) is None
    reconcile = ReconcileStore(store.db, store.tenant)
    run_id, _ = reconcile.start_or_resume(["customers"], "cli")
    found = NewFinding(
        "customers", "field_differs", "20002", "Åberg AB", "Kunden har ändrats i fel system", "x", "", ""
    )
    reconcile.category_done(run_id, "customers", [found], objects_read=6, api_reads=1, pages=1)
    reconcile.finish(run_id, "findings")
    assert store_facts.open_findings(store) == 1
    report = MonthReport("default", "Demo AB", Month(2026, 11), datetime.now(UTC), open_findings=1)
    assert to_json(report)["open_findings_text"] == "1"

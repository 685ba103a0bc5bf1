"""Fuzzing order files through the importer (issue 12, rules O1/O2 intake): JSON and CSV, valid and broken orders,
latin-1 bytes, byte-order marks, truncated and few-MB files. Every invalid order or line is reported with its line
number (CSV) or index (JSON) and a message, the valid ones are kept, and nothing raises."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.order_files import OrderFile, order_file_verdict, order_files
from tests.fuzz.profile import suite_settings


@suite_settings(100)
@given(order_files())
def test_o1_a_fuzzed_order_file_keeps_the_valid_orders_and_reports_each_broken_one(file: OrderFile) -> None:
    verdict = order_file_verdict(file)
    assert verdict.kind in ("mapped", "rejected"), verdict.detail


@suite_settings(1)
@given(st.data())
def test_o1_a_file_of_a_few_megabytes_keeps_and_reports_every_order(data: st.DataObject) -> None:
    file = data.draw(order_files(huge=True))
    assert len(file.data) > 2_000_000
    verdict = order_file_verdict(file)
    assert verdict.kind == "mapped", verdict.detail[:500]

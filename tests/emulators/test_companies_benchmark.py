"""The many-companies benchmark works end to end on a few companies: every company answers with its own data
over real loopback HTTP (its timings are printed by ``benchmarks/emulator_companies.py``, never asserted)."""

from __future__ import annotations

from benchmarks.emulator_companies import run


def test_one_pair_of_emulators_serves_each_company_its_own_answer() -> None:
    figures = run(3, "empty")

    assert [(f.system, f.companies, f.wrong_or_failed) for f in figures] == [("eekonomi", 3, 0), ("severa", 3, 0)]
    assert [f.requests for f in figures] == [9, 8]

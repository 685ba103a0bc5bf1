"""The separated benchmark's own arithmetic (benchmarks/_bench_report.py) and its options (benchmarks/bench.py,
benchmarks/_processes.py): pure functions over made-up child figures, no servers."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import simplejson
from benchmarks._bench_compare import compare, load
from benchmarks._bench_report import figures, render, with_httpx_floor
from benchmarks._httpx_floor import measure as measure_httpx_floor
from benchmarks._processes import child_env
from benchmarks.bench import brygga_src
from rich.console import Console


def _child(succeeded: int, run_cpu: float, calls: dict[str, dict[str, int]], **extra: Any) -> dict[str, Any]:
    return {
        "outcome": {"succeeded": succeeded, "failed": 1, "skipped": 2, "first_errors": []},
        "run_cpu_seconds": run_cpu,
        "process_cpu_seconds": run_cpu + 1.5,
        "peak_rss_kib": 204_800,
        "wall_seconds": 12.5,
        "calls_by_endpoint": calls,
        "requests_per_minute": {"eekonomi": 540.0, "severa": 480.0},
        "brygga_module": "/somewhere/src/brygga",
        "emulators": {
            "eekonomi": {"cpu_seconds": 0.8, "rss_kib": 40_960, "requests": {}, "statuses": {"201": 2000, "429": 3}},
            "severa": {"cpu_seconds": 0.4, "rss_kib": 40_960, "requests": {}, "statuses": {"200": 40}},
        },
        **extra,
    }


CUSTOMER_CALLS = {
    "eekonomi": {"GET /customers": 4, "POST /customers": 2000},
    "severa": {"GET /v1/customers": 2, "GET /v1/addresses": 34},
}


def test_bench_cpu_per_object_is_the_childs_run_cpu_over_the_objects_that_succeeded() -> None:
    result = figures(
        "customers",
        {
            "cpu_run": {
                "count": 2000,
                "severa_data_set": "bulk:2000",
                "setup": {"outcomes": {}},
                "first": _child(2000, 3.0, CUSTOMER_CALLS),
            }
        },
    )
    first = result["first_run"]
    assert first["brygga_cpu_ms_per_object"] == Decimal("1.500")
    assert first["brygga_process_cpu_ms_per_object"] == Decimal("2.250")
    assert first["brygga_peak_rss_mb"] == Decimal("200.0")
    assert first["api_calls_per_object"] == {
        "eekonomi": Decimal("1.002"),
        "severa": Decimal("0.018"),
        "total": Decimal("1.020"),
    }
    assert first["answers_429"] == {"eekonomi": 3, "severa": 0}
    assert first["emulator_cpu_seconds"] == {"eekonomi": Decimal("0.8"), "severa": Decimal("0.4")}
    assert result["goals"]["api_calls_per_object_total"] == Decimal("1.02")


def test_bench_httpx_floor_takes_httpxs_own_cost_per_call_off_brygga_cpu_per_object() -> None:
    measured = {"count": 2000, "severa_data_set": "bulk:2000", "setup": {"outcomes": {}}}
    result = figures("customers", {"cpu_run": {**measured, "first": _child(2000, 3.0, CUSTOMER_CALLS)}})
    first = with_httpx_floor(result, 0.9)["first_run"]
    assert first["httpx_floor_ms_per_object"] == Decimal("0.918")  # 1.020 calls per object x 0.9 ms
    assert first["brygga_cpu_ms_per_object_beyond_httpx"] == Decimal("0.582")  # 1.500 - 0.918
    nothing = figures("customers", {"cpu_run": {**measured, "first": _child(0, 3.0, CUSTOMER_CALLS)}})
    assert "brygga_cpu_ms_per_object_beyond_httpx" not in with_httpx_floor(nothing, 0.9)["first_run"]


def test_bench_httpx_floor_is_measured_against_a_server_in_another_process() -> None:
    floor = measure_httpx_floor(requests=60, concurrency=4)
    assert floor["requests"] == 60 and floor["concurrency"] == 4
    assert 0 < floor["cpu_ms_per_request"] < 1000


def test_bench_bound_run_is_judged_against_n_writes_at_bryggas_limit_for_the_bounding_endpoint() -> None:
    calls = {
        "eekonomi": {"POST /customerinvoicedrafts": 540, "GET /articles": 1},
        "severa": {"GET /v1/invoices/{invoiceGuid}/invoicerows": 540, "PATCH /v1/invoices/{guid}": 540},
    }
    bound = {"count": 540, "latency_ms": 100, "eek_emulator_rate_limit_per_minute": 600, "run": _child(540, 1.0, calls)}
    measured = {
        "cpu_run": {
            "count": 540,
            "severa_data_set": "bulk:540",
            "setup": {"outcomes": {}},
            "first": _child(540, 1.0, calls),
        },
        "bound_run": bound,
    }
    result = figures("invoices", measured)["bound_run"]
    assert result["bound_endpoint"] == "POST /customerinvoicedrafts"
    assert result["bound_seconds"] == Decimal("60.000")  # 540 writes at 540 a minute
    assert result["wall_over_bound"] == Decimal("0.208")  # 12.5 s of wall
    assert result["wall_over_bound_goal"] == Decimal("1.15")
    assert result["busiest_endpoint"]["severa"]["bound_seconds"] == Decimal("67.500")  # 540 at 480 a minute


def test_bench_nothing_transferred_prints_n_a_instead_of_dividing_by_zero() -> None:
    empty = {"eekonomi": {"GET /customers": 1}, "severa": {"GET /v1/customers": 1}}
    measured = {
        "cpu_run": {
            "count": 0,
            "severa_data_set": "bulk:0",
            "setup": {"outcomes": {}},
            "first": _child(0, 0.2, empty),
            "rerun": _child(0, 0.1, empty),
        }
    }
    data = {"customers": figures("customers", measured), "articles": {"error": "the severa emulator did not start"}}
    assert data["customers"]["first_run"]["brygga_cpu_ms_per_object"] is None
    out = io.StringIO()
    render(data, ["header"], Console(file=out, width=200))
    text = out.getvalue()
    assert "n/a" in text
    assert "articles: NOT MEASURED completely: the severa emulator did not start" in text


def test_bench_brygga_src_takes_a_checkout_or_its_src_and_refuses_a_folder_without_brygga(tmp_path: Path) -> None:
    (tmp_path / "src" / "brygga").mkdir(parents=True)
    (tmp_path / "src" / "brygga" / "__init__.py").write_text("")
    assert brygga_src(str(tmp_path)) == tmp_path / "src"
    assert brygga_src(str(tmp_path / "src")) == tmp_path / "src"
    assert brygga_src(None) is None
    with pytest.raises(SystemExit, match="no brygga package"):
        brygga_src(str(tmp_path / "src" / "brygga"))


def test_bench_child_runs_the_measured_source_with_lifted_limits_and_no_inherited_brygga_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRYGGA_DB", "postgresql://elsewhere")
    lifted = child_env(tmp_path, 1e9)
    assert lifted["PYTHONPATH"] == str(tmp_path)
    assert lifted["BRYGGA_EEK_REQUESTS_PER_MINUTE"] == lifted["BRYGGA_SEVERA_REQUESTS_PER_MINUTE"] == "1000000000.0"
    assert "BRYGGA_DB" not in lifted
    bound = child_env(None, None)
    assert bound["PYTHONPATH"].endswith("src")
    assert "BRYGGA_EEK_REQUESTS_PER_MINUTE" not in bound


def test_bench_compare_prints_before_and_after_with_their_ratio(tmp_path: Path) -> None:
    def saved(run_cpu: float, revision: str) -> dict[str, Any]:
        cpu_run = {
            "count": 2000,
            "severa_data_set": "bulk:2000",
            "setup": {"outcomes": {}},
            "first": _child(2000, run_cpu, CUSTOMER_CALLS),
        }
        params = {"brygga_revision": revision, "brygga_src": "/src", "measured_at": "2026-12-07T05:00:00+00:00"}
        return {"parameters": params, "categories": {"customers": figures("customers", {"cpu_run": cpu_run})}}

    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_text(simplejson.dumps(saved(4.0, "b2534b0"), use_decimal=True))
    after.write_text(simplejson.dumps(saved(1.0, "abc1234"), use_decimal=True))
    out = io.StringIO()
    compare(load(str(before)), load(str(after)), Console(file=out, width=200))
    text = out.getvalue()
    assert "before: b2534b0" in text
    cpu_line = next(line for line in text.splitlines() if "brygga CPU ms per object" in line)
    assert "2.000" in cpu_line and "0.500" in cpu_line and "0.25 ×" in cpu_line

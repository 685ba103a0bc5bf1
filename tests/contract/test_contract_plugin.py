"""The contract plugin fails a pytest session whose recorded traffic breaks the spec, and only then.

Each case runs pytest in a subprocess on a generated test folder whose conftest registers the plugin
the way the root conftest does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

CONFTEST = 'pytest_plugins = ["tests.support.contract_plugin"]\n'

TEST_TEMPLATE = """
import httpx
from tests.support.contract_plugin import register_base_url

PAGE = (
    b'{{"Meta": {{"CurrentPage": 1, "PageSize": 50, "TotalNumberOfPages": 1, '
    b'"TotalNumberOfResults": 0, "ServerTimeUtc": "{server_time}"}}, "Data": []}}'
)


def answer(request):
    return httpx.Response(200, headers={{"content-type": "application/json"}}, content=PAGE)


async def test_lists_customers(recording_transport_factory):
    register_base_url("http://eek.test", "eekonomi")
    transport = recording_transport_factory(httpx.MockTransport(answer))
    async with httpx.AsyncClient(transport=transport, base_url="http://eek.test") as client:
        for page in (1, 2):
            response = await client.get("/v2/customers", params={{"$page": page}})
            assert response.status_code == 200
        await client.get("/v2/customers", params={{"$page": 1}})
"""


# One process, and pytest-xdist's workers (as ``make test`` runs): the workers' results are added up by the controller.
PROCESSES = pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["one-process", "xdist"])


def run_session(tmp_path: Path, server_time: str, workers: list[str]) -> subprocess.CompletedProcess[str]:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_generated.py").write_text(TEST_TEMPLATE.format(server_time=server_time))
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "asyncio_mode=auto", *workers]
    return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


@PROCESSES
def test_a_clean_session_passes(tmp_path: Path, workers: list[str]) -> None:
    result = run_session(tmp_path, "2025-03-01T12:00:00Z", workers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "contract: 3 recorded exchanges match the official specs" in result.stdout


@PROCESSES
def test_a_violation_fails_the_session_with_one_line_and_a_count(tmp_path: Path, workers: list[str]) -> None:
    result = run_session(tmp_path, "2025-03-01 12:00", workers)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    expected = (
        "    3 x GET /v2/customers 200: response body $.Meta.ServerTimeUtc: '2025-03-01 12:00' is not a 'date-time'"
    )
    assert expected in result.stdout.splitlines()
    assert "1 distinct problems (3 in all) in 3 recorded exchanges" in result.stdout

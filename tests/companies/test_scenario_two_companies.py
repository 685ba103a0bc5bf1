"""Scenario: two companies in one store, each with its own pair of emulators and its own settings (customers
mastered in Visma PM for alfa, in Visma eEkonomi for beta), transferred one after the other; each sees only its
own links, runs, cursors and errors, through the store and through the CLI's ``--company``."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from brygga.config import Settings
from brygga.store import Store
from brygga.store.companies import CompanyRegistry
from brygga_emulators.server import EmulatorServer
from tests.cli.support import brygga
from tests.companies.conftest import ALFA, BETA
from tests.scenarios import harness
from tests.scenarios.harness import World, build_world
from tests.support.contract_plugin import register_base_url


def _another_eekonomi_company(build: Callable[..., Any]) -> Callable[..., Any]:
    """The eEkonomi emulator as another company than the demo's (X4 refuses two brygga companies on one)."""

    def built(*args: Any, **kwargs: Any) -> Any:
        emulator = build(*args, **kwargs)
        company = dict(emulator.store.settings.get("company"))
        company.update(CompanyIdentifier="beta-konsult", CorporateIdentityNumber="556999-0002", Name="Beta Konsult AB")
        emulator.store.settings.put("company", company)
        return emulator

    return built


@pytest.fixture
async def worlds(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    settings: Settings,
    registry: CompanyRegistry,
    recording_transport_factory: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport],
) -> AsyncIterator[tuple[World, World]]:
    """alfa on the demo data, beta on five bulk customers and articles: one store, two emulator pairs."""
    built: list[tuple[World, list[EmulatorServer]]] = []
    build = harness.eek_emulator.build_emulator
    try:
        for company, data in ((ALFA, "demo"), (BETA, "bulk:5")):
            if company == BETA:
                monkeypatch.setattr(harness.eek_emulator, "build_emulator", _another_eekonomi_company(build))
            built.append(
                await build_world(
                    tmp_path,
                    recording_transport_factory,
                    register_base_url,
                    eek_data=data,
                    pm_data=data,
                    settings=settings.model_copy(update={"tenant": company}),
                )
            )
        yield built[0][0], built[1][0]
    finally:
        for world, servers in built:
            world.store.db.dispose()
            for server in servers:
                server.stop()


def _customer_numbers(store: Store, world: World) -> set[str]:
    numbers = {str(doc.get("CustomerNumber")): str(doc.get("Id")) for doc in world.eek.store.customers.all()}
    linked = {link.eek_id for link in store.protocol.links("customers")}
    return {number for number, eek_id in numbers.items() if eek_id in linked}


async def test_companies_two_companies_with_different_settings_each_see_only_their_own(
    worlds: tuple[World, World], settings: Settings, tmp_path: Path
) -> None:
    alfa, beta = worlds
    alfa.set("master_customers", "pm")
    beta.set("master_customers", "eekonomi")
    alfa_report = await alfa.run("customers", "articles")
    beta_report = await beta.run("customers", "articles")

    alfa_numbers, beta_numbers = _customer_numbers(alfa.store, alfa), _customer_numbers(beta.store, beta)
    assert alfa_numbers and beta_numbers and not alfa_numbers & beta_numbers
    assert all(number.startswith("2000") or number.startswith("2001") for number in beta_numbers)
    assert alfa.store.settings.all()["master_customers"] == "pm"
    assert beta.store.settings.all()["master_customers"] == "eekonomi"
    # Runs, errors and cursors: each company's own.
    assert [run[0] for run in alfa.store.runs.history()] == [alfa_report.run_id]
    assert [run[0] for run in beta.store.runs.history()] == [beta_report.run_id]
    alfa_failures = alfa.store.runs.latest_failures()
    assert alfa_failures, "the demo data has customers that fail (C5), so alfa has errors to show"
    assert beta.store.runs.latest_failures() == []
    assert {key for key in alfa.store.protocol.cursors()} == {key for key in beta.store.protocol.cursors()}
    # Through the CLI, as a consultant sees it: --company chooses, and without it the choice is asked for.
    env = {"BRYGGA_DB": settings.database_url(), "BRYGGA_SECRET_KEY": _secret(settings)}
    alfa_errors = brygga("--company", ALFA, "errors", "--json", data_dir=tmp_path, **env)
    beta_errors = brygga("errors", "--json", "--company", BETA, data_dir=tmp_path, **env)
    assert alfa_errors.returncode == 0 and beta_errors.returncode == 0, alfa_errors.stderr + beta_errors.stderr
    assert {item["object"] for item in json.loads(alfa_errors.stdout)["errors"]} == {
        item.object_key or None for item in alfa_failures
    }
    assert json.loads(beta_errors.stdout)["errors"] == []
    unchosen = brygga("status", data_dir=tmp_path, **env)
    assert unchosen.returncode == 2 and "flera företag (alfa, beta)" in unchosen.stderr


def _secret(settings: Settings) -> str:
    assert settings.secret_key is not None
    return settings.secret_key.get_secret_value()

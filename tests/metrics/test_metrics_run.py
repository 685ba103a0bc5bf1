"""A real run over both emulators is counted: its objects by outcome, its API calls by system and endpoint
template, the 429s it got, its duration; the company label while companies are few; no secret anywhere."""

from __future__ import annotations

import re

from brygga.metrics.registry import build_registry, exposition
from brygga.transfer.outcome import Outcome
from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as pm_emulator
from tests.metrics.conftest import scrape, value
from tests.scenarios.harness import World

# A concrete path segment: digits, or a GUID. Templates have {placeholders} instead.
_ID_SEGMENT = re.compile(r"/(\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(/|$)")


async def _run_customers(world: World) -> tuple[int, dict[str, int]]:
    session = world.session()
    try:
        report = await session.run(["customers"])
        return report.categories["customers"].count(Outcome.SUCCEEDED), session.calls()
    finally:
        await session.aclose()


async def test_metrics_count_a_real_runs_objects_api_calls_and_429s(world: World) -> None:
    world.eek.faults.rate_limit_next(2)  # the first two eEkonomi requests are answered 429
    succeeded, calls = await _run_customers(world)
    found = scrape(build_registry(lambda: world.store.db, company_labels_max=20))

    assert succeeded > 0
    assert value(found, "brygga_objects_total", category="customers", outcome="succeeded") == succeeded
    assert value(found, "brygga_runs_total", category="customers") == 1
    assert value(found, "brygga_run_duration_seconds_count", category="customers") == 1
    for system in ("eekonomi", "severa"):
        sent = sum(n for key, n in calls.items() if key.endswith(f"[{system}]"))
        assert sent > 0
        assert value(found, "brygga_api_calls_total", system=system) == sent
    assert value(found, "brygga_rate_limited_total", system="eekonomi") == 2
    assert value(found, "brygga_api_calls_total", system="eekonomi", status_class="4xx") == 2
    assert value(found, "brygga_rate_limited_total", system="severa") == 0


async def test_metrics_endpoint_labels_are_templates_and_the_exposition_holds_no_secret(world: World) -> None:
    await _run_customers(world)
    await _run_customers(world)  # the second run reads and updates linked customers by id
    registry = build_registry(lambda: world.store.db, company_labels_max=20)
    found = scrape(registry)
    endpoints = {labels["endpoint"] for name, labels, _ in found if name == "brygga_api_calls_total"}
    assert any("{" in endpoint for endpoint in endpoints), endpoints  # some calls are on one object's template
    for endpoint in endpoints:
        method, _, template = endpoint.partition(" ")
        assert method in {"GET", "POST", "PUT", "DELETE", "PATCH"}, endpoint
        assert not _ID_SEGMENT.search(template), endpoint
        assert "?" not in template and "://" not in template, endpoint

    text = exposition(registry).decode()
    settings = world.settings
    secrets = [
        eek_emulator.DEMO_CLIENT_SECRET,
        pm_emulator.DEMO_CLIENT_SECRET,
        eek_emulator.DEMO_CLIENT_ID,
        pm_emulator.DEMO_CLIENT_ID,
        world.eek_url,
        world.pm_url,
        world.eek_url.rsplit(":", 1)[-1],  # the emulators' ports
        world.pm_url.rsplit(":", 1)[-1],
        settings.secret_key.get_secret_value() if settings.secret_key else "no-key",
        str(settings.db),
    ]
    assert "brygga_api_calls_total" in text
    for secret in secrets:
        assert secret not in text, secret
    assert "http://" not in text and "https://" not in text
    assert "Bearer" not in text and "token=" not in text.lower()

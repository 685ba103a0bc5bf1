"""Rule X4: the company first connected is remembered; a connection to another company stops every transfer
with a clear message, survives a disconnect, and connecting the right company again mends it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from brygga.company_guard import linked_company
from brygga.config import Settings
from brygga.connections import connect_eekonomi, connect_severa, save_eekonomi_connection
from brygga.eekonomi import EEkonomiOAuthConfig
from brygga.errors import ConfigError
from brygga.session import TransferSession, write_calls
from brygga.store import Store
from brygga.tokens import OAuthTokens
from brygga.web.disconnect import delete_connection
from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as pm_emulator

from .test_customers_end_to_end import EEK_HOST, PM_HOST, HostRouter

OTHER_COMPANY = {"Name": "Annat Bolag AB", "CorporateIdentityNumber": "559999-0001", "CompanyIdentifier": "other-id"}


class Systems:
    def __init__(self) -> None:
        self.eek = eek_emulator.build_emulator("empty")
        self.router = HostRouter(
            {
                EEK_HOST: httpx.ASGITransport(app=self.eek.app),
                PM_HOST: httpx.ASGITransport(app=pm_emulator.build_emulator("demo").app),  # customers to write
            }
        )

    def switch_company(self, **fields: Any) -> None:
        """What picking another company at Visma's login amounts to: the token now reaches other books."""
        company = self.eek.store.settings.get("company") or {}
        self.eek.store.settings.put("company", {**company, **fields})

    async def connect(self, store: Store, settings: Settings) -> str:
        return await connect_eekonomi(
            store,
            settings,
            api_url=f"http://{EEK_HOST}/v2",
            auth_url=f"http://{EEK_HOST}",
            client_id=eek_emulator.DEMO_CLIENT_ID,
            client_secret=eek_emulator.DEMO_CLIENT_SECRET,
            transport=self.router,
        )


@pytest.fixture
async def systems(store: Store, settings: Settings) -> Systems:
    world = Systems()
    await world.connect(store, settings)
    await connect_severa(
        store,
        api_url=f"http://{PM_HOST}",
        client_id=pm_emulator.DEMO_CLIENT_ID,
        client_secret=pm_emulator.DEMO_CLIENT_SECRET,
        transport=world.router,
    )
    return world


async def _run(store: Store, settings: Settings, systems: Systems, writes: list[int] | None = None) -> None:
    session = TransferSession(store, settings, transport=systems.router)
    try:
        await session.run(["customers"])
    finally:
        if writes is not None:
            writes.append(write_calls(session.calls()))
        await session.aclose()


async def test_x4_first_connection_remembers_the_company(store: Store, systems: Systems) -> None:
    linked = linked_company(store)
    assert linked is not None and linked.name == "Demo Konsult AB (sandbox)"


async def test_x4_another_company_behind_the_token_stops_the_run(
    store: Store, settings: Settings, systems: Systems
) -> None:
    systems.switch_company(**OTHER_COMPANY)
    writes: list[int] = []
    with pytest.raises(ConfigError) as caught:
        await _run(store, settings, systems, writes)
    assert "Annat Bolag AB (559999-0001)" in caught.value.message
    assert "Demo Konsult AB (sandbox)" in caught.value.message
    assert "Inga överföringar görs" in caught.value.message
    assert "välj rätt företag" in (caught.value.hint or "")
    assert writes == [0]  # nothing was written to either system


async def test_x4_reconnecting_another_company_is_refused_and_not_remembered(
    store: Store, settings: Settings, systems: Systems
) -> None:
    systems.switch_company(**OTHER_COMPANY)
    with pytest.raises(ConfigError, match="Annat Bolag AB"):
        await systems.connect(store, settings)
    assert (linked_company(store) or pytest.fail("forgotten")).name == "Demo Konsult AB (sandbox)"
    connection = store.connections.get("eekonomi")
    assert connection is not None and connection.company_name == "Annat Bolag AB"  # what the page shows


async def test_x4_disconnecting_does_not_forget_the_company(store: Store, settings: Settings, systems: Systems) -> None:
    assert delete_connection(store, "eekonomi")
    systems.switch_company(**OTHER_COMPANY)
    config = EEkonomiOAuthConfig(eek_emulator.DEMO_CLIENT_ID, eek_emulator.DEMO_CLIENT_SECRET, f"http://{EEK_HOST}")
    tokens = await _tokens(config, systems)
    connected = await save_eekonomi_connection(
        store, settings, api_url=f"http://{EEK_HOST}/v2", config=config, tokens=tokens, transport=systems.router
    )
    assert connected.changed and connected.linked is not None
    assert connected.linked.name == "Demo Konsult AB (sandbox)"
    with pytest.raises(ConfigError, match="Inga överföringar görs"):
        await _run(store, settings, systems)


async def test_x4_connecting_the_right_company_again_mends_it(
    store: Store, settings: Settings, systems: Systems
) -> None:
    original = dict(systems.eek.store.settings.get("company") or {})
    systems.switch_company(**OTHER_COMPANY)
    with pytest.raises(ConfigError):
        await systems.connect(store, settings)
    systems.eek.store.settings.put("company", original)
    assert "Demo Konsult AB (sandbox)" in await systems.connect(store, settings)
    await _run(store, settings, systems)  # no X4 stop any more


async def _tokens(config: EEkonomiOAuthConfig, systems: Systems) -> OAuthTokens:
    from brygga.eekonomi import connect_unattended

    return await connect_unattended(config, "http://localhost:8765/callback", transport=systems.router)


async def test_x4_the_message_names_both_companies_by_organisation_number(
    store: Store, settings: Settings, systems: Systems
) -> None:
    systems.switch_company(**OTHER_COMPANY)
    with pytest.raises(ConfigError) as caught:
        await _run(store, settings, systems)
    assert "Demo Konsult AB (sandbox) (556123-4567)" in caught.value.message  # not Visma's internal id

"""Repairs through the transfer's write protocol: a dry run first that writes nothing, then applied, then a second
reconcile finds the company clean."""

from __future__ import annotations

import pytest

from brygga.session import TransferSession
from tests.reconcile.test_findings import reconcile, rename_in_eekonomi, said
from tests.scenarios.harness import World, eek_customers

pytestmark = pytest.mark.scenario


def eek_name(world: World, number: str) -> str:
    [customer] = [c for c in eek_customers(world) if c.get("CustomerNumber") == number]
    return str(customer["Name"])


@pytest.mark.both_databases  # the compare, its store and the repair under row-level security too
async def test_r7_repush_writes_the_masters_value_back_after_a_dry_run_that_writes_nothing(transferred: World) -> None:
    pm_name = eek_name(transferred, "20002")
    await transferred.with_session(lambda s: rename_in_eekonomi(s, "20002", "Omdöpt i eEkonomi AB"))

    planned = await reconcile(transferred, "customers", repair=True, dry_run=True)
    [repair] = planned.repairs
    assert (repair.repair, repair.applied) == ("repush", False)
    assert pm_name in repair.text and "Visma eEkonomi" in repair.text and repair.text_en.startswith("Would write")
    assert eek_name(transferred, "20002") == "Omdöpt i eEkonomi AB"  # nothing written
    assert planned.findings[0].state == "open"

    applied = await reconcile(transferred, "customers", repair=True, dry_run=False)
    [done] = applied.repairs
    assert done.applied and done.error is None
    assert eek_name(transferred, "20002") == pm_name
    assert [f.state for f in applied.findings] == ["repaired"]

    again = await reconcile(transferred)
    assert said(again) == [] and again.status == "ok"


async def test_r8_relink_moves_the_link_to_a_customer_a_person_created_again_with_the_same_number(
    transferred: World,
) -> None:
    async def delete_and_create_again(session: TransferSession) -> str:
        customer = await session.eek.customers.find_by_number("20004")
        assert customer is not None and customer.id
        await session.eek._api.request("DELETE", "/customers/{customerId}", path_params={"customerId": customer.id})
        again = await session.eek.customers.create(customer.model_copy(update={"id": None, "email_address": None}))
        return again.id or ""

    new_id = await transferred.with_session(delete_and_create_again)
    found = await reconcile(transferred, "customers")
    assert said(found) == [("customers", "remote_deleted", "20004")]  # the new one is not reported as well
    assert found.findings[0].repair == "relink" and new_id in (found.findings[0].detail or "")

    planned = await reconcile(transferred, "customers", repair=True, dry_run=True)
    assert [(r.repair, r.applied) for r in planned.repairs] == [("relink", False)]
    assert not [link for link in transferred.store.protocol.links("customers") if link.eek_id == new_id]

    applied = await reconcile(transferred, "customers", repair=True, dry_run=False)
    assert [(r.repair, r.applied) for r in applied.repairs] == [("relink", True)]
    assert [link for link in transferred.store.protocol.links("customers") if link.eek_id == new_id]
    [recreated] = [c for c in eek_customers(transferred) if c.get("CustomerNumber") == "20004"]
    assert recreated.get("EmailAddress")  # the master's e-mail written to the new object

    again = await reconcile(transferred)
    assert said(again) == [] and again.status == "ok"

"""What the order inbox records of each transfer (issue 11, point 3): a failed order keeps its failure in the
user's words with its hint and rule, rejected by a rule (O5, O6) as well as refused by eEkonomi; a transferred
order keeps its draft as a person knows it (customer and total as a Decimal), not only the draft's id."""

from __future__ import annotations

from decimal import Decimal

import pytest

from brygga.demo import DEMO_ORDERS
from brygga.orders.commands import orders_import_command
from brygga.store.orders import OrderStore
from tests.scenarios.harness import World

pytestmark = pytest.mark.scenario


async def test_o1_the_inbox_keeps_each_failure_with_its_hint_and_each_draft_with_customer_and_total(
    world: World,
) -> None:
    orders_import_command(world.store, DEMO_ORDERS)
    await world.run("customers")
    await world.run("orders")
    inbox = OrderStore(world.store.db, world.store.tenant)

    vat = inbox.get("GKS-2003")
    assert vat is not None and vat.state == "failed" and vat.failure is not None
    assert vat.failure.rule_id == "O5" and vat.failure.headline("sv") and vat.failure.hint_in("sv")
    assert vat.failure.hint_in("en") and vat.failure.hint_in("en") != vat.failure.hint_in("sv")
    terms = inbox.get("GKS-2004")
    assert terms is not None and terms.state == "failed" and terms.failure is not None
    assert terms.failure.rule_id == "O6" and "dagar netto" in terms.failure.hint_in("sv")

    done = inbox.get("GKS-2001")
    assert done is not None and done.state == "transferred" and done.failure is None and done.draft is not None
    draft = next(d for d in world.eek.store.customer_invoice_drafts.all() if d.get("ContractNumber") == "GKS GKS-2001")
    assert done.draft.draft_id == draft["Id"]
    assert done.draft.customer_name == draft["CustomerName"] == done.order.customer.name
    assert done.draft.total == Decimal(str(draft["TotalAmount"])) and done.draft.total > 0
    assert isinstance(done.draft.total, Decimal) and done.draft.currency == "SEK"

    # Received orders and those not yet transferred say nothing of a failure or a draft.
    waiting = inbox.get("GKS-2005")
    assert waiting is not None and waiting.state == "received" and waiting.failure is None and waiting.draft is None


async def test_o1_an_empty_inbox_transfers_nothing_and_fails_nothing(world: World) -> None:
    await world.run("customers")
    report = await world.run("orders")
    assert report.categories["orders"].state == "nothing" and not report.errors()

"""The order inbox keeps an order's last failure in the user's words and its draft as a person knows it
(issue 11, point 3): headline, hint and rule beside the original's text; customer and total beside the id."""

from __future__ import annotations

from decimal import Decimal

from brygga.store.orders import DraftSummary, OrderFailure, OrderStore
from tests.orders.builders import order


def test_o1_a_failure_is_kept_in_both_languages_with_its_hint_rule_and_original_text(inbox: OrderStore) -> None:
    inbox.receive(order())
    inbox.mark_failed(
        "GKS-1",
        OrderFailure(
            "Could not add order GKS-1 to Visma eAccounting. (409) Conflict",
            "En artikel på ordern är inaktiv",
            "An article on the order is inactive",
            "Aktivera artikeln i Visma eEkonomi.",
            "Activate the article in Visma eEkonomi.",
            "O5",
        ),
    )
    stored = inbox.get("GKS-1")
    assert stored is not None and stored.state == "failed" and stored.failure is not None
    failure = stored.failure
    assert (failure.headline("sv"), failure.headline("en")) == (
        "En artikel på ordern är inaktiv",
        "An article on the order is inactive",
    )
    assert failure.detail("sv") == "Could not add order GKS-1 to Visma eAccounting. (409) Conflict"
    assert failure.hint_in("en") == "Activate the article in Visma eEkonomi." and failure.rule_id == "O5"
    assert stored.last_error == failure.message and stored.draft is None


def test_o1_a_plain_message_is_still_a_failure_and_is_its_own_headline(inbox: OrderStore) -> None:
    inbox.receive(order())
    inbox.mark_failed("GKS-1", "Betalningsvillkoret 25 dagar finns inte i Visma eEkonomi.")
    stored = inbox.get("GKS-1")
    assert stored is not None and stored.failure is not None
    assert stored.failure.headline("sv") == "Betalningsvillkoret 25 dagar finns inte i Visma eEkonomi."
    assert stored.failure.detail("sv") == ""


def test_o1_the_transfer_clears_the_failure_and_keeps_customer_and_exact_total(inbox: OrderStore) -> None:
    inbox.receive(order())
    inbox.mark_failed("GKS-1", OrderFailure("Visma eEkonomi svarade inte", hint="Försök igen om en stund."))
    inbox.mark_transferred("GKS-1", DraftSummary("d-1", "Byggfirman i Norr AB", Decimal("12345.60"), "SEK"))
    stored = inbox.get("GKS-1")
    assert stored is not None and stored.state == "transferred" and stored.failure is None
    assert stored.last_error is None
    assert stored.draft == DraftSummary("d-1", "Byggfirman i Norr AB", Decimal("12345.60"), "SEK")


def test_o1_new_content_before_the_transfer_forgets_the_old_failure(inbox: OrderStore) -> None:
    inbox.receive(order())
    inbox.mark_failed("GKS-1", OrderFailure("fel", "Rubrik", "Headline", "Tips", "Hint", "O6"))
    inbox.receive(order(rows=[{"text": "Enda raden", "quantity": 1, "unit_price": 10, "vat_rate": 25}]))
    stored = inbox.get("GKS-1")
    assert stored is not None and stored.state == "received" and stored.failure is None

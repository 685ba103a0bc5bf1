"""The pure compare of linked pairs (``brygga.reconcile.pairs``): which side changed a field, what the master leaves
empty, objects missing on one side and those the transfer already fails on."""

from __future__ import annotations

from brygga.domain import Customer
from brygga.reconcile.pairs import PairSpec, compare_pairs
from brygga.reconcile.twoway import customer_fields
from brygga.store import Link

SPEC: PairSpec[Customer] = PairSpec(
    "customers", "pm", "S1", customer_fields, must_exist_in_eek=lambda c: c.is_active, must_exist_in_pm=lambda c: True
)
PM = Customer("1001", "Aurora AB", email="a@aurora.se")


def link(pm: Customer, eek: Customer) -> Link:
    return Link("customers", "p1", "e1", pm.fingerprint(), eek.fingerprint())


def test_r2_changed_in_is_the_side_whose_fingerprint_moved_since_the_last_transfer() -> None:
    renamed = Customer("1001", "Aurora & Co AB", email="a@aurora.se")
    [wrong] = compare_pairs(SPEC, {"p1": PM}, {"e1": renamed}, [link(PM, PM)])
    assert (wrong.field, wrong.pm_value, wrong.eek_value, wrong.changed_in, wrong.repair) == (
        "name", "Aurora AB", "Aurora & Co AB", "eekonomi", "repush"
    )  # fmt: skip
    [pending] = compare_pairs(SPEC, {"p1": renamed}, {"e1": PM}, [link(PM, PM)])
    assert pending.changed_in == "pm" and pending.repair is None and "inte förts över" in pending.title
    assert compare_pairs(SPEC, {"p1": PM}, {"e1": PM}, [link(PM, PM)]) == []


def test_r2_a_field_the_master_leaves_empty_is_not_a_difference() -> None:
    without = Customer("1001", "Aurora AB")  # PM has no e-mail; eEkonomi keeps the one it has
    assert compare_pairs(SPEC, {"p1": without}, {"e1": PM}, [link(without, PM)]) == []


def test_r4_missing_objects_and_those_the_transfer_fails_on_are_said_apart() -> None:
    inactive = Customer("1003", "Vilande AB", is_active=False)
    found = compare_pairs(
        SPEC, {"p1": PM, "p2": Customer("1002", "Ny AB"), "p3": inactive}, {"e9": Customer("9001", "Bara eEk AB")},
        [], failing={"p2"},
    )  # fmt: skip
    by_key = {f.object_key: f for f in found}
    assert set(by_key) == {"1001", "1002", "9001"}  # the inactive customer need not exist in eEkonomi (C1)
    assert by_key["1001"].kind == "missing_in_eekonomi" and "misslyckas" not in by_key["1001"].title
    assert by_key["1002"].kind == "missing_in_eekonomi" and "överföringen misslyckas" in by_key["1002"].title
    assert by_key["9001"].kind == "missing_in_pm"

"""Packed canonical objects (issue 16, goal 2): what a plan keeps of a whole register comes back equal, with the
same fingerprint, and a packed plan reads like a list of changes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brygga.domain import Article, ArticleKind, Customer, Invoice, InvoiceRow, SupplierCost
from brygga.domain.customer import Address, Contact
from brygga.domain.packed import PackedMap, pack, unpack
from brygga.domain.plain import cached_fingerprint
from brygga.transfer.outcome import Action
from brygga.transfer.sync.planner import Change, Direction, PackedChanges, Plan

_text = st.one_of(st.none(), st.text(max_size=30))
_money = st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False, places=2))


@given(
    number=_text,
    name=st.text(max_size=40),
    active=st.booleans(),
    days=st.one_of(st.none(), st.integers(min_value=0, max_value=365)),
    address=st.one_of(st.none(), st.builds(Address, line1=_text, postal_code=_text, city=_text, country_code=_text)),
    contact=st.one_of(st.none(), st.builds(Contact, first_name=st.text(max_size=9), email=_text)),
)
def test_x3_a_packed_customer_comes_back_equal_with_its_fingerprint(
    number: str | None, name: str, active: bool, days: int | None, address: Address | None, contact: Contact | None
) -> None:
    customer = Customer(number, name, active, payment_days=days, address=address, contact=contact)
    back = unpack(pack(customer), Customer)
    assert back == customer
    assert cached_fingerprint(back) is None  # none was computed: none is made up
    assert back.fingerprint() == customer.fingerprint()
    again = unpack(pack(customer), Customer)  # now the original has one: it travels along
    assert cached_fingerprint(again) == customer.fingerprint()


@given(kind=st.sampled_from(ArticleKind), vat=_money, price=_money)
def test_x3_a_packed_article_keeps_its_kind_and_exact_decimals(
    kind: ArticleKind, vat: Decimal | None, price: Decimal | None
) -> None:
    article = Article("A-1", "Konsult", kind=kind, vat_rate=vat, net_price=price)
    back = unpack(pack(article), Article)
    assert back == article and back.kind is kind
    assert str(back.net_price) == str(price)  # Decimal("1.10") stays "1.10", not 1.1


def test_x3_invoices_and_supplier_costs_pack_with_rows_dates_and_tuples() -> None:
    rows = (InvoiceRow("Konsult", code="K1", quantity=Decimal("2.5"), unit_price=Decimal("950.00")),)
    invoice = Invoice("i1", "c1", "1 Kund", "p1", "P1", date(2026, 12, 7), 30, "SEK", None, rows=rows)
    assert unpack(pack(invoice), Invoice) == invoice
    cost = SupplierCost("s:1", "p1", "2026-12-07 1 Lev", date(2026, 12, 7), Decimal("-12.50"), "SEK")
    assert unpack(pack(cost), SupplierCost) == cost


def test_x3_unpack_refuses_the_wrong_kind_and_pack_an_unknown_type() -> None:
    with pytest.raises(TypeError, match="expected Article"):
        unpack(pack(Customer("1", "Kund")), Article)
    with pytest.raises(TypeError, match="cannot pack a set"):
        pack({"a"})


def test_x3_a_packed_map_holds_bytes_and_reads_like_a_dict() -> None:
    customers = PackedMap(Customer)
    customers["g1"], customers["g2"] = Customer("1", "Ett"), Customer("2", "Två")
    assert all(isinstance(blob, bytes) for blob in customers._blobs.values())
    assert customers == {"g1": Customer("1", "Ett"), "g2": Customer("2", "Två")}
    assert "g1" in customers and "g3" not in customers and len(customers) == 2
    assert customers.pop("g1") == Customer("1", "Ett") and list(customers) == ["g2"]


def test_x3_two_packed_maps_of_the_same_objects_share_one_copy_of_the_bytes() -> None:
    changed, every = PackedMap(Article), PackedMap(Article)
    changed["p:1"] = Article(number="1", name="Konsult", kind=ArticleKind.PRODUCT, net_price=Decimal("950.00"))
    every.share("p:1", changed)
    assert every.blob("p:1") is changed.blob("p:1")
    assert every["p:1"] == changed["p:1"]
    del changed["p:1"]
    assert every["p:1"].net_price == Decimal("950.00")  # the bytes stay while one map keeps them
    with pytest.raises(TypeError, match="expected Article"):
        every.share("c", _customer_map())  # type: ignore[arg-type]  # the wrong kind, on purpose


def _customer_map() -> PackedMap[Customer]:
    customers = PackedMap(Customer)
    customers["c"] = Customer(number="1", name="Kund")
    return customers


def test_x3_a_packed_plan_reads_like_its_list_of_changes() -> None:
    items = [Customer(str(n), f"Kund {n}") for n in range(4)]
    actions = [Action.CREATE, Action.NONE, Action.UPDATE, Action.SKIP]
    changes = [
        Change(Direction.PM_TO_EEK, action, f"g{n}", item, target_id="e" if n else None, reason=f"r{n}")
        for n, (item, action) in enumerate(zip(items, actions, strict=True))
    ]
    packed = PackedChanges(Customer)
    packed.extend(changes)
    assert list(packed) == changes and len(packed) == 4
    assert list(packed[1:3]) == changes[1:3]
    plan = Plan(packed)
    work = plan.actionable()
    assert isinstance(work, PackedChanges)
    assert [c.source_id for c in work] == ["g0", "g2", "g3"]
    assert work[1] == changes[2]
    packed[0] = changes[3]
    del packed[1]
    assert [c.source_id for c in packed] == ["g3", "g2", "g3"]


def test_x3_a_taken_change_lets_its_object_go_from_every_view_of_the_plan() -> None:
    changes = [Change(Direction.PM_TO_EEK, Action.CREATE, f"g{n}", Customer(str(n), f"Kund {n}")) for n in range(3)]
    plan = Plan(PackedChanges(Customer))
    plan.changes.extend(changes)
    work = plan.actionable()
    assert isinstance(work, PackedChanges)
    assert work.take(1) == changes[1]
    assert work[0] == changes[0] and plan.changes[2] == changes[2]  # the others are still there
    for view in (work, plan.changes):
        with pytest.raises(RuntimeError, match="g1 was executed"):
            view[1]

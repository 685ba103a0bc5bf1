"""Reading customers, articles and projects whole from both systems for the compare (``brygga.reconcile.pairs``).

Each side is read with the transfer's own readers and mapped to the canonical form the link fingerprints were made
of, in pages of the most each API allows (eEkonomi 1,000; Severa 1,000 on token routes, 100 on offset routes and
on projects).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from brygga.domain import Article, Customer
from brygga.eekonomi.models_cost_centers import CostCenterItem
from brygga.mapping.eekonomi_articles import ArticleReference, from_eekonomi_article
from brygga.mapping.eekonomi_customers import from_eekonomi_customer
from brygga.mapping.severa_customers import from_severa_customer
from brygga.mapping.severa_projects import from_severa_project
from brygga.reconcile.model import CategoryCheck, Sources
from brygga.reconcile.pairs import Comparable, PairSpec, compare_pairs
from brygga.transfer.articles.pm_side import PmArticleSide
from brygga.transfer.customers.eek_side import EekCustomerSide
from brygga.transfer.customers.pm_side import PmCustomerSide
from brygga.transfer.projects.transfer import resolve_cost_center

__all__ = ["check_articles", "check_customers", "check_projects"]


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _failing(src: Sources, category: str) -> set[str]:
    """The objects the transfer failed on (both directions): it tries them again on every run."""
    return src.store.protocol.retries(category, "pm") | src.store.protocol.retries(category, "eekonomi")


def customer_fields(c: Customer) -> Mapping[str, str | None]:
    address = c.address
    contact = c.contact
    return {
        "number": _text(c.number),
        "name": _text(c.name),
        "is_active": str(c.is_active),
        "organisation_number": _text(c.organisation_number),
        "vat_number": _text(c.vat_number),
        "email": _text(c.email),
        "payment_days": _text(c.payment_days),
        "currency_code": _text(c.currency_code),
        "address": None
        if address is None
        else _text(", ".join(p for p in (address.line1, address.postal_code, address.city, address.country_code) if p)),
        "contact": None if contact is None else _text(contact.full_name),
    }


def article_fields(a: Article) -> Mapping[str, str | None]:
    return {
        "number": _text(a.number),
        "name": _text(a.name),
        "is_active": str(a.is_active),
        "vat_rate": _text(a.vat_rate),
        "net_price": _text(a.net_price) if a.net_price else None,  # no price in PM is a zero price in eEkonomi
    }


def project_fields(p: Comparable) -> Mapping[str, str | None]:
    return {"number": _text(p.number), "name": _text(p.name), "is_active": str(p.is_active)}


async def check_customers(src: Sources) -> CategoryCheck:
    check = CategoryCheck("customers")
    pm_side, eek_side = PmCustomerSide(src.pm), EekCustomerSide(src.eek)
    records = await pm_side.changed(None)
    wires, _ = await eek_side.changed(None)
    pm_ref, eek_ref = await pm_side.reference(), await eek_side.reference()
    pm = {r.guid: from_severa_customer(r, pm_ref) for r in records if r.guid}
    eek = {c.id: from_eekonomi_customer(c, eek_ref) for c in wires if c.id}
    check.objects_read = len(records) + len(wires)
    check.objects_read += sum(
        len(r.addresses) + len(r.contacts) + sum(len(c) for c in r.communications.values()) for r in records
    )
    spec: PairSpec[Customer] = PairSpec(
        "customers",
        src.options.master_customers,
        "S1",
        customer_fields,
        must_exist_in_eek=lambda c: c.is_active,  # C1: active customers
        must_exist_in_pm=lambda c: c.is_active,
    )
    check.findings = compare_pairs(spec, pm, eek, src.store.protocol.links("customers"), _failing(src, "customers"))
    return check


async def check_articles(src: Sources) -> CategoryCheck:
    check = CategoryCheck("articles")
    items = await PmArticleSide(src.pm).changed(None)
    codings = [c async for c in src.eek.article_codings.iter()]
    units = [u async for u in src.eek.units.iter()]
    wires = [a async for a in src.eek.articles.iter()]
    ref = ArticleReference(codings, units)
    pm = {item.pm_id: item.article for item in items}
    eek = {a.id: from_eekonomi_article(a, ref) for a in wires if a.id}
    check.objects_read = len(items) + len(wires)
    spec: PairSpec[Article] = PairSpec(
        "articles",
        src.options.master_articles,
        "S2",
        article_fields,
        must_exist_in_eek=lambda a: a.is_active,
        must_exist_in_pm=lambda a: a.is_active,
    )
    check.findings = compare_pairs(spec, pm, eek, src.store.protocol.links("articles"), _failing(src, "articles"))
    return check


@dataclass(frozen=True)
class _ItemAsProject:
    """A cost center item seen as the project it stands for, with the fingerprint the project link stores."""

    item: CostCenterItem

    @property
    def number(self) -> str | None:
        return self.item.short_name

    @property
    def name(self) -> str:
        return self.item.name or ""

    @property
    def is_active(self) -> bool:
        return bool(self.item.is_active)

    def fingerprint(self) -> str:
        item = self.item
        return hashlib.sha256(f"{item.short_name}\x1f{item.name}\x1f{item.is_active}".encode()).hexdigest()


async def check_projects(src: Sources) -> CategoryCheck:
    check = CategoryCheck("projects")
    centers = [center async for center in src.eek.cost_centers.iter()]
    center = resolve_cost_center(centers, src.options.project_cost_center)
    projects = [p async for p in src.pm.projects.iter()]
    pm: dict[str, Comparable] = {p.guid: from_severa_project(p) for p in projects if p.guid}
    eek: dict[str, Comparable] = {i.id: _ItemAsProject(i) for i in center.items or [] if i.id}
    check.objects_read = len(projects) + len(eek)
    spec: PairSpec[Comparable] = PairSpec(
        "projects",
        "pm",
        "P1",
        project_fields,
        must_exist_in_eek=lambda p: True,  # P1: every project, open or closed
        must_exist_in_pm=lambda p: False,  # an item made by hand in eEkonomi needs no project
    )
    check.findings = compare_pairs(spec, pm, eek, src.store.protocol.links("projects"), _failing(src, "projects"))
    return check

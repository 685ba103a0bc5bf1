"""The fixed world every fuzzed object is mapped in: the eEkonomi emulator's demo company (in-process over ASGI,
its clock fixed, no rate limit) with brygga's client connected to it, and the reference data the planners read.

Hypothesis calls plain functions, so the world keeps its own event loop and offers synchronous calls.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache

import httpx

from brygga.eekonomi import (
    CustomerInvoiceDraft,
    EEkonomiAuth,
    EEkonomiClient,
    EEkonomiOAuthConfig,
    connect_unattended,
)
from brygga.eekonomi.models_articles import Article as EekArticle
from brygga.mapping.eekonomi_articles import ArticleReference
from brygga.mapping.eekonomi_customers import EekReference
from brygga.mapping.invoice_drafts import DraftContext
from brygga.mapping.severa_customers import PmReference
from brygga.severa import models as sev
from brygga.tokens import MemoryTokenStore
from brygga_emulators.eekonomi import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, build_emulator
from brygga_emulators.eekonomi.clock import fixed_clock
from brygga_emulators.faults import FaultConfig

__all__ = ["PM_REFERENCE", "World", "world"]

BASE_URL = "http://eek-fuzz.test"
REDIRECT_URI = "http://localhost:8765/callback"
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 22)
PROJECT_CENTER = "Projekt"

PM_REFERENCE = PmReference(
    countries=[
        sev.Country(guid="c-se", code2="SE", name="Sverige", englishName="Sweden"),
        sev.Country(guid="c-no", code2="NO", name="Norge", englishName="Norway"),
        sev.Country(guid="c-fi", code2="FI", name="Finland", englishName="Finland"),
        sev.Country(guid="c-de", code2="DE", name="Tyskland", englishName="Germany"),
    ],
    currencies=[
        sev.Currency(guid="k-sek", code="SEK", isOrganizationCurrency=True),
        sev.Currency(guid="k-eur", code="EUR"),
        sev.Currency(guid="k-nok", code="NOK", isActive=False),
    ],
    communication_types=[
        sev.CommunicationType(guid="t-mail", name="E-post", type="EmailAddress"),
        sev.CommunicationType(guid="t-phone", name="Telefon", type="Phone"),
    ],
)


@dataclass
class World:
    loop: asyncio.AbstractEventLoop
    client: EEkonomiClient
    eek_ref: EekReference
    article_ref: ArticleReference
    articles: dict[str, EekArticle]
    coding_vat: dict[str, Decimal | None]
    customer_id: str
    cost_center_id: str
    cost_center_number: int
    items_by_short: dict[str, str]

    def draft_context(self, payment_days: int | None, project_item: str | None) -> DraftContext:
        terms = self.eek_ref.terms_for_days(payment_days)
        return DraftContext(
            customer_id=self.customer_id,
            terms_id=terms.id if terms else None,
            invoice_date=TODAY,
            articles=self.articles,
            default_article=self.articles["DIV"],
            vat_of=lambda article: self.coding_vat.get(article.coding_id or ""),
            slot=self.cost_center_number,
            project_item=project_item,
            item_for_cost_center=self.items_by_short.get,
        )

    def create_draft(self, draft: CustomerInvoiceDraft) -> CustomerInvoiceDraft:
        """POST the draft, then DELETE it, so the emulator's store stays small however many examples run."""

        async def round_trip() -> CustomerInvoiceDraft:
            created = await self.client.invoice_drafts.create(draft)
            if created.id:
                await self.client.invoice_drafts.delete(created.id)
            return created

        return self.loop.run_until_complete(round_trip())


async def _build() -> World:
    emulator = build_emulator("demo", config=FaultConfig(rate_limit_per_minute=1_000_000_000), clock=fixed_clock(NOW))
    transport = httpx.ASGITransport(app=emulator.app)
    config = EEkonomiOAuthConfig(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, auth_url=BASE_URL)
    store = MemoryTokenStore(await connect_unattended(config, REDIRECT_URI, transport=transport))
    auth = EEkonomiAuth(config, store, token_transport=transport)
    client = EEkonomiClient(BASE_URL + "/v2", auth, transport=transport)
    company = await client.company_settings.get()
    terms = [t async for t in client.terms_of_payment.iter()]
    codings = [c async for c in client.article_codings.iter()]
    units = [u async for u in client.units.iter()]
    articles = {a.number: a async for a in client.articles.iter()}
    customer = await client.customers.find_by_number("1005")
    centers = [c async for c in client.cost_centers.iter()]
    center = next(c for c in centers if c.name == PROJECT_CENTER)
    assert customer is not None and customer.id and center.id
    return World(
        loop=asyncio.get_running_loop(),
        client=client,
        eek_ref=EekReference(company, terms),
        article_ref=ArticleReference(codings, units),
        articles=articles,
        coding_vat={c.id: c.vat_rate for c in codings if c.id},
        customer_id=customer.id,
        cost_center_id=center.id,
        cost_center_number=int(center.number or 1),
        items_by_short={item.short_name: item.id for item in center.items or [] if item.id},
    )


@cache
def world() -> World:
    """One world per process: reference data is read once; drafts are deleted after each example."""
    loop = asyncio.new_event_loop()
    return loop.run_until_complete(_build())

"""Visma PM: the connection (a token call), and the registers the transfers will reject items from: products,
work types and travel expense types without a code (A6), and active customers without a full address (C5)."""

from __future__ import annotations

import httpx

from brygga.doctor.results import Check, CheckResult, Msg, listing
from brygga.domain import Article, ArticleKind, Customer
from brygga.hints import hint_for
from brygga.mapping.severa_articles import (
    PmArticleReference,
    from_severa_product,
    from_severa_travel_type,
    from_severa_work_type,
)
from brygga.mapping.severa_customers import from_severa_customer
from brygga.severa.auth import SeveraCredentials, fetch_token
from brygga.severa.client import SeveraClient
from brygga.store import ConnectionInfo, Store
from brygga.transfer.customers.pm_side import PmCustomerSide

__all__ = [
    "ARTICLE_CODES",
    "CONNECTION",
    "CUSTOMER_ADDRESSES",
    "check_article_codes",
    "check_connection",
    "check_customer_addresses",
]

CONNECTION = Check("severa.connection", Msg("Anslutning till Visma PM", "Connection to Visma PM"))
ARTICLE_CODES = Check("a6.article_codes", Msg("Koder på produkter och typer (A6)", "Codes on products and types (A6)"))
CUSTOMER_ADDRESSES = Check(
    "c5.customer_addresses", Msg("Kundadresser i Visma PM (C5)", "Customer addresses in Visma PM (C5)")
)
_KIND_SV = {ArticleKind.PRODUCT: "produkt", ArticleKind.WORK_TYPE: "arbetstyp", ArticleKind.TRAVEL: "resekostnad"}
_KIND_EN = {ArticleKind.PRODUCT: "product", ArticleKind.WORK_TYPE: "work type", ArticleKind.TRAVEL: "travel expense"}
_KIND_SV_PLURAL = {
    ArticleKind.PRODUCT: "produkter",
    ArticleKind.WORK_TYPE: "arbetstyper",
    ArticleKind.TRAVEL: "resekostnader",
}
_KIND_EN_PLURAL = {
    ArticleKind.PRODUCT: "products",
    ArticleKind.WORK_TYPE: "work types",
    ArticleKind.TRAVEL: "travel expenses",
}
_MENU_SV = {
    ArticleKind.PRODUCT: "Inställningar > Produkter",
    ArticleKind.WORK_TYPE: "Inställningar > Projektets arbetstyper",
    ArticleKind.TRAVEL: "Inställningar > Resekostnader",
}
_MENU_EN = {
    ArticleKind.PRODUCT: "Settings > Products",
    ArticleKind.WORK_TYPE: "Settings > Work types",
    ArticleKind.TRAVEL: "Settings > Travel expenses",
}
# Only the code matters here; prices and VAT, which the reference carries, do not.
_NO_PRICES = PmArticleReference(default_vat_percent=None)


async def check_connection(
    store: Store, info: ConnectionInfo, transport: httpx.AsyncBaseTransport | None
) -> CheckResult:
    """A fresh token proves the stored client id and secret still work (a stored token could hide that)."""
    credentials = SeveraCredentials(info.client_id, info.client_secret or "")
    tokens = await fetch_token(credentials, info.api_url, transport=transport)
    store.connections.token_store("severa").save(tokens)
    return CONNECTION.green(Msg(f"Inloggningen fungerar ({info.api_url}).", f"The login works ({info.api_url})."))


async def _pm_articles(pm: SeveraClient) -> list[Article]:
    articles = [from_severa_product(p) async for p in pm.products.iter()]
    articles += [from_severa_work_type(w, _NO_PRICES) async for w in pm.work_types.iter()]
    articles += [from_severa_travel_type(t, _NO_PRICES) async for t in pm.travel_expense_types.iter()]
    return articles


async def check_article_codes(pm: SeveraClient) -> CheckResult:
    """Inactive items count too: the article transfer carries them over with their state (rule A9)."""
    articles = await _pm_articles(pm)
    missing = [a for a in articles if not a.number]
    if not missing:
        return ARTICLE_CODES.green(Msg(f"Alla {len(articles)} har en kod.", f"All {len(articles)} have a code."))
    names = listing([f'{_KIND_SV[a.kind]} "{a.name}"' for a in missing])
    names_en = listing([f'{_KIND_EN[a.kind]} "{a.name}"' for a in missing])
    found = Msg(
        f"{len(missing)} av {len(articles)} saknar kod och förs inte över: {names.sv}.",
        f"{len(missing)} of {len(articles)} have no code and are not transferred: {names_en.en}.",
    )
    return ARTICLE_CODES.yellow(found, _where_to_add_codes({a.kind for a in missing}))


def _where_to_add_codes(kinds: set[ArticleKind]) -> Msg:
    """One sentence for all kinds that lack codes (the per-kind hints of the transfer say the same, three times)."""
    present = [kind for kind in ArticleKind if kind in kinds]
    sv = "; ".join(f"{_KIND_SV_PLURAL[k]}: {_MENU_SV[k]}" for k in present)
    en = "; ".join(f"{_KIND_EN_PLURAL[k]}: {_MENU_EN[k]}" for k in present)
    return Msg(
        f"Ange en kod i Visma PM ({sv}). Koden blir artikelnumret i eEkonomi.",
        f"Give each a code in Visma PM ({en}). The code becomes the article number in eEkonomi.",
    )


async def check_customer_addresses(pm: SeveraClient) -> CheckResult:
    """Only active customers are transferred (rule C1), so only they are counted."""
    side = PmCustomerSide(pm)
    records = await side.changed(None)
    reference = await side.reference()
    customers = [c for c in (from_severa_customer(r, reference) for r in records) if c.is_active]
    missing = [c for c in customers if c.address is None or not c.address.is_complete()]
    if not missing:
        return CUSTOMER_ADDRESSES.green(
            Msg(
                f"Alla {len(customers)} aktiva kunder har fullständig adress.",
                f"All {len(customers)} active customers have a complete address.",
            )
        )
    names = listing([f"{c.number or '-'} {c.name}" for c in sorted(missing, key=_by_number)])
    hint = hint_for("C5")
    found = Msg(
        f"{len(missing)} av {len(customers)} aktiva kunder saknar fullständig adress och förs inte över: {names.sv}.",
        f"{len(missing)} of {len(customers)} active customers lack a complete address and are not transferred: "
        f"{names.en}.",
    )
    return CUSTOMER_ADDRESSES.yellow(found, Msg(hint.sv, hint.en))


def _by_number(customer: Customer) -> tuple[int, str]:
    number = customer.number or ""
    return (int(number), "") if number.isdigit() else (0, number)

"""One page of the overview: the companies (one query; the free text is matched on their ids and names here), then
the facts of the page's companies (one query); when the page is sorted or filtered by what the facts say, the facts
of every matching company (still one query)."""

from __future__ import annotations

from datetime import UTC, datetime

from brygga.overview.listing import Listing, Page, choose, needs_all
from brygga.overview.model import line_of
from brygga.store.database import Database
from brygga.store.overview import OverviewStore

__all__ = ["overview_page"]


def overview_page(db: Database, listing: Listing, now: datetime | None = None) -> Page:
    store = OverviewStore(db)
    moment = now or datetime.now(UTC)
    every = store.companies()
    needle = listing.text.casefold()
    matching = [pair for pair in every if needle in pair[0].casefold() or needle in pair[1].casefold()]
    matching.sort(key=lambda pair: (pair[1].casefold(), pair[0]))
    if needs_all(listing):
        lines = [line_of(facts, moment) for facts in store.facts(matching)]
        shown, total = choose(lines, listing)
    else:
        start = (listing.page - 1) * listing.size
        lines = [line_of(facts, moment) for facts in store.facts(matching[start : start + listing.size])]
        shown, total = lines, len(matching)
    return Page(listing, shown, total, len(every))

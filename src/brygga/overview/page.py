"""One page of the overview: the companies (one query; the free text is matched on their ids and names here), then
the page as the database sorts and filters it (one query over ``company_status``), then the facts of the page's
companies (one query). Companies whose summary is stale (missing, facts changed, next run passed) are judged again
first, in one batch, by the same judgement the page shows (``line_of``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from brygga.overview.listing import Listing, Page, needs_all
from brygga.overview.model import STATES, line_of
from brygga.store.database import Database
from brygga.store.overview import Judgement, OverviewStore

__all__ = ["RANKS", "overview_page"]

RANKS: dict[str, tuple[int, ...] | None] = {
    "all": None,
    "attention": tuple(STATES.index(s) for s in ("failing", "paused", "attention")),
    "failing": (STATES.index("failing"),),
    "paused": (STATES.index("paused"),),
    "ok": (STATES.index("ok"),),
}


def overview_page(db: Database, listing: Listing, now: datetime | None = None) -> Page:
    store = OverviewStore(db)
    moment = now or datetime.now(UTC)
    every = store.companies()
    needle = listing.text.casefold()
    matching = [pair for pair in every if needle in pair[0].casefold() or needle in pair[1].casefold()]
    start = (listing.page - 1) * listing.size
    if not needs_all(listing):
        matching.sort(key=lambda pair: (pair[1].casefold(), pair[0]))
        lines = [line_of(facts, moment) for facts in store.facts(matching[start : start + listing.size])]
        return Page(listing, lines, len(matching), len(every))
    names = dict(matching)
    named = list(names)
    ids = named if needle else None
    ask = (named, ids, listing.sort, RANKS[listing.filter], moment, start, listing.size)
    listed = store.listing(*ask)
    if listed.stale:
        store.save_statuses(judge(store, {i: (names[i], n) for i, n in listed.stale.items()}, moment), moment)
        listed = store.listing(*ask)
    lines = [line_of(facts, moment) for facts in store.facts([(i, names[i]) for i in listed.page])]
    return Page(listing, lines, listed.total, len(every))


def judge(store: OverviewStore, companies: dict[str, tuple[str, int]], now: datetime) -> list[Judgement]:
    """The summary of ``companies`` (id -> name, ``changes`` read before their facts), without open alerts."""
    judged = []
    for facts in store.facts([(i, name) for i, (name, _) in companies.items()]):
        line = line_of(replace(facts, alerts={}), now)
        judged.append(
            Judgement(facts.id, companies[facts.id][1], line.state, STATES.index(line.state), facts.name,
                      line.last_run_at, line.next_run_at)
        )  # fmt: skip
    return judged

"""Which companies a page of the overview shows: sort, filter and page, as pure functions of the lines.

Sorts: ``name`` (A-Ö), ``state`` (worst first, ``model.STATES``), ``last_run`` (the longest since a transfer first;
never transferred before all), ``next_run`` (soonest first; manual and paused last). Filters: ``all``,
``attention`` (failing, paused or needing attention), ``failing``, ``paused``, ``ok``; and free text on id or name
(applied by the query).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from brygga.overview.model import STATES, CompanyLine

__all__ = ["FILTERS", "PAGE_SIZE", "SORTS", "Listing", "Page", "choose", "needs_all"]

SORTS = ("name", "state", "last_run", "next_run")
FILTERS = ("all", "attention", "failing", "paused", "ok")
PAGE_SIZE = 50
_FAR = datetime.max.replace(tzinfo=UTC)
_EARLY = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Listing:
    """What the person asked for; unknown values fall back to the defaults (never an error on a page)."""

    sort: str = "name"
    filter: str = "all"
    text: str = ""
    page: int = 1
    size: int = PAGE_SIZE

    @classmethod
    def of(cls, sort: str | None, filter: str | None, text: str | None, page: int | str | None) -> Listing:
        try:
            number = max(1, int(page or 1))
        except ValueError:
            number = 1
        return cls(
            sort if sort in SORTS else "name",
            filter if filter in FILTERS else "all",
            (text or "").strip()[:100],
            number,
        )


@dataclass(frozen=True)
class Page:
    listing: Listing
    lines: list[CompanyLine]
    total: int  # companies that match the filter and text
    companies: int  # companies in the installation

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.listing.size))


def needs_all(listing: Listing) -> bool:
    """Whether the page needs every matching company's facts (to sort or filter by them), not only its own."""
    return listing.sort != "name" or listing.filter != "all"


def _keep(line: CompanyLine, wanted: str) -> bool:
    if wanted == "attention":
        return line.state in ("failing", "paused", "attention")
    return wanted == "all" or line.state == wanted


_KEYS: dict[str, Callable[[CompanyLine], tuple[object, ...]]] = {
    "name": lambda line: (line.name.casefold(), line.id),
    "state": lambda line: (STATES.index(line.state), line.name.casefold(), line.id),
    "last_run": lambda line: (line.last_run_at or _EARLY, line.name.casefold(), line.id),
    "next_run": lambda line: (line.next_run_at or _FAR, line.name.casefold(), line.id),
}


def choose(lines: list[CompanyLine], listing: Listing) -> tuple[list[CompanyLine], int]:
    """The page's lines and how many matched in all."""
    kept = sorted((line for line in lines if _keep(line, listing.filter)), key=_KEYS[listing.sort])
    start = (listing.page - 1) * listing.size
    return kept[start : start + listing.size], len(kept)

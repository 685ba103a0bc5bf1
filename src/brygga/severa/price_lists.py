"""The organisation's price lists (read-only over the API) and the sales prices brygga takes from them.

Work types and travel expense types have no sales price of their own: Severa keeps it in the
organisation's default price list, in the version that is valid today. :meth:`PriceListsService.default_prices`
walks ``/v1/pricelists`` → ``/v1/pricelists/{guid}/pricelistversions`` →
``/v1/pricelistversions/{guid}/workhourprices`` and ``…/travelprices`` and returns one
:class:`DefaultPrices`. The API cannot write these lists, so those prices are always owned by PM.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from brygga.errors import ConfigError, ServerError
from brygga.severa.errors import SYSTEM
from brygga.severa.pages import LIMITED_TOKEN_PAGE_ROWS
from brygga.severa.price_models import PriceList, PriceListVersion, TravelPrice, WorkHourPrice
from brygga.severa.query import query_items
from brygga.severa.service_base import Service

__all__ = [
    "DefaultPrices",
    "PriceListsService",
    "current_version",
    "default_price_list",
    "travel_price_map",
    "work_hour_price_map",
]

_PRICELIST_SOURCE = "Pricelist"
_PROJECT_SOURCE = "Project"


@dataclass(frozen=True)
class DefaultPrices:
    """The sales prices in force: the default price list, its current version and two price maps.

    ``work_type_prices`` maps a work-type guid to its hourly price, ``travel_prices`` a travel
    expense type guid to its unit price; both in ``currency_code`` (the price list's currency).
    A type missing from a map has no price in this version.
    """

    price_list: PriceList
    version: PriceListVersion
    work_type_prices: dict[str, Decimal]
    travel_prices: dict[str, Decimal]
    currency_code: str | None


class PriceListsService(Service):
    """``/v1/pricelists`` (offset paging) and what hangs under a price list."""

    _LIST = "/v1/pricelists"
    _VERSIONS = "/v1/pricelists/{pricelistGuid}/pricelistversions"
    _WORK_HOUR_PRICES = "/v1/pricelistversions/{pricelistVersionGuid}/workhourprices"
    _TRAVEL_PRICES = "/v1/pricelistversions/{pricelistVersionGuid}/travelprices"

    def iter(self, *, active: bool | None = None) -> AsyncIterator[PriceList]:
        """Every price list, project-specific (``isCustom``) ones included."""
        return self._iter_offset(PriceList, self._LIST, query=query_items(active=active))

    async def versions(self, pricelist_guid: str) -> list[PriceListVersion]:
        """All versions of one price list (one unpaged list), in Severa's order."""
        return await self._all_unpaged(PriceListVersion, self._VERSIONS, {"pricelistGuid": pricelist_guid})

    async def work_hour_prices(self, version_guid: str) -> list[WorkHourPrice]:
        """All work-hour prices of one version: token paging, at most 100 rows a page."""
        # The spec declares one WorkHourPriceOutputModel as this paged route's answer; an array is
        # what a list means, but a lone object is read as a one-row page rather than refused.
        prices = self._iter_token(
            WorkHourPrice,
            self._WORK_HOUR_PRICES,
            path_params={"pricelistVersionGuid": version_guid},
            row_count=LIMITED_TOKEN_PAGE_ROWS,
            object_as_row=True,
        )
        return [price async for price in prices]

    async def travel_prices(self, version_guid: str) -> list[TravelPrice]:
        """All travel prices of one version (offset paging), each with every source's price."""
        params = {"pricelistVersionGuid": version_guid}
        return [price async for price in self._iter_offset(TravelPrice, self._TRAVEL_PRICES, path_params=params)]

    async def default_prices(self, *, today: date | None = None) -> DefaultPrices:
        """The organisation's default price list, its version valid on ``today`` and its prices.

        ``today`` defaults to the current UTC date. Raises :class:`~brygga.errors.ConfigError` when
        there is no single active default price list, or no version of it has started yet.
        """
        price_list = default_price_list([price_list async for price_list in self.iter()])
        versions = await self.versions(_guid_of(price_list, self._LIST))
        version = current_version(versions, today or datetime.now(UTC).date())
        version_guid = _guid_of(version, self._VERSIONS)
        return DefaultPrices(
            price_list=price_list,
            version=version,
            work_type_prices=work_hour_price_map(await self.work_hour_prices(version_guid)),
            travel_prices=travel_price_map(await self.travel_prices(version_guid)),
            currency_code=price_list.currency.code if price_list.currency else None,
        )


def default_price_list(price_lists: Iterable[PriceList]) -> PriceList:
    """The one active, organisation-wide (not project-custom) price list marked ``isDefault``."""
    candidates = [item for item in price_lists if item.isDefault and item.isActive and not item.isCustom]
    if len(candidates) == 1:
        return candidates[0]
    found = "ingen" if not candidates else f"{len(candidates)} st ({', '.join(item.name for item in candidates)})"
    raise ConfigError(
        f"Visma PM ska ha exakt en aktiv standardprislista, hittade {found}",
        hint="Markera en aktiv prislista som standard under Inställningar → Prislistor i Visma PM.",
        message_en=f"Visma PM must have exactly one active default price list, found {found}",
        hint_en="Mark one active price list as the default under Settings → Price lists in Visma PM.",
    )


def current_version(versions: Iterable[PriceListVersion], today: date) -> PriceListVersion:
    """The newest version that has started on ``today``; a version without ``startDate`` has always applied."""
    started = [version for version in versions if version.startDate is None or version.startDate <= today]
    if not started:
        raise ConfigError(
            f"Standardprislistan i Visma PM har ingen version som gäller {today.isoformat()}",
            hint="Lägg till en prislisteversion med startdatum i dag eller tidigare i Visma PM.",
            message_en=f"The default price list in Visma PM has no version valid on {today.isoformat()}",
            hint_en="Add a price list version starting today or earlier in Visma PM.",
        )
    return max(started, key=lambda version: version.startDate or date.min)


def work_hour_price_map(prices: Iterable[WorkHourPrice]) -> dict[str, Decimal]:
    """Work-type guid → hourly price, from the rows that apply to everyone (no ``user``).

    A row with a user is that user's exception and says nothing about the work type's price.
    """
    result: dict[str, Decimal] = {}
    for price in prices:
        if price.user is not None and price.user.guid:
            continue
        guid = price.workType.guid if price.workType else None
        amount = price.unitPrice.amount if price.unitPrice else None
        if guid and amount is not None:
            result.setdefault(guid, amount)
    return result


def travel_price_map(prices: Iterable[TravelPrice]) -> dict[str, Decimal]:
    """Travel expense type guid → unit price: the price list's own price, else the type's registry value.

    Project prices are never organisation prices, so they are ignored.
    """
    result: dict[str, Decimal] = {}
    for price in prices:
        guid = price.product.guid if price.product else None
        amount = _preferred_amount(price)
        if guid and amount is not None:
            result.setdefault(guid, amount)
    return result


def _preferred_amount(price: TravelPrice) -> Decimal | None:
    entries = [entry for entry in price.prices or [] if entry.priceSource != _PROJECT_SOURCE]
    amounts = [
        (entry.priceSource == _PRICELIST_SOURCE, entry.price.amount)
        for entry in entries
        if entry.price is not None and entry.price.amount is not None
    ]
    # Stable: among equals the first listed wins; a Pricelist entry beats any other source.
    ranked = sorted(amounts, key=lambda pair: not pair[0])
    return ranked[0][1] if ranked else None


def _guid_of(obj: PriceList | PriceListVersion, path: str) -> str:
    if not obj.guid:
        raise ServerError(
            f"Visma PM skickade en {type(obj).__name__} utan guid", system=SYSTEM, method="GET", path=path
        )
    return obj.guid

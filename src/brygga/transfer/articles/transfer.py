"""The article transfer ("Produkter / Artiklar"): PM products, work types and travel expense types <-> eEkonomi
articles. Rules S2, A1-A9, with the same write protocol, reports and dry run as customers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from brygga.domain import Article, ArticleKind
from brygga.domain.packed import PackedMap
from brygga.eekonomi.models_articles import Article as EekArticle
from brygga.errors import ConfigError, RuleViolation
from brygga.field_changes import diff_objects
from brygga.hints import hint_for
from brygga.mapping.article_rules import check_article_for_eekonomi, check_article_for_pm, duplicate_code
from brygga.mapping.eekonomi_articles import (
    ArticleReference,
    from_eekonomi_article,
    to_eekonomi_article,
    to_eekonomi_fields,
)
from brygga.transfer.articles.pm_side import PmArticleSide, PmItem
from brygga.transfer.context import TransferContext
from brygga.transfer.outcome import Action
from brygga.transfer.sync.base import PairTransfer
from brygga.transfer.sync.compact import LinkView, SideView, read_changed_pages
from brygga.transfer.sync.planner import (
    SYSTEM_LABEL,
    Change,
    Direction,
    Known,
    Named,
    Plan,
    PlanRules,
    plan_pairs,
)
from brygga.transfer.write_protocol import create_once

__all__ = ["ArticlesTransfer", "article_clash", "article_plan_rules"]

CATEGORY = "articles"
PM_CURSOR_OVERLAP = timedelta(minutes=2)


def article_clash(direction: Direction, article: Article, other: Named) -> RuleViolation:
    """Rule A2: linked by code and name; a code match with another name is reported, never duplicated."""
    other_system = SYSTEM_LABEL[direction.target]
    hint = hint_for("A2", other=other_system, other_name=other.name)
    return RuleViolation(
        "A2",
        f"Artikeln {article.label} kopplades inte: koden {article.number} finns redan i {other_system} med namnet "
        f'"{other.name}".',
        hint=hint,
    )


def article_plan_rules(
    master: str, check_for_eek: Callable[[Article, str], RuleViolation | None]
) -> PlanRules[Article]:
    """The article rules for the shared planner: S2's master, A2's clash, A9's carried active flag."""
    return PlanRules(
        master=master,
        check_for_eek=check_for_eek,
        check_for_pm=lambda article, _op: check_article_for_pm(article),
        clash=article_clash,
        skip_inactive_new=False,  # rule A9: the active flag is carried, inactive items included
        things="artiklar",
        master_rule="S2",
    )


class ArticlesTransfer(PairTransfer[Article]):
    category = CATEGORY
    progress_label = "Artiklar"

    def __init__(self, ctx: TransferContext) -> None:
        super().__init__(ctx)
        self.pm = PmArticleSide(ctx.pm)
        self.pm_items: PackedMap[Article] = PackedMap(Article)  # every PM article read, by id, packed
        self.eek_articles: dict[str, EekArticle] = {}
        self._ref: ArticleReference | None = None
        self._duplicates: set[str] = set()

    # planning ----------------------------------------------------------------------------------
    async def plan(self) -> Plan[Article]:
        started = self.ctx.clock()
        pm_since = self.protocol.cursor(CATEGORY, "pm")
        eek_since = self.protocol.cursor(CATEGORY, "eekonomi")
        retries = self.load_retries()
        self._ref = await self._reference()
        links = LinkView(self.protocol.iter_links(CATEGORY))
        pm_view = SideView.packed(Article, links.by_pm, lambda link: link.pm_hash)
        numbers = PmNumbers()
        async for item in self.pm.iter_changed(pm_since - PM_CURSOR_OVERLAP if pm_since else None, retries["pm"]):
            pm_id = item.pm_id  # one string for the three places that keep it
            numbers.add(pm_id, item.article.number)
            if pm_view.add(pm_id, item.article) and isinstance(pm_view.changed, PackedMap):
                self.pm_items.share(pm_id, pm_view.changed)  # a changed article's bytes are kept once, not twice
            else:
                self.pm_items[pm_id] = item.article
        self._duplicates = numbers.duplicates
        # The eEkonomi index is asked only for the numbers of unlinked PM objects: quiet ones need no other entry.
        unlinked_pm = pm_view.unlinked
        eek_view = SideView.packed(
            Article, links.by_eek, lambda link: link.eek_hash, wanted=unlinked_pm, watch=retries["eekonomi"]
        )
        pages = read_changed_pages(self.ctx.eek.articles, eek_since)
        async for wire in pages:
            self._add_eek(eek_view, pm_view, wire)
        for eek_id in eek_view.unread():
            self._add_eek(eek_view, pm_view, await self.ctx.eek.articles.get(eek_id))
        self.cursors.pm, self.cursors.eek = started, pages.server_time
        unlinked_eek = eek_view.unlinked
        # An unlinked eEkonomi article may match any PM article by number, changed or not (rule A2).
        pm_view.by_number = {n: (i, Known(self.pm_items[i].name)) for n in unlinked_eek if (i := numbers.ids.get(n))}
        eek_view.keep_numbers(unlinked_pm)
        await self._eek_index(unlinked_pm, eek_view.by_number, full=eek_since is None)
        await self._pm_index(unlinked_eek, pm_view.by_number)
        rules = article_plan_rules(self.ctx.options.master_articles, self._check_for_eek)
        plan = plan_pairs(pm_view.side(), eek_view.side(), links.relevant(pm_view, eek_view), rules)
        if any(c.action is Action.CREATE and c.direction is Direction.PM_TO_EEK for c in plan.changes):
            plan.notices.append(hint_for("A:reminder").sv)
        return plan

    def _pm_item(self, pm_id: str) -> PmItem | None:
        """A PM article read this run, as the item a PM write starts from."""
        article = self.pm_items.get(pm_id)
        if article is None:
            return None
        kind, _, guid = pm_id.partition(":")
        return PmItem(ArticleKind(kind), guid, article)

    def _add_eek(self, view: SideView[Article], pm_view: SideView[Article], wire: EekArticle) -> None:
        """One eEkonomi article read: planned or quiet; its wire model is kept only as the base of a possible
        PM -> eEk write (it is unlinked, or its PM item changed)."""
        assert self._ref is not None
        if not wire.id:
            return
        view.add(wire.id, from_eekonomi_article(wire, self._ref))
        link = view.links.get(wire.id)
        if link is None or link.pm_id in pm_view.changed:
            self.eek_articles[wire.id] = wire

    async def _reference(self) -> ArticleReference:
        codings = [c async for c in self.ctx.eek.article_codings.iter()]
        units = [u async for u in self.ctx.eek.units.iter()]
        if not codings:
            raise ConfigError(
                "Visma eEkonomi har inga artikelkonteringar.",
                hint="Kontrollera att företaget är färdigt uppsatt i Visma eEkonomi "
                "(Inställningar > Artikelkonteringar).",
                message_en="Visma eEkonomi has no article codings.",
                hint_en="Check that the company is fully set up in Visma eEkonomi (Settings > Article codings).",
            )
        return ArticleReference(codings, units)

    async def _eek_index(self, unlinked: set[str], index: dict[str, tuple[str, Named]], *, full: bool) -> None:
        """``unlinked``: the numbers of the unlinked PM articles planned."""
        assert self._ref is not None
        missing = sorted(n for n in unlinked if n not in index)
        if full or not missing:
            return
        if len(missing) > 5:
            wanted = set(missing)
            found = {a.number: a async for a in self.ctx.eek.articles.iter() if a.number in wanted}
        else:
            found = {n: a for n in missing if (a := await self.ctx.eek.articles.find_by_number(n)) is not None}
        for number, wire in found.items():
            if wire.id:
                self.eek_articles.setdefault(wire.id, wire)
                index.setdefault(number, (wire.id, Known(from_eekonomi_article(wire, self._ref).name)))

    async def _pm_index(self, unlinked: set[str], index: dict[str, tuple[str, Named]]) -> None:
        """``unlinked``: the numbers of the unlinked eEkonomi articles planned."""
        missing = sorted(n for n in unlinked if n not in index)
        for code, item in (await self.pm.products_by_code(missing)).items():
            self.pm_items.setdefault(item.pm_id, item.article)
            index[code] = (item.pm_id, Known(item.article.name))

    def _check_for_eek(self, article: Article, op: str) -> RuleViolation | None:
        assert self._ref is not None
        if article.number in self._duplicates:
            return duplicate_code(article)
        coding = self._ref.service_coding(article.vat_rate) if article.vat_rate is not None else None
        unit = self._ref.unit_for(article)
        fields = to_eekonomi_fields(article, coding.id if coding else None, unit.id if unit else None)
        return check_article_for_eekonomi(article, fields, self._ref, op)

    # writing ---------------------------------------------------------------------------------
    def _subject(self, direction: Direction, source_id: str) -> str:
        # A PM id is "<kind>:<guid>" (pm_article_id): the kind is in the id, no article needed.
        return ArticleKind(source_id.partition(":")[0]).english if direction is Direction.PM_TO_EEK else "product"

    async def _apply_to_eek(self, change: Change[Article]) -> None:
        assert self._ref is not None
        if change.action is Action.CREATE:
            await self._create_in_eek(change)
            return
        assert change.target_id is not None
        base = self.eek_articles.get(change.target_id) or await self.ctx.eek.articles.get(change.target_id)
        result = base
        if change.action is Action.UPDATE or self.ctx.options.master_articles == "pm":
            fields = self._fields(change.item, base)
            if any(base.to_body().get(key) != value for key, value in fields.items()):
                result = await self.ctx.eek.articles.update(change.target_id, to_eekonomi_article(fields, base))
                self.note_changes(change, diff_objects(self._eek_canon(base), self._eek_canon(result)))
        self.save_link(
            change, self.link_row(change.source_id, change.target_id, change.fingerprint, self._eek_fp(result))
        )

    def _fields(self, article: Article, base: EekArticle | None) -> dict[str, object]:
        """Keep a coding the user chose in eEkonomi (goods instead of services, rule A3) while its VAT rate still
        matches, and a unit when PM's is unknown there; otherwise take rule A3's and A4's."""
        assert self._ref is not None
        coding = self._ref.coding(base.coding_id) if base else None
        if coding is None or coding.vat_rate != article.vat_rate:
            coding = self._ref.service_coding(article.vat_rate) if article.vat_rate is not None else None
        unit = self._ref.unit_for(article)
        if base is not None and (article.unit is None or (self._ref.unit(base.unit_id) is not None and unit is None)):
            unit = self._ref.unit(base.unit_id) or unit
        return to_eekonomi_fields(article, coding.id if coding else None, unit.id if unit else None)

    async def _create_in_eek(self, change: Change[Article]) -> None:
        number = change.item.number or ""

        async def lookup() -> EekArticle | None:
            found = await self.ctx.eek.articles.find_by_number(number)
            return found if found and found.name.strip() == change.item.name.strip() else None

        fields = self._fields(change.item, None)
        await create_once(
            self.protocol,
            category=CATEGORY,
            target="eekonomi",
            source_id=change.source_id,
            natural_key=number,
            payload_hash=change.fingerprint,
            lookup=lookup,
            send=lambda: self.ctx.eek.articles.create(to_eekonomi_article(fields)),
            link_for=lambda remote: self.link_row(
                change.source_id, remote.id or "", change.fingerprint, self._eek_fp(remote)
            ),
        )

    async def _apply_to_pm(self, change: Change[Article]) -> None:
        if change.action is Action.CREATE:
            await self._create_in_pm(change)
            return
        assert change.target_id is not None
        item = self._pm_item(change.target_id) or await self.pm.get(change.target_id)
        if change.action is Action.UPDATE or self.ctx.options.master_articles == "eekonomi":
            before, item = item, await self.pm.update(item, change.item)
            self.note_changes(change, diff_objects(before.article, item.article))
        self.save_link(
            change, self.link_row(item.pm_id, change.source_id, item.article.fingerprint(), change.fingerprint)
        )

    async def _create_in_pm(self, change: Change[Article]) -> None:
        number = change.item.number or ""

        async def lookup() -> PmItem | None:
            found = (await self.pm.products_by_code([number])).get(number)
            return found if found and found.article.name == change.item.name.strip() else None

        await create_once(
            self.protocol,
            category=CATEGORY,
            target="pm",
            source_id=change.source_id,
            natural_key=number,
            payload_hash=change.fingerprint,
            lookup=lookup,
            send=lambda: self.pm.create_product(change.item),
            link_for=lambda item: self.link_row(
                item.pm_id, change.source_id, item.article.fingerprint(), change.fingerprint
            ),
        )

    def _eek_fp(self, article: EekArticle) -> str:
        return self._eek_canon(article).fingerprint()

    def _eek_canon(self, article: EekArticle) -> Article:
        assert self._ref is not None
        return from_eekonomi_article(article, self._ref)


@dataclass
class PmNumbers:
    """Every PM article's number -> its id (the last one read), and the codes more than one article has: a PM
    product and a work type with one code cannot both become that eEkonomi article (rule A2)."""

    ids: dict[str, str] = field(default_factory=dict)
    duplicates: set[str] = field(default_factory=set)

    def add(self, pm_id: str, number: str | None) -> None:
        if number:
            if number in self.ids:
                self.duplicates.add(number)
            self.ids[number] = pm_id

"""Write-protocol state: links, intents, retries and cursors (ARCHITECTURE.md, "The write protocol").

- ``open_intent`` is committed before a create is sent;
- ``link_and_close`` writes the link and closes the intent in ONE transaction;
- a cursor moves only through ``set_cursor``, which the transfer calls last.

Group commit (issue 16): while a category executes (``start_batch`` .. ``flush``), links and the closing of their
intents are collected and committed together, a few hundred or a second's worth at a time, still each link with
its intent in the same commit. A process killed before such a commit leaves those intents pending, exactly like
one killed between a POST and its commit: the next run reconciles them (looks before sending). Pending intents are
read once per category while batching; the run holding the company's lease is the only writer of them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from brygga.errors import StateError
from brygga.store.database import Database
from brygga.store.protocol_sql import close_creates, linked_elsewhere, own_intents, upsert_intent, upsert_links
from brygga.store.protocol_types import Intent, Link, LinkClash, OpenRequest, clash_error, closed_by
from brygga.store.tables import CursorRow, IntentRow, LinkRow, RetryRow

__all__ = ["Intent", "Link", "LinkClash", "ProtocolStore"]

LINKS_PER_COMMIT = 200
LINK_COMMIT_SECONDS = 1.0  # a killed run leaves at most about this much of its links to be reconciled
# Intents asked for within this window (the creates running side by side) are opened in one commit, which is still
# made before any of their POSTs is sent.
INTENT_WINDOW_SECONDS = 0.003
INTENTS_PER_COMMIT = 32


def _now() -> datetime:
    return datetime.now(UTC)


def _link(row: LinkRow) -> Link:
    return Link(row.category, row.pm_id, row.eek_id, row.pm_hash, row.eek_hash)


def _intent(row: IntentRow) -> Intent:
    return Intent(
        row.id,
        row.category,
        row.target,
        row.source_id,
        row.op,
        row.natural_key,
        row.payload_hash,
        row.state,
        row.attempts,
    )


class ProtocolStore:
    def __init__(self, db: Database, tenant: str) -> None:
        self.db = db
        self.tenant = tenant
        self._batching = False
        self._due: list[tuple[int | None, Link]] = []
        self._due_since = 0.0
        self._pending: dict[str, dict[tuple[str, str, str], Intent]] = {}  # category -> (target, source, op)
        self._clashes: list[LinkClash] = []
        self._to_open: list[OpenRequest] = []
        self._open_timer: asyncio.TimerHandle | None = None

    # group commit --------------------------------------------------------------------------------
    def start_batch(self) -> None:
        """From now until :meth:`flush`, links are committed in groups and pending intents read once."""
        self._batching = True

    def flush(self) -> list[LinkClash]:
        """Commit the collected links (each with its intent) and end the batch; the links refused because their
        eEkonomi object is linked to another PM object are returned, their intents left pending."""
        self._commit_due()
        self._batching = False
        self._pending.clear()
        clashes, self._clashes = self._clashes, []
        return clashes

    def discard_batch(self) -> None:
        """Drop what was collected without writing it: the run stopped (a lost lease may not write). Its intents
        stay pending and the next run reconciles them."""
        if self._open_timer is not None:
            self._open_timer.cancel()
            self._open_timer = None
        for *_, future in self._to_open:
            future.cancel()
        self._to_open.clear()
        self._due.clear()
        self._batching = False
        self._pending.clear()
        self._clashes.clear()

    def _commit_due(self) -> None:
        if not self._due:
            return
        due, self._due = self._due, []
        now = _now()
        with self.db.transaction() as session:
            by_category: dict[str, list[tuple[int | None, Link]]] = {}
            for intent_id, link in due:
                by_category.setdefault(link.category, []).append((intent_id, link))
            for category, entries in by_category.items():
                written = self._without_clashes(session, category, entries)
                upsert_links(
                    session,
                    self.tenant,
                    [(k.category, k.pm_id, k.eek_id, k.pm_hash, k.eek_hash) for _, k in written],
                    now,
                )
                close_creates(
                    session,
                    self.tenant,
                    category,
                    [i for i, _ in written if i is not None],
                    [(k.pm_id, k.eek_id) for _, k in written],
                    now,
                )

    def _without_clashes(
        self, session: Session, category: str, entries: list[tuple[int | None, Link]]
    ) -> list[tuple[int | None, Link]]:
        """The entries that may be written: a link whose eEkonomi object another PM object holds (in the store or
        earlier in the same group) is set aside as a clash."""
        stored = linked_elsewhere(session, self.tenant, category, [(k.pm_id, k.eek_id) for _, k in entries])
        owned = own_intents(session, self.tenant, [i for i, _ in entries if i is not None])
        holder: dict[str, str] = {}
        written = []
        for intent_id, link in entries:
            if intent_id is not None and intent_id not in owned:
                self._clashes.append(LinkClash(link, StateError(f"intent {intent_id} saknas i databasen")))
                continue
            other = holder.get(link.eek_id) or stored.get(link.eek_id)
            if other is not None and other != link.pm_id:
                self._clashes.append(LinkClash(link, clash_error(link, other)))
                continue
            holder[link.eek_id] = link.pm_id
            written.append((intent_id, link))
        # A later entry repointing the same PM object wins, as it did when each link was its own commit.
        last = {link.pm_id: index for index, (_, link) in enumerate(written)}
        return [entry for index, entry in enumerate(written) if last[entry[1].pm_id] == index]

    # links ---------------------------------------------------------------------------------------
    def links(self, category: str) -> list[Link]:
        return list(self.iter_links(category))

    def iter_links(self, category: str) -> Iterator[Link]:
        """A category's links one at a time, fetched 1,000 rows at a go: a compact view of 100,000 links
        (brygga.transfer.sync.link_view) never holds them all as rows or as Link objects."""
        self._commit_due()
        with self.db.read() as session:
            rows = session.execute(
                select(LinkRow.pm_id, LinkRow.eek_id, LinkRow.pm_hash, LinkRow.eek_hash).where(
                    LinkRow.tenant_id == self.tenant, LinkRow.category == category
                ),
                execution_options={"yield_per": 1000},
            )
            for pm_id, eek_id, pm_hash, eek_hash in rows:
                yield Link(category, pm_id, eek_id, pm_hash, eek_hash)

    def link_count(self, category: str) -> int:
        """How many objects of a category are linked: the dry run's "already linked" figure."""
        self._commit_due()
        with self.db.read() as session:
            count = session.scalar(
                select(func.count())
                .select_from(LinkRow)
                .where(LinkRow.tenant_id == self.tenant, LinkRow.category == category)
            )
            return int(count or 0)

    def save_link(self, link: Link) -> None:
        self._commit_due()
        with self.db.transaction() as session:
            other = linked_elsewhere(session, self.tenant, link.category, [(link.pm_id, link.eek_id)])
            if link.eek_id in other:
                raise clash_error(link, other[link.eek_id])
            upsert_links(
                session, self.tenant, [(link.category, link.pm_id, link.eek_id, link.pm_hash, link.eek_hash)], _now()
            )

    # intents -------------------------------------------------------------------------------------
    def open_intent(
        self, category: str, target: str, source_id: str, op: str, natural_key: str, payload_hash: str
    ) -> Intent:
        """Record (and commit) that a create is about to be sent; reopening counts the attempt."""
        with self.db.transaction() as session:
            intent_id, attempts = upsert_intent(
                session, self.tenant, (category, target, source_id, op), natural_key, payload_hash, _now()
            )
        intent = Intent(intent_id, category, target, source_id, op, natural_key, payload_hash, "pending", attempts)
        if self._batching and category in self._pending:
            self._pending[category][(target, source_id, op)] = intent
        return intent

    async def open_intent_grouped(
        self, category: str, target: str, source_id: str, op: str, natural_key: str, payload_hash: str
    ) -> Intent:
        """:meth:`open_intent`, committed together with the other creates asking within a few milliseconds while
        batching; it returns only once the intent is committed, so the POST still follows its intent."""
        if not self._batching:
            return self.open_intent(category, target, source_id, op, natural_key, payload_hash)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Intent] = loop.create_future()
        self._to_open.append(((category, target, source_id, op), natural_key, payload_hash, future))
        if len(self._to_open) >= INTENTS_PER_COMMIT:
            self._open_asked()
        elif self._open_timer is None:
            self._open_timer = loop.call_later(INTENT_WINDOW_SECONDS, self._open_asked)
        return await future

    def _open_asked(self) -> None:
        if self._open_timer is not None:
            self._open_timer.cancel()
            self._open_timer = None
        asked, self._to_open = self._to_open, []
        opened: list[tuple[OpenRequest, Intent]] = []
        try:
            now = _now()
            with self.db.transaction() as session:
                for request in asked:
                    key, natural_key, payload_hash, _ = request
                    intent_id, attempts = upsert_intent(session, self.tenant, key, natural_key, payload_hash, now)
                    opened.append((request, Intent(intent_id, *key, natural_key, payload_hash, "pending", attempts)))
        except BaseException as exc:  # every create that asked hears why, and none of them is sent
            for *_, future in asked:
                if not future.done():
                    future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        for (key, _, _, future), intent in opened:
            known = self._pending.get(key[0])
            if known is not None:
                known[key[1:]] = intent
            if not future.done():
                future.set_result(intent)

    def pending_intent(self, category: str, target: str, source_id: str, op: str) -> Intent | None:
        if self._batching:
            known = self._pending.get(category)
            if known is None:
                known = self._pending[category] = {
                    (i.target, i.source_id, i.op): i for i in self._read_pending(category)
                }
            return known.get((target, source_id, op))
        with self.db.read() as session:
            row = session.scalar(self._intent_query(category, target, source_id, op))
            return _intent(row) if row is not None and row.state == "pending" else None

    def pending_intents(self, category: str) -> list[Intent]:
        self._commit_due()
        return self._read_pending(category)

    def _read_pending(self, category: str) -> list[Intent]:
        with self.db.read() as session:
            rows = session.scalars(
                select(IntentRow).where(
                    IntentRow.tenant_id == self.tenant,
                    IntentRow.category == category,
                    IntentRow.state == "pending",
                )
            )
            return [_intent(row) for row in rows]

    def link_and_close(self, intent_id: int | None, link: Link) -> None:
        """The link and the intent's ``done`` state in one commit: either both exist or neither.

        Any other create still pending for either side of the pair is closed in the same commit: once the two
        objects are linked, nothing about creating them is uncertain any more, however the link was found (a
        planner match by number as well as a reconciled create). While batching, the commit is a group one."""
        if not self._batching:
            self._due.append((intent_id, link))
            self._commit_due()
            clashes, self._clashes = self._clashes, []
            if clashes:
                raise clashes[0].error
            return
        if not self._due:
            self._due_since = time.monotonic()
        self._due.append((intent_id, link))
        known = self._pending.get(link.category)
        if known is not None:
            for key in [key for key, i in known.items() if i.id == intent_id or closed_by(key, link)]:
                del known[key]
        if len(self._due) >= LINKS_PER_COMMIT or time.monotonic() - self._due_since >= LINK_COMMIT_SECONDS:
            self._commit_due()

    def close_intent(self, intent_id: int, state: str) -> None:
        with self.db.transaction() as session:
            row = session.get(IntentRow, intent_id)
            if row is not None and row.tenant_id == self.tenant:
                row.state = state
                row.updated_at = _now()
                known = self._pending.get(row.category)
                if known is not None and state != "pending":
                    known.pop((row.target, row.source_id, row.op), None)

    def _intent_query(self, category: str, target: str, source_id: str, op: str) -> Select[IntentRow]:
        return select(IntentRow).where(
            IntentRow.tenant_id == self.tenant,
            IntentRow.category == category,
            IntentRow.target == target,
            IntentRow.source_id == source_id,
            IntentRow.op == op,
        )

    # retries -------------------------------------------------------------------------------------
    def retries(self, category: str, system: str) -> set[str]:
        with self.db.read() as session:
            rows = session.scalars(
                select(RetryRow.source_id).where(
                    RetryRow.tenant_id == self.tenant,
                    RetryRow.category == category,
                    RetryRow.system == system,
                )
            )
            return set(rows)

    def set_retry(self, category: str, system: str, source_id: str, failed: bool) -> None:
        self._commit_due()
        with self.db.transaction() as session:
            key = (self.tenant, category, system, source_id)
            row = session.get(RetryRow, key)
            if failed and row is None:
                session.add(RetryRow(tenant_id=self.tenant, category=category, system=system, source_id=source_id))
            elif not failed and row is not None:
                session.delete(row)

    # cursors -------------------------------------------------------------------------------------
    def cursor(self, category: str, system: str) -> datetime | None:
        with self.db.read() as session:
            row = session.get(CursorRow, (self.tenant, category, system))
            return row.value if row else None

    def cursors(self) -> dict[tuple[str, str], datetime]:
        with self.db.read() as session:
            rows = session.scalars(select(CursorRow).where(CursorRow.tenant_id == self.tenant))
            return {(row.category, row.system): row.updated_at for row in rows}

    def set_cursor(self, category: str, system: str, value: datetime) -> None:
        self._commit_due()  # the cursor moves last: after every link of the run is committed
        with self.db.transaction() as session:
            row = session.get(CursorRow, (self.tenant, category, system))
            if row is None:
                session.add(
                    CursorRow(
                        tenant_id=self.tenant,
                        category=category,
                        system=system,
                        value=value,
                        updated_at=_now(),
                    )
                )
            else:
                row.value = value
                row.updated_at = _now()

    def reset(self, category: str) -> None:
        """Forget cursors of a category so the next run reads everything again (links stay)."""
        with self.db.transaction() as session:
            session.execute(delete(CursorRow).where(CursorRow.tenant_id == self.tenant, CursorRow.category == category))

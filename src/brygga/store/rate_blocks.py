"""The company's rate-limit blocks (``brygga.http.blocks``): which endpoint of a system may not be called before when.

Kept in the company's ``setting`` rows under the reserved key ``ratelimit.<system>`` (a key with a dot is not a
transfer setting, as the web app's password hash is not), as JSON ``{"<endpoint template>": "<UTC time>"}``; blocks
that are over are dropped whenever the record is written. No migration: the record is small and written only when
eEkonomi answers 429. A store that cannot be reached while a block is written or read is logged and passed over:
the block still holds in the process that got the 429, and the API's next 429 says the rest.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from brygga.store.database import Database
from brygga.store.tables import SettingRow

__all__ = ["RateBlockStore"]

logger = logging.getLogger(__name__)


def utc_now() -> datetime:
    # brygga.http.blocks.utc_now's twin: importing that module loads the HTTP core (httpx) with every store
    return datetime.now(UTC)


class RateBlockStore:
    """``brygga.http.blocks.RateBlocks`` for one company and system."""

    def __init__(self, db: Database, tenant: str, system: str, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.tenant = tenant
        self.key = f"ratelimit.{system}"
        self._clock = clock

    def __repr__(self) -> str:
        return f"RateBlockStore({self.tenant!r}, {self.key!r})"

    def load(self) -> dict[str, datetime]:
        try:
            with self.db.read() as session:
                row = session.get(SettingRow, (self.tenant, self.key))
                return self._current(_decode(row.value if row is not None else None))
        except SQLAlchemyError:
            logger.warning("could not read the rate-limit blocks of %s", self.tenant, exc_info=True)
            return {}

    def block(self, template: str, until: datetime) -> dict[str, datetime]:
        for attempt in range(2):  # a second try when another process added the row at the same moment
            try:
                return self._block(template, until)
            except IntegrityError:
                if attempt:
                    logger.warning("could not record the rate-limit block of %s", self.tenant, exc_info=True)
            except SQLAlchemyError:
                logger.warning("could not record the rate-limit block of %s", self.tenant, exc_info=True)
                break
        return {template: until}

    def _block(self, template: str, until: datetime) -> dict[str, datetime]:
        with self.db.transaction() as session:
            query = select(SettingRow).where(SettingRow.tenant_id == self.tenant, SettingRow.key == self.key)
            row = session.scalars(query.with_for_update()).first()
            blocks = self._current(_decode(row.value if row is not None else None))
            blocks[template] = max(until, blocks.get(template, until))
            value = json.dumps({name: moment.isoformat() for name, moment in sorted(blocks.items())})
            if row is None:
                session.add(SettingRow(tenant_id=self.tenant, key=self.key, value=value))
            else:
                row.value = value
            return blocks

    def _current(self, blocks: dict[str, datetime]) -> dict[str, datetime]:
        now = self._clock()
        return {name: moment for name, moment in blocks.items() if moment > now}


def _decode(value: str | None) -> dict[str, datetime]:
    if not value:
        return {}
    try:
        data = json.loads(value)
        return {str(name): datetime.fromisoformat(str(moment)) for name, moment in dict(data).items()}
    except (ValueError, TypeError):  # a damaged record blocks nothing
        return {}

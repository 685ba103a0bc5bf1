"""``brygga store copy --to URL``: a whole store (every company) into another database, typically SQLite into
PostgreSQL, so that a user who started on the embedded default can grow.

The target is migrated first and must hold no rows; every table is copied as it is (the encrypted secrets and
tokens too: the target needs the same ``BRYGGA_SECRET_KEY`` or key file), in one transaction; then each table's
rows are counted on both sides. The source is only read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, inspect, make_url, select, text
from sqlalchemy.exc import DatabaseError

from brygga.errors import ConfigError
from brygga.store.database import Database, make_engine
from brygga.store.postgres import normalize_url
from brygga.store.tables import Base

__all__ = ["CopyResult", "copy_store"]

BATCH = 1000


@dataclass(frozen=True)
class CopyResult:
    source: str
    target: str
    rows: dict[str, int]  # table -> rows copied (and counted on both sides)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copy_store(source: Database, target_url: str) -> CopyResult:
    """Copy every row of ``source`` into the database at ``target_url`` (migrated first, which must be empty)."""
    target_url = normalize_url(target_url)
    source_name = _shown(source.engine.url.render_as_string(hide_password=False))
    target_name = _shown(target_url)
    if source_name == target_name:
        raise _same(target_name)
    target = make_engine(target_url)
    try:
        try:
            _refuse_rows(target, target_name)
            Database(target, source.box).migrate()
            with source.engine.connect() as reading, target.begin() as writing:
                rows = {table.name: _copy_table(reading, writing, table) for table in Base.metadata.sorted_tables}
                _restart_sequences(writing)
            _verify(source.engine, target, rows, target_name)
        except DatabaseError as exc:
            raise _failed(target_name, exc) from exc
    finally:
        target.dispose()
    return CopyResult(source_name, target_name, rows)


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _refuse_rows(target: Engine, where: str) -> None:
    """A target with rows in any of brygga's tables is refused: the copy never mixes two stores."""
    with target.connect() as connection:
        present = set(inspect(connection).get_table_names())
        counts = {
            table.name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
            for table in Base.metadata.sorted_tables
            if table.name in present
        }
    filled = {name: count for name, count in counts.items() if count}
    if filled:
        listed = ", ".join(f"{name} {count}" for name, count in sorted(filled.items()))
        raise ConfigError(
            f"Måldatabasen {where} är inte tom ({listed}). Inget har kopierats.",
            hint="Kopiera till en ny, tom databas (CREATE DATABASE … OWNER …), eller töm den här först om den "
            "bara innehåller ett tidigare försök.",
            message_en=f"The target database {where} is not empty ({listed}). Nothing was copied.",
            hint_en="Copy into a new, empty database (CREATE DATABASE … OWNER …), or empty this one first if it only "
            "holds an earlier attempt.",
        )


def _copy_table(reading: Connection, writing: Connection, table: Table) -> int:
    copied = 0
    for batch in _batches(reading, table):
        writing.execute(table.insert(), batch)
        copied += len(batch)
    return copied


def _batches(reading: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    order = list(table.primary_key.columns) or list(table.columns)
    result = reading.execution_options(stream_results=True).execute(select(table).order_by(*order))
    for partition in result.mappings().partitions(BATCH):
        yield [dict(row) for row in partition]


def _restart_sequences(writing: Connection) -> None:
    """PostgreSQL: the ids copied as they were, the next new run, intent or run item must get the next id."""
    if writing.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        column = table.autoincrement_column
        if column is None:
            continue
        quoted = writing.dialect.identifier_preparer.quote(table.name)
        next_id = f"COALESCE((SELECT MAX({column.name}) FROM {quoted}), 0) + 1"  # noqa: S608 - brygga's own names
        writing.execute(
            text(f"SELECT setval(pg_get_serial_sequence(:table, :column), {next_id}, false)"),
            {"table": quoted, "column": column.name},
        )


def _verify(source: Engine, target: Engine, copied: dict[str, int], where: str) -> None:
    counted: dict[Engine, dict[str, int]] = {}
    for engine in (source, target):
        with engine.connect() as connection:
            counted[engine] = {
                table.name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
                for table in Base.metadata.sorted_tables
            }
    differ = [
        f"{name} {counted[source][name]}/{counted[target][name]}"
        for name in copied
        if not counted[source][name] == counted[target][name] == copied[name]
    ]
    if differ:
        listed = ", ".join(differ)
        raise ConfigError(
            f"Kopian i {where} stämmer inte med källan (rader i källan/målet: {listed}).",
            hint="Källan har inte ändrats. Kördes brygga mot källan under kopieringen? Stoppa den, töm målet och "
            "kopiera igen.",
            message_en=f"The copy in {where} does not match the source (rows in source/target: {listed}).",
            hint_en="The source was not changed. Was brygga running against the source during the copy? Stop it, "
            "empty the target and copy again.",
        )


def _same(where: str) -> ConfigError:
    return ConfigError(
        f"Källan och målet är samma databas ({where}).",
        hint="Ange en annan databas med --to.",
        message_en=f"The source and the target are the same database ({where}).",
        hint_en="Give another database with --to.",
    )


def _failed(where: str, exc: DatabaseError) -> ConfigError:
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
    return ConfigError(
        f"Kopieringen till {where} misslyckades: {reason}",
        hint="Källan har inte ändrats, och inga rader har skrivits i målet (allt eller inget). Kontrollera adressen, "
        "att rollen äger databasen (den skapar tabellerna) och att servern är igång, och kopiera igen.",
        message_en=f"The copy into {where} failed: {reason}",
        hint_en="The source was not changed and no rows were written into the target (all or nothing). Check the "
        "address, that the role owns the database (it creates the tables) and that the server is running, then copy "
        "again.",
    )

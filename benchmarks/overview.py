"""The overview's page query with many companies: milliseconds and queries per page on SQLite and PostgreSQL.

    python benchmarks/overview.py [--companies 5000] [--runs 3] [--postgres OWNER_URL APP_URL]

Seeds the companies straight into a fresh store (tests/overview/seed.py), then times pages sorted by name and, through
the summary ``company_status``, by state / last / next run and filtered; the first state page after seeding judges
every company once (no summary rows yet). Counts statements with SQLAlchemy events.
Prints figures; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.overview.seed import BASE, seed

from brygga.config import Settings
from brygga.overview import Listing, overview_page
from brygga.store.across import create_overview_policies
from brygga.store.database import Database, make_engine, open_database


def measure(db: Database, label: str) -> None:
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(str(a[2])))
    for sort, show, number in (("name", "all", 1), ("name", "all", 40), ("state", "all", 1), ("state", "all", 1),
                               ("state", "all", 40), ("next_run", "all", 1), ("last_run", "all", 1),
                               ("name", "attention", 1), ("state", "failing", 2)):  # fmt: skip
        statements.clear()
        started = time.perf_counter()
        page = overview_page(db, Listing.of(sort, show, "", number), BASE)
        elapsed = (time.perf_counter() - started) * 1000
        data = [s for s in statements if not s.startswith("SET TRANSACTION") and "set_config" not in s]
        print(f"{label:10} sort={sort:9} show={show:9} page={number:3}: {elapsed:8.1f} ms, {len(data)} queries, "
              f"{len(page.lines)} lines of {page.total}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", nargs=2, metavar=("OWNER_URL", "APP_URL"))
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    db = open_database(Settings(data_dir=folder, db=str(folder / "bench.sqlite3")))
    seed(db, args.companies, runs_per_company=args.runs)
    measure(db, "sqlite")
    db.dispose()
    if args.postgres:
        owner_url, app_url = args.postgres
        app = open_database(Settings(data_dir=folder, db=app_url, db_owner=owner_url))
        engine = make_engine(owner_url)
        with engine.begin() as connection:
            found = "SELECT count(*) FROM pg_policies WHERE policyname = 'brygga_overview_read'"
            if not connection.execute(text(found)).scalar_one():
                create_overview_policies(lambda sql: connection.execute(text(sql)))
        seed(Database(engine, app.box), args.companies, runs_per_company=args.runs)
        measure(app, "postgresql")
        app.dispose()
        engine.dispose()


if __name__ == "__main__":
    main()

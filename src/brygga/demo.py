"""``brygga demo``: both emulators in-process with demo data, both connections made, every transfer run twice.

The second run shows the incremental promise: nothing changed, so nothing is written.

The demo keeps its database where the CLI looks by default for the same ``BRYGGA_DATA_DIR`` (``brygga.sqlite3``),
so that ``brygga errors`` and ``brygga status`` see its runs afterwards. It never wipes a database it did not
create: when that file holds something else (or ``BRYGGA_DB`` names another), the demo uses ``demo.sqlite3`` and
says which ``BRYGGA_DB`` shows it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brygga.config import Settings
from brygga.connections import connect_eekonomi, connect_severa
from brygga.eekonomi.models_invoices import InvoicePayment
from brygga.orders.commands import orders_import_command
from brygga.session import TransferSession, write_calls
from brygga.store import Store, open_store
from brygga.store.companies import CompanyRegistry
from brygga.store.database import open_database
from brygga.store.runs import ItemRecord
from brygga.transfer.context import Progress
from brygga.transfer.report import RunReport
from brygga.transfer.runner import CATEGORIES
from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as severa_emulator
from brygga_emulators.faults import FaultConfig
from brygga_emulators.server import EmulatorServer

__all__ = [
    "DEMO_COMPANY",
    "DEMO_MARKER",
    "DEMO_ORDERS",
    "DemoResult",
    "demo_database",
    "is_default_database",
    "on_server",
    "open_demo_store",
    "run_demo",
]

DEMO_ORDERS = Path(__file__).parent / "orders" / "examples" / "demo-orders.json"
DEMO_MARKER = "brygga.sqlite3.demo"  # beside the database: it belongs to the demo and may be started afresh
# On a database server the demo is one company among the others: only its own rows are started afresh.
DEMO_COMPANY = "demo"


@dataclass
class DemoResult:
    first: RunReport
    booked: list[str]
    status: RunReport
    second: RunReport
    second_write_calls: int
    company: str
    eekonomi_url: str
    severa_url: str
    failed: list[ItemRecord] = field(default_factory=list)  # what `brygga errors` shows after the demo
    skipped: list[ItemRecord] = field(default_factory=list)
    database: Path | None = None  # the SQLite file; None on a database server, where the demo is DEMO_COMPANY

    def to_json(self, lang: str) -> dict[str, Any]:
        data = self.first.to_json(lang)
        data["booked_in_eekonomi"] = self.booked
        data["after_booking"] = self.status.to_json(lang)
        data["rerun"] = {**self.second.to_json(lang), "write_calls": self.second_write_calls}
        data["emulators"] = {"eekonomi": self.eekonomi_url, "severa": self.severa_url}
        return data


async def book_and_pay(session: TransferSession, *, book: int = 3, pay: int = 1) -> list[str]:
    """What a person does in eEkonomi between two transfers: book some drafts into invoices and register a
    payment, through the same API calls the eEkonomi user interface's actions leave behind."""
    drafts = [d async for d in session.eek.invoice_drafts.iter() if (d.contract_number or "").startswith("PM ")]
    # Drafts are written side by side, so eEkonomi's list order varies: book in PM's invoice order instead, so
    # the demo tells the same story every time.
    drafts.sort(key=lambda d: (len(d.contract_number or ""), d.contract_number or ""))
    account = next(iter([a async for a in session.eek.bank_accounts.iter()]), None)
    done = []
    for index, draft in enumerate(drafts[:book]):
        invoice = await session.eek.invoice_drafts.convert(draft.id or "")
        done.append(f"{invoice.invoice_number} {invoice.customer_name}")
        if index < pay and account is not None and invoice.id and invoice.total_amount is not None:
            payment = InvoicePayment(
                company_bank_account_id=account.id,
                payment_amount=invoice.total_amount,
                payment_currency=invoice.currency_code or "SEK",
                payment_type=2,
                payment_date=invoice.invoice_date,
            )
            await session.eek.customer_invoices.add_payment(invoice.id, payment)
            done[-1] += " (betald)"
    return done


async def run_demo(
    settings: Settings,
    *,
    progress: Progress | None = None,
    after: Callable[[DemoResult], Awaitable[None]] | None = None,
) -> DemoResult:
    """Run the demo; ``after`` runs while the emulators still answer (the CLI serves the web app there)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db_file = None if on_server(settings) else demo_database(settings)
    if db_file is not None:
        if is_default_database(settings, db_file):
            (settings.data_dir / DEMO_MARKER).touch()
        for leftover in settings.data_dir.glob(db_file.name + "*"):
            if leftover.name != DEMO_MARKER:
                leftover.unlink()  # a demo starts from scratch, like the emulators it talks to
    eek = eek_emulator.build_emulator("demo", config=FaultConfig(rate_limit_per_minute=600))
    pm = severa_emulator.build_emulator("demo")
    with EmulatorServer(eek.app) as eek_server, EmulatorServer(pm.app) as pm_server:
        store = open_demo_store(settings, fresh=True)
        company = await connect_eekonomi(
            store,
            settings,
            api_url=f"{eek_server.base_url}/v2",
            auth_url=eek_server.base_url,
            client_id=eek_emulator.DEMO_CLIENT_ID,
            client_secret=eek_emulator.DEMO_CLIENT_SECRET,
        )
        await connect_severa(
            store,
            api_url=pm_server.base_url,
            client_id=severa_emulator.DEMO_CLIENT_ID,
            client_secret=severa_emulator.DEMO_CLIENT_SECRET,
        )
        # The demo company's choices; a real setup makes them with brygga settings set (rules S3, S4, S5).
        store.settings.set_many(
            {"project_cost_center": "Projekt", "default_article_number": "DIV", "supplier_costs": "billable"}
        )
        # The order system's file of the day, with the hard cases of the GKS integration (issue: O1-O10).
        orders_import_command(store, DEMO_ORDERS)
        session = TransferSession(store, settings)
        try:
            first = await session.run(list(CATEGORIES), progress=progress)
            booked = await book_and_pay(session)
            # Status back; and what the orders created in eEkonomi (customer 7001, the G articles) flows to PM.
            status = await session.run(list(CATEGORIES), progress=progress)
            before = write_calls(session.calls())
            second = await session.run(list(CATEGORIES), progress=progress)
            second_writes = write_calls(session.calls()) - before
            failed, skipped = store.runs.latest_items(("failed",)), store.runs.latest_items(("skipped",))
        finally:
            await session.aclose()
            store.db.dispose()
        result = DemoResult(
            first,
            booked,
            status,
            second,
            second_writes,
            company,
            eek_server.base_url,
            pm_server.base_url,
            failed,
            skipped,
            db_file,
        )
        if after is not None:
            await after(result)
        return result


def demo_database(settings: Settings) -> Path:
    """The data dir's default database when it is free or the demo's own; ``demo.sqlite3`` otherwise."""
    default = settings.data_dir / "brygga.sqlite3"
    if settings.db is None and (not default.exists() or (settings.data_dir / DEMO_MARKER).exists()):
        return default
    return settings.data_dir / "demo.sqlite3"


def is_default_database(settings: Settings, path: Path) -> bool:
    """Whether the CLI finds ``path`` without ``BRYGGA_DB``, with only the same ``BRYGGA_DATA_DIR``."""
    return settings.db is None and path == settings.data_dir / "brygga.sqlite3"


def on_server(settings: Settings) -> bool:
    """``BRYGGA_DB`` names a database server (PostgreSQL), not a SQLite file."""
    return not settings.database_url().startswith("sqlite")


def open_demo_store(settings: Settings, *, fresh: bool = False) -> Store:
    """The demo's store, for the demo and for the web app served after it. On a database server it is the company
    ``demo`` in that database; ``fresh`` removes that company's rows first (and only them)."""
    if not on_server(settings):
        return open_store(settings, url=f"sqlite:///{demo_database(settings)}")
    database = open_database(settings)
    registry = CompanyRegistry(database)
    if fresh and registry.get(DEMO_COMPANY) is not None:
        registry.remove(DEMO_COMPANY)
    registry.ensure(DEMO_COMPANY)
    return Store.for_tenant(database, DEMO_COMPANY)

"""The ``brygga`` command line: one small module per command group; it builds the object graph and hands over.

The language comes first: :mod:`brygga.cli.i18n` binds Click's and Typer's own texts to brygga's Swedish
catalogue before either is imported (Typer reads some of them once, at import). Every error a user can cause
ends as a message with what to do, never as a traceback (:func:`brygga.cli.entry.main`).
"""

from brygga.cli.i18n import LANG, install_catalogue

install_catalogue(LANG)

from brygga.cli import (  # noqa: E402 - after the catalogue: these import typer and click
    alerts_cmd,
    audit_cmd,
    companies_cmd,
    connect_cmd,
    demo_cmd,
    emulator_cmd,
    history_cmd,
    orders_cmd,
    overview_cmd,
    reconcile_cmd,
    report_cmd,
    results_cmd,
    schedule_cmd,
    service_cmd,
    settings_cmd,
    store_cmd,
    transfer_cmd,
    worker_cmd,
)
from brygga.cli.common import app  # noqa: E402
from brygga.cli.entry import main  # noqa: E402

__all__ = ["app", "main"]
_COMMANDS = (
    alerts_cmd,
    audit_cmd,
    companies_cmd,
    connect_cmd,
    demo_cmd,
    emulator_cmd,
    history_cmd,
    orders_cmd,
    overview_cmd,
    reconcile_cmd,
    report_cmd,
    results_cmd,
    schedule_cmd,
    service_cmd,
    settings_cmd,
    store_cmd,
    transfer_cmd,
    worker_cmd,
)

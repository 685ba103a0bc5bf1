"""Which command modules a command line needs: ``brygga status`` imports ``results_cmd`` and no other.

Every command module registers its commands on the apps of :mod:`brygga.cli.common` when it is imported, and
Typer builds the Click command of every registered function each time the app runs. Importing the 18 modules and
building their 70-odd commands was a tenth of ``brygga status``'s start. So :func:`load_for` imports only the
modules of the command named on the command line; help, no command, an unknown command (Click's "did you mean")
and anything it cannot read load them all, in the order they were always registered (the help lists them so).
tests/cli/test_command_modules.py keeps ``COMMAND_MODULES`` equal to what the modules really register.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module

__all__ = ["COMMAND_MODULES", "MODULES", "command_name", "load_all", "load_for"]

MODULES = (
    "alerts_cmd",
    "audit_cmd",
    "companies_cmd",
    "connect_cmd",
    "demo_cmd",
    "emulator_cmd",
    "history_cmd",
    "orders_cmd",
    "overview_cmd",
    "reconcile_cmd",
    "report_cmd",
    "results_cmd",
    "schedule_cmd",
    "service_cmd",
    "settings_cmd",
    "store_cmd",
    "transfer_cmd",
    "worker_cmd",
)
"""Every command module, in the order they are registered (``brygga --help`` lists the groups in this order)."""

COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "alerts": ("alerts_cmd",),
    "audit": ("audit_cmd",),
    "companies": ("companies_cmd",),
    "connect": ("connect_cmd",),
    "demo": ("demo_cmd",),
    "doctor": ("service_cmd",),
    "emulator": ("emulator_cmd",),
    "errors": ("results_cmd",),
    "history": ("history_cmd",),
    "orders": ("orders_cmd",),
    "overview": ("overview_cmd",),
    "reconcile": ("reconcile_cmd",),
    "report": ("report_cmd",),
    "schedule": ("schedule_cmd", "worker_cmd"),
    "serve": ("service_cmd",),
    "settings": ("settings_cmd",),
    "status": ("results_cmd",),
    "store": ("store_cmd",),
    "transfer": ("transfer_cmd",),
    "worker": ("worker_cmd",),
}
"""A top-level command's name -> the modules that register it or anything under it."""

_VALUE_OPTIONS = ("--company",)  # the main callback's options that take a value


def command_name(args: Sequence[str]) -> str | None:
    """The top-level command ``args`` name (``brygga --company 5 status`` -> ``status``); None for none or help."""
    rest = iter(args)
    for arg in rest:
        if arg in _VALUE_OPTIONS:
            next(rest, None)
        elif arg.startswith("-"):
            if not any(arg.startswith(option + "=") for option in _VALUE_OPTIONS):
                return None  # --help, or an option the main callback does not have: Click says what is wrong
        else:
            return arg
    return None


def load_all() -> None:
    for module in MODULES:
        import_module(f"{__package__}.{module}")


def load_for(args: Sequence[str]) -> None:
    """Import the command modules ``args`` need: those of its command, else all of them."""
    modules = COMMAND_MODULES.get(command_name(args) or "")
    if modules is None:
        load_all()
        return
    for module in modules:
        import_module(f"{__package__}.{module}")

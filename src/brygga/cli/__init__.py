"""The ``brygga`` command line: one small module per command group; it builds the object graph and hands over.

The language comes first: :mod:`brygga.cli.i18n` binds Click's and Typer's own texts to brygga's Swedish
catalogue before either is imported (Typer reads some of them once, at import). Every error a user can cause
ends as a message with what to do, never as a traceback (:func:`brygga.cli.entry.main`).

``main`` imports only the command modules of the command it runs (:mod:`brygga.cli.commands`); ``app`` here is
the app with every command registered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from brygga.cli.i18n import LANG, install_catalogue

install_catalogue(LANG)

if TYPE_CHECKING:
    from brygga.cli.common import app
    from brygga.cli.entry import main

__all__ = ["app", "main"]

if not TYPE_CHECKING:  # imported when first asked for: after the catalogue, and only what a command needs

    def __getattr__(name: str) -> Any:
        if name == "app":
            from brygga.cli.commands import load_all
            from brygga.cli.common import app

            load_all()
            globals()["app"] = app
            return app
        if name == "main":
            from brygga.cli.entry import main

            globals()["main"] = main
            return main
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

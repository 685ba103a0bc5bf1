"""The CLI's one language (``BRYGGA_LANG``: ``sv`` by default, or ``en``), for brygga's texts and Click's.

Click and Typer word their own help ("Usage:", "Options", "Show this message and exit.") through
``gettext.gettext``, and Typer reads some of those texts once, when ``typer.rich_utils`` is imported. So this
module is imported before either of them: it binds the ``brygga`` text domain to the Swedish catalogue shipped
in ``locale/`` and points gettext at the chosen language. English mode finds no catalogue and keeps Click's
own English.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

__all__ = ["DOMAIN", "LANG", "LOCALE_DIR", "current_lang", "install_catalogue", "t"]

DOMAIN = "brygga"
LOCALE_DIR = Path(__file__).parent / "locale"


def current_lang() -> str:
    """``en`` or ``sv``: ``BRYGGA_LANG``, else brygga.toml's ``lang``, else Swedish."""
    value = os.environ.get("BRYGGA_LANG")
    if value is None:
        try:
            from brygga.config import Settings

            value = Settings().lang
        except Exception:  # noqa: BLE001 - a broken brygga.toml is reported by the command itself, in Swedish
            value = "sv"
    return "en" if value.strip().lower().startswith("en") else "sv"


def install_catalogue(lang: str) -> None:
    """Make ``gettext.gettext`` (which Click and Typer call) answer from brygga's catalogue in ``lang``.

    gettext picks the language from ``LANGUAGE`` first; setting it for this process is what lets a Swedish
    brygga run on an English desktop and the other way round."""
    os.environ["LANGUAGE"] = lang
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)


LANG = current_lang()


def t(sv: str, en: str) -> str:
    """The text in the CLI's language."""
    return en if LANG == "en" else sv

"""Click's own words in the CLI's language, where Typer's bundled Click does not go through gettext.

Typer 0.29 ships its own copy of Click (``typer._click``) in which "Usage: ", the ``--help`` option's text and
the usage errors are plain strings. Three small seams put them into the catalogue's language without patching
anything global: the commands' and groups' classes (usage prefix, ``--help`` text) and :func:`translate_error`,
which ``main`` applies to a usage error before Typer prints it. Typer's panel titles ("Options", "Commands",
"Error") do go through gettext and come from the catalogue directly.
"""

from __future__ import annotations

import re
from gettext import gettext as _
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

__all__ = ["BryggaTyper", "LocalCommand", "LocalGroup", "translate_error", "translate_message"]

_HELP_TEXT = "Show this message and exit."


class _Localised:
    """Usage prefix and the ``--help`` text from the catalogue."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage:") + " ")

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _(_HELP_TEXT)
        return option


class LocalCommand(_Localised, TyperCommand):
    pass


class LocalGroup(_Localised, TyperGroup):
    pass


class BryggaTyper(typer.Typer):
    """A Typer app whose groups and commands speak the CLI's language."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", LocalGroup)
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", LocalCommand)
        return super().command(*args, **kwargs)


# Click's usage errors (English, hard-coded in typer._click) -> Swedish. Each pattern is the whole message.
_SWEDISH_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), replacement)
    for pattern, replacement in (
        (r"Missing argument (?P<x>.+?)\.?", r"Argument saknas: \g<x>."),
        (r"Missing option (?P<x>.+?)\.?", r"Flagga saknas: \g<x>."),
        (r"Missing parameter: (?P<x>.+)", r"Parameter saknas: \g<x>"),
        (r"No such option: (?P<x>\S+) \(Possible options: (?P<y>.+)\)", r"Flaggan \g<x> finns inte (finns: \g<y>)"),
        (r"No such option: (?P<x>\S+)", r"Flaggan \g<x> finns inte"),
        (r"(?P<x>.+)\. Did you mean (?P<y>.+)\?", r"\g<x>. Menade du \g<y>?"),
        (r"Got unexpected extra argument\(s\) \((?P<x>.+)\)", r"Oväntade extra argument (\g<x>)"),
        (r"Option (?P<x>'[^']+') requires (?P<y>.+)", r"Flaggan \g<x> behöver ett värde"),
        (r"Option (?P<x>'[^']+') does not take a value\.", r"Flaggan \g<x> tar inget värde."),
        (r"Invalid value for (?P<x>.+?): (?P<y>.+)", r"Ogiltigt värde för \g<x>: \g<y>"),
        (r"Invalid value: (?P<y>.+)", r"Ogiltigt värde: \g<y>"),
        (r"Value (?P<x>.+) is not a valid (?P<y>.+)\.", r"\g<x> är inte ett giltigt värde (\g<y>)."),
        (r"'(?P<x>.+)' is not a valid (?P<y>integer|float)( range)?\.", r"'\g<x>' är inget tal."),
        (r"(?P<x>.+) is not one of (?P<y>.+)\.", r"\g<x> är inte någon av \g<y>."),
    )
)


def translate_message(message: str, lang: str) -> str:
    """One usage error in ``lang``; the first matching pattern wins, its parts are translated again."""
    if lang == "en":
        return message
    for pattern, replacement in _SWEDISH_ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return match.expand(replacement)
    return message


def translate_error(error: Exception, lang: str) -> None:
    """Make ``error.format_message()`` say it in ``lang`` (Typer's printer calls that)."""
    format_message = getattr(error, "format_message", None)
    if lang == "en" or format_message is None or type(error).__name__ == "NoArgsIsHelpError":
        return
    text = translate_message(format_message(), lang)
    error.format_message = lambda: text  # type: ignore[attr-defined]

"""``main``: runs the Typer app and turns every error into words, never a traceback.

``BryggaError`` is said with its message and what to do, in the CLI's language; Ctrl+C says what stopped and
that running again is safe; anything unexpected is written to ``brygga-error.log`` in the data directory.
"""

from __future__ import annotations

import logging
import sys
import traceback

from rich.console import Console
from rich.markup import escape

from brygga.cli.click_texts import translate_error
from brygga.cli.commands import load_for
from brygga.cli.common import app, t
from brygga.cli.i18n import LANG
from brygga.errors import BryggaError

__all__ = ["error_texts", "main"]

EXIT_ERROR = 2
EXIT_UNEXPECTED = 3
EXIT_INTERRUPTED = 130


def error_texts(exc: BryggaError, lang: str = LANG) -> tuple[str, str]:
    """The message and the hint of a brygga error in ``lang`` (the Swedish ones where no English exists)."""
    message = getattr(exc, "message", None) or str(exc)
    hint = getattr(exc, "hint", "") or ""
    if lang == "en":
        message = getattr(exc, "message_en", "") or message
        hint = getattr(exc, "hint_en", "") or hint
    return message, hint


def report_error(exc: BryggaError) -> None:
    err = Console(stderr=True)
    message, hint = error_texts(exc)
    err.print(f"[bold red]{t('Fel', 'Error')}:[/] {escape(message)}")
    if hint:
        err.print(f"[bold]{t('Gör så här', 'What to do')}:[/] {escape(hint)}")


def report_interrupted() -> None:
    Console(stderr=True).print(
        t(
            "[yellow]Avbrutet.[/] Det som redan var klart är sparat; det är säkert att köra samma kommando igen "
            "(inget skapas två gånger).",
            "[yellow]Stopped.[/] What was done is saved; it is safe to run the same command again (nothing is "
            "created twice).",
        )
    )


def report_unexpected(exc: Exception) -> None:
    err = Console(stderr=True)
    try:
        from brygga.config import Settings

        settings = Settings()
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        log = settings.data_dir / "brygga-error.log"
        with log.open("a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(exc)))
    except Exception:  # noqa: BLE001 - the log is a help, not a must; the message below still goes out
        log = None
    err.print(f"[bold red]{t('Oväntat fel', 'Unexpected error')}:[/] {escape(str(exc) or exc.__class__.__name__)}")
    if log is not None:
        err.print(
            t(
                f"Detaljer finns i {log}. Skicka filen till den som stöttar er integration.",
                f"Details are in {log}. Send the file to whoever supports your integration.",
            )
        )


def _run_app() -> int:
    """Run the app as Typer would, with Click's usage errors said in the CLI's language first."""
    from typer import Abort
    from typer._click.exceptions import ClickException

    load_for(sys.argv[1:])  # the command modules this command line needs (brygga.cli.commands)
    try:
        code = app(standalone_mode=False)
    except ClickException as exc:
        from typer import rich_utils  # rich's Markdown and traceback: only when there is an error to print

        translate_error(exc, LANG)
        rich_utils.rich_format_error(exc)
        return exc.exit_code
    except Abort:
        Console(stderr=True).print(t("Avbrutet.", "Stopped."))
        return 1
    return code if isinstance(code, int) else 0


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        sys.exit(_run_app())
    except BryggaError as exc:
        report_error(exc)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        report_interrupted()
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback at the user
        if _is_database_error(exc):  # a store damaged where opening it did not look (a page deep in the file)
            from brygga.store.health import store_unreadable

            report_error(store_unreadable(exc))
            sys.exit(EXIT_ERROR)
        report_unexpected(exc)
        sys.exit(EXIT_UNEXPECTED)


def _is_database_error(exc: Exception) -> bool:
    """SQLAlchemy's ``DatabaseError``, without importing SQLAlchemy for commands that never opened a store."""
    sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")
    return sqlalchemy_exc is not None and isinstance(exc, sqlalchemy_exc.DatabaseError)

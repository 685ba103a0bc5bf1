"""What every command shares: the Typer apps, the console, the store of the chosen company, JSON output.

Every command that works on a company's store takes ``--company ID`` (also before the command, ``brygga --company
ID status``, or ``BRYGGA_COMPANY``; ``BRYGGA_TENANT`` is an older name for it). Without one, the command works for
the only company there is; a fresh store gets "default" on first use (``CompanyRegistry.resolve``).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import json
import sys
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from brygga.actor import act_as, cli_actor
from brygga.categories import CATEGORY_LABELS
from brygga.cli.click_texts import BryggaTyper
from brygga.cli.i18n import LANG, t

if TYPE_CHECKING:
    from brygga.config import Settings
    from brygga.store import Database, Store

__all__ = [
    "CATEGORIES",
    "LANG",
    "CompanyOpt",
    "JsonOpt",
    "VerboseOpt",
    "app",
    "companies_app",
    "connect_app",
    "console",
    "emulator_app",
    "open_cli_database",
    "open_cli_store",
    "orders_app",
    "print_json",
    "run",
    "settings_app",
    "t",
]

T = TypeVar("T")

CATEGORIES = tuple(CATEGORY_LABELS)
"""The transfer categories in the order ``--all`` runs them: the names of ``brygga.transfer.runner.CATEGORIES``
without importing the engine when the CLI starts (tests/cli/test_lazy_imports.py keeps the two equal)."""
F = TypeVar("F", bound=Callable[..., Any])


_COMPANY_HELP = t(
    "Företaget kommandot gäller (se brygga companies list); behövs när det finns flera.",
    "The company the command is for (see brygga companies list); needed when there are several.",
)
CompanyOpt = Annotated[str | None, typer.Option("--company", metavar="ID", help=_COMPANY_HELP, show_default=False)]


class _Chosen:
    """The company chosen on the command line: the main callback's, then the command's own ``--company``."""

    company: str | None = None


def _with_company(func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with a ``--company`` option added: it records the choice and calls ``func`` without it."""
    signature = inspect.signature(func, eval_str=True)
    option = inspect.Parameter("company", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=CompanyOpt)

    @functools.wraps(func)
    def wrapper(*args: Any, company: str | None = None, **kwargs: Any) -> Any:
        if company is not None:
            _Chosen.company = company
        return func(*args, **kwargs)

    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), option]
    )
    wrapper.__annotations__ = {**func.__annotations__, "company": CompanyOpt}
    return wrapper


class _CompanyTyper(BryggaTyper):
    """Commands get ``--company`` unless the app or the command says ``company=False`` (emulators, the demo, the web
    server, and the companies commands themselves)."""

    def __init__(self, *, company: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._company = company

    def command(self, *args: Any, company: bool | None = None, **kwargs: Any) -> Callable[[F], F]:
        register = super().command(*args, **kwargs)
        with_company = self._company if company is None else company

        def register_with_company(func: F) -> F:
            register(_with_company(func) if with_company else func)
            return func

        return register_with_company


def _typer(help_text: str, *, company: bool = True, **extra: Any) -> _CompanyTyper:
    # No shell-completion options: their help is Typer's English, and nobody asked for them.
    return _CompanyTyper(help=help_text, company=company, no_args_is_help=True, add_completion=False, **extra)


app = _typer(
    t("brygga: Visma PM och ordersystem <-> Visma eEkonomi.", "brygga: Visma PM and order systems <-> Visma eEkonomi."),
    pretty_exceptions_enable=False,
)
connect_app = _typer(t("Anslut Visma eEkonomi eller Visma PM.", "Connect Visma eEkonomi or Visma PM."))
settings_app = _typer(t("Visa eller ändra integrationens inställningar.", "Show or change the integration's settings."))
emulator_app = _typer(
    t("Starta en emulator av Visma eEkonomi eller Visma PM.", "Start an emulator of Visma eEkonomi or Visma PM."),
    company=False,
)
orders_app = _typer(
    t(
        "Orderinkorgen: order från GKS eller annat ordersystem.",
        "The order inbox: orders from GKS or another order system.",
    )
)
companies_app = _typer(
    t("Företagen som den här installationen arbetar för.", "The companies this installation works for."),
    company=False,
)
app.add_typer(companies_app, name="companies")
app.add_typer(connect_app, name="connect")
app.add_typer(settings_app, name="settings")
app.add_typer(emulator_app, name="emulator")
app.add_typer(orders_app, name="orders")

console = Console()

JsonOpt = Annotated[
    bool,
    typer.Option(
        "--json", help=t("Skriv ut ett JSON-objekt i stället för tabeller.", "Print one JSON object instead of tables.")
    ),
]
VerboseOpt = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        help=t(
            "Visa teknisk detalj: regel-id och den ursprungliga API-texten.",
            "Show technical detail: the rule id and the original API text.",
        ),
    ),
]


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


@app.callback()
def _main(
    company: Annotated[
        str | None,
        typer.Option("--company", metavar="ID", envvar="BRYGGA_COMPANY", help=_COMPANY_HELP, show_default=False),
    ] = None,
) -> None:
    _Chosen.company = company
    act_as(cli_actor())  # the audit records changes made here as cli:<OS user>


def chosen_company(settings: Settings) -> str | None:
    """``--company`` (or ``BRYGGA_COMPANY``), else ``BRYGGA_TENANT`` when it is set, else ``None``."""
    if _Chosen.company:
        return _Chosen.company
    return settings.tenant if "tenant" in settings.model_fields_set else None


def open_cli_database() -> tuple[Settings, Database]:
    from brygga.config import Settings
    from brygga.store.database import open_database

    settings = Settings()
    return settings, open_database(settings)


def open_cli_store() -> tuple[Settings, Store]:
    """The settings (``tenant`` = the company) and the store of the company the command is for."""
    from brygga.store import Store
    from brygga.store.companies import CompanyRegistry

    settings, db = open_cli_database()
    try:
        company = CompanyRegistry(db).resolve(chosen_company(settings))
    except BaseException:
        db.dispose()
        raise
    return settings.model_copy(update={"tenant": company}), Store.for_tenant(db, company)


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")

"""``brygga companies add|list|remove``: the companies one installation works for."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from brygga.cli.common import LANG, JsonOpt, companies_app, console, open_cli_database, print_json, t

__all__ = ["companies_add", "companies_list", "companies_remove", "describe_rows"]

# What a company's rows are, in the user's words: (Swedish, English), in the order they are said.
_ROW_WORDS: dict[str, tuple[str, str]] = {
    "connection": ("anslutningar", "connections"),
    "setting": ("inställningar", "settings"),
    "link": ("kopplingar mellan objekt", "links between objects"),
    "cursor": ("markörer för nästa läsning", "cursors of the next read"),
    "retry": ("objekt att försöka igen", "objects to try again"),
    "intent": ("avsikter i skrivprotokollet", "write-protocol intents"),
    "run": ("körningar", "runs"),
    "run_item": ("rader i körningarnas resultat", "rows of the runs' results"),
    "order": ("order i orderinkorgen", "orders in the order inbox"),
    "order_row": ("orderrader", "order rows"),
    "api_key": ("API-nycklar för orderintaget", "API keys of the order intake"),
    "lease": ("körlås", "run locks"),
}

CompanyId = Annotated[str, typer.Argument(metavar="ID", help=t("Företagets id, t.ex. kund-4711", "The company's id"))]


def describe_rows(counts: dict[str, int], lang: str = LANG) -> list[str]:
    """``["12 kopplingar mellan objekt", …]`` for the tables that have rows."""
    index = 1 if lang == "en" else 0
    known = [table for table in _ROW_WORDS if counts.get(table)]
    other = sorted(table for table in counts if table not in _ROW_WORDS and counts[table])
    return [f"{counts[table]} {_ROW_WORDS[table][index] if table in _ROW_WORDS else table}" for table in known + other]


@companies_app.command("add", help=t("Lägg till ett företag.", "Add a company."))
def companies_add(
    company_id: CompanyId,
    name: Annotated[str | None, typer.Option("--name", help=t("Visningsnamn", "Display name"))] = None,
) -> None:
    from brygga.store.companies import CompanyRegistry

    _, db = open_cli_database()
    try:
        company = CompanyRegistry(db).add(company_id, name)
    finally:
        db.dispose()
    console.print(
        t(
            f"Företaget [bold]{escape(company.id)}[/] ({escape(company.name)}) är tillagt. Anslut det med "
            f"brygga --company {escape(company.id)} connect eekonomi … och connect severa ….",
            f"The company [bold]{escape(company.id)}[/] ({escape(company.name)}) is added. Connect it with "
            f"brygga --company {escape(company.id)} connect eekonomi … and connect severa ….",
        )
    )


@companies_app.command("list", help=t("Visa företagen.", "Show the companies."))
def companies_list(as_json: JsonOpt = False) -> None:
    from brygga.store.companies import CompanyRegistry

    _, db = open_cli_database()
    try:
        registry = CompanyRegistry(db)
        companies = [(company, registry.counts(company.id)) for company in registry.all()]
    finally:
        db.dispose()
    if as_json:
        print_json(
            {
                "companies": [
                    {"id": c.id, "name": c.name, "created_at": c.created_at.isoformat(), "rows": counts}
                    for c, counts in companies
                ]
            }
        )
        return
    if not companies:
        console.print(t("Inga företag ännu: brygga companies add ID.", "No companies yet: brygga companies add ID."))
        return
    table = Table(
        t("Id", "Id"),
        t("Namn", "Name"),
        t("Skapat", "Created"),
        t("Anslutet", "Connected"),
        t("Kopplingar", "Links"),
        t("Körningar", "Runs"),
    )
    for company, counts in companies:
        table.add_row(
            escape(company.id),
            escape(company.name),
            company.created_at.date().isoformat(),
            str(counts.get("connection", 0)) + "/2",
            str(counts.get("link", 0)),
            str(counts.get("run", 0)),
        )
    console.print(table)


@companies_app.command(
    "remove",
    help=t(
        "Ta bort ett företag och allt brygga har sparat om det (anslutningar, kopplingar, körningar, order …). "
        "Systemen själva (Visma PM, Visma eEkonomi) ändras inte.",
        "Remove a company and everything brygga keeps about it (connections, links, runs, orders …). The systems "
        "themselves (Visma PM, Visma eEkonomi) are not changed.",
    ),
)
def companies_remove(
    company_id: CompanyId,
    yes: Annotated[
        bool, typer.Option("--yes", help=t("Fråga inte (för skript).", "Do not ask (for scripts)."))
    ] = False,
) -> None:
    from brygga.store.companies import CompanyRegistry

    _, db = open_cli_database()
    try:
        registry = CompanyRegistry(db)
        if registry.get(company_id) is None:
            raise registry.unknown(company_id)
        rows = describe_rows(registry.counts(company_id))
        what = "\n".join(f"  - {escape(line)}" for line in rows) or t("  (inga sparade rader)", "  (no rows kept)")
        console.print(
            t(
                f"Detta tar bort företaget [bold]{escape(company_id)}[/] ur brygga, med:\n{what}\n"
                "Visma PM och Visma eEkonomi ändras inte. Det går inte att ångra.",
                f"This removes the company [bold]{escape(company_id)}[/] from brygga, with:\n{what}\n"
                "Visma PM and Visma eEkonomi are not changed. It cannot be undone.",
            )
        )
        if not yes and not typer.confirm(t("Ta bort?", "Remove?"), default=False):
            console.print(t("Inget togs bort.", "Nothing was removed."))
            raise typer.Exit(1)
        deleted = registry.remove(company_id)
    finally:
        db.dispose()
    console.print(
        t(
            f"Företaget {escape(company_id)} är borttaget ({sum(deleted.values())} rader).",
            f"The company {escape(company_id)} is removed ({sum(deleted.values())} rows).",
        )
    )

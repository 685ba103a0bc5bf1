"""``brygga history OBJECT``: every run that touched one object (created, updated with the fields old -> new,
linked, skipped, failed with the reason and what to do) and its links in both systems, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from brygga.calendar_se import local_time
from brygga.categories import CATEGORY_LABELS
from brygga.cli.common import LANG, JsonOpt, VerboseOpt, app, console, open_cli_store, print_json, t
from brygga.errors import ConfigError

if TYPE_CHECKING:
    from brygga.store.object_history import ObjectHistory, ObjectHistoryStore, ObjectMatch

__all__ = ["history"]

_STYLES = {"succeeded": "green", "failed": "red", "skipped": "yellow", "unchanged": "dim"}

ObjectArg = Annotated[
    str,
    typer.Argument(
        metavar=t("OBJEKT", "OBJECT"),
        help=t(
            "Kund-, artikel-, projekt-, faktura- eller ordernummer (eller id:t i Visma PM eller Visma eEkonomi).",
            "Customer, article, project, invoice or order number (or its id in Visma PM or Visma eEkonomi).",
        ),
        show_default=False,
    ),
]
CategoryOpt = Annotated[
    str | None,
    typer.Option(
        "--category",
        metavar=t("KATEGORI", "CATEGORY"),
        help=t(
            f"Sök bara i en kategori: {', '.join(CATEGORY_LABELS)}.",
            f"Look in one category only: {', '.join(CATEGORY_LABELS)}.",
        ),
        show_default=False,
    ),
]


@app.command(
    "history",
    help=t(
        "Objekthistorik: varje körning som rörde ett objekt (skapat, uppdaterat med fält gammalt → nytt, kopplat, "
        "överhoppat, misslyckat) och dess kopplingar i båda systemen.",
        "Object history: every run that touched one object (created, updated with fields old → new, linked, "
        "skipped, failed) and its links in both systems.",
    ),
)
def history(
    object_key: ObjectArg, category: CategoryOpt = None, as_json: JsonOpt = False, verbose: VerboseOpt = False
) -> None:
    if category is not None and category not in CATEGORY_LABELS:
        raise ConfigError(
            f"Okänd kategori: {category}",
            hint=f"Välj bland: {', '.join(CATEGORY_LABELS)}",
            message_en=f"Unknown category: {category}",
            hint_en=f"Choose from: {', '.join(CATEGORY_LABELS)}",
        )
    from brygga.object_history_text import history_json
    from brygga.store.object_history import ObjectHistoryStore

    _, store = open_cli_store()
    try:
        histories = ObjectHistoryStore(store.db, store.tenant)
        found = _find(histories, object_key.strip(), category)
    finally:
        store.db.dispose()
    if isinstance(found, list):
        _print_matches(object_key, found, as_json)
    elif as_json:
        print_json(history_json(found, LANG))
    else:
        _print_history(found, verbose)


def _find(histories: ObjectHistoryStore, key: str, category: str | None) -> ObjectHistory | list[ObjectMatch]:
    """The history when the key names one object, else the objects it could mean; none is a ``ConfigError``."""
    from brygga.object_history_text import not_found_error

    if category is not None:
        found = histories.history(category, key)
        if found is not None:
            return found
    matches = histories.find(key, category)
    if not matches:
        raise not_found_error(key, category, LANG)
    if len(matches) == 1 or len({(m.category, m.object_key) for m in matches if m.object_key == key}) == 1:
        chosen = next((m for m in matches if m.object_key == key), matches[0])
        found = histories.history(chosen.category, chosen.object_key)
        if found is not None:
            return found
    return matches


def _print_matches(key: str, matches: list[ObjectMatch], as_json: bool) -> None:
    from brygga.object_history_text import category_word, match_json

    if as_json:
        print_json({"object": key, "matches": [match_json(m) for m in matches]})
        return
    console.print(
        t(
            f"{len(matches)} objekt passar {escape(key)}. Välj ett med --category:",
            f"{len(matches)} objects match {escape(key)}. Choose one with --category:",
        )
    )
    for match in matches:
        console.print(
            f"  {escape(category_word(match.category, LANG))} ({match.category}): [bold]{escape(match.object_key)}"
            f"[/] {escape(match.name)}  [dim]{t('senast', 'last')} {local_time(match.last_at)}, "
            f"{match.runs} {t('körningar', 'runs')}[/]"
        )


def _print_history(found: ObjectHistory, verbose: bool) -> None:
    from brygga.object_history_text import category_word, entry_text

    console.print(
        f"[bold]{escape(category_word(found.category, LANG))} {escape(found.object_key)}[/] {escape(found.name)}"
    )
    others = [key for key in found.keys if key != found.object_key]
    if others:
        console.print(t("Även känt som: ", "Also known as: ") + escape(", ".join(others)))
    if found.only_skipped:
        console.print(
            t(
                "[yellow]Objektet har bara hoppats över: det har aldrig förts över.[/]",
                "[yellow]The object has only been skipped: it has never been transferred.[/]",
            )
        )
    if found.links:
        console.print(f"[bold]{t('Kopplingar', 'Links')}[/]")
        for link in found.links:
            console.print(
                f"  Visma PM: {escape(link.pm_id)} ↔ Visma eEkonomi: {escape(link.eek_id)}  "
                f"[dim]{t('kopplad', 'linked')} {local_time(link.created_at)}, "
                f"{t('senast synkad', 'last synced')} {local_time(link.updated_at)}[/]"
            )
    else:
        console.print(t("Inte kopplat i något system ännu.", "Not linked in either system yet."))
    console.print(f"[bold]{t('Körningar, nyast först', 'Runs, newest first')}[/]")
    for entry in found.entries:
        words = entry_text(entry, LANG)
        style = _STYLES.get(words.outcome, "")
        console.print(
            f"  {words.when}  {t('körning', 'run')} {words.run_id}  [{style}]{escape(words.what)}[/]  "
            f"[dim]{escape(words.direction)}[/]"
        )
        for line in words.changes:
            console.print(f"      {escape(line)}")
        if words.headline:
            console.print(f"      {escape(words.headline)}")
        if words.hint:
            console.print(f"      [bold]{t('Gör så här', 'What to do')}:[/] {escape(words.hint)}")
        if verbose:
            ids = f"Visma PM: {words.pm_id or '-'}, Visma eEkonomi: {words.eek_id or '-'}"
            console.print(f"      [dim]{escape(ids)}[/]")
            if words.detail:
                console.print(f"      [dim]{t('Teknisk detalj', 'Technical detail')}: {escape(words.detail)}[/]")
    if not verbose:
        console.print(
            t(
                "[dim]Id:n per körning, regel-id och den ursprungliga API-texten: brygga history … --verbose[/]",
                "[dim]Ids per run, rule ids and the original API text: brygga history … --verbose[/]",
            )
        )

"""``brygga errors`` (what failed and what was skipped, with reasons) and ``brygga status``."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.markup import escape

from brygga.cli.common import CATEGORIES, LANG, JsonOpt, VerboseOpt, app, console, open_cli_store, print_json, t
from brygga.run_words import category_label, state_word

if TYPE_CHECKING:
    from brygga.report_text import ItemLine
    from brygga.store import Store
    from brygga.store.runs import ItemRecord

__all__ = ["errors", "in_category_order", "status"]


def in_category_order(records: list[ItemRecord]) -> list[ItemRecord]:
    """In the order the categories run (customers first), as the transfer report lists them."""
    order = {name: index for index, name in enumerate(CATEGORIES)}
    return sorted(records, key=lambda r: (order.get(r.category, len(order)), r.direction, r.object_key))


def _when(at: datetime | None) -> str:
    return at.isoformat(sep=" ", timespec="seconds")[:19] if at else ""


def _item_json(record: ItemRecord, text_key: str) -> dict[str, Any]:
    return {
        "category": record.category,
        "object": record.object_key or None,
        "name": record.object_name,
        "rule": record.rule_id,
        text_key: record.headline(LANG),
        "detail": record.detail(LANG),
        "hint": record.hint_in(LANG),
        "time": record.at.isoformat() if record.at else None,
    }


def _line(record: ItemRecord) -> ItemLine:
    from brygga.report_text import ItemLine

    return ItemLine(
        record.category,
        record.object_key,
        record.object_name,
        record.rule_id,
        record.headline(LANG),
        record.detail(LANG),
        record.hint_in(LANG),
        _when(record.at),
    )


@app.command(
    help=t(
        "Felmeddelanden: det som misslyckades och det som hoppades över (med skäl) i senaste körningen av varje "
        "kategori (rule X2).",
        "Errors: what failed and what was skipped (with the reason) in the latest run of each category (rule X2).",
    )
)
def errors(as_json: JsonOpt = False, verbose: VerboseOpt = False) -> None:
    from brygga.report_text import render_items

    _, store = open_cli_store()
    failed = in_category_order(store.runs.latest_items(("failed",)))
    skipped = in_category_order(store.runs.latest_items(("skipped",)))
    if as_json:
        print_json(
            {
                "errors": [_item_json(r, "message") for r in failed],
                "skipped": [_item_json(r, "reason") for r in skipped],
            }
        )
        return
    if not failed:
        console.print(f"[green]{t('Inga fel i senaste körningarna.', 'No errors in the latest runs.')}[/]")
    render_items(console, map(_line, failed), LANG, failed=True, verbose=verbose)
    render_items(console, map(_line, skipped), LANG, failed=False, verbose=verbose)
    if (failed or skipped) and not verbose:
        console.print(
            t(
                "[dim]Regel-id och den ursprungliga API-texten: brygga errors --verbose[/]",
                "[dim]Rule ids and the original API text: brygga errors --verbose[/]",
            )
        )


def _connections(store: Store) -> dict[str, dict[str, Any] | None]:
    result: dict[str, dict[str, Any] | None] = {}
    for system in ("eekonomi", "severa"):
        info = store.connections.get(system)
        result[system] = {"api_url": info.api_url, "company": info.company_name} if info else None
    return result


@app.command(
    help=t(
        "Anslutningar, senaste överföring per kategori (rule X3) och de senaste körningarna.",
        "Connections, the last transfer per category (rule X3) and the latest runs.",
    )
)
def status(as_json: JsonOpt = False) -> None:
    from brygga.doctor.store_checks import store_privacy_warning

    _, store = open_cli_store()
    connections = _connections(store)
    cursors = store.protocol.cursors()
    last = {f"{category}/{system}": when.isoformat() for (category, system), when in cursors.items()}
    by_category = store.runs.last_run_by_category()
    history = store.runs.history()
    if as_json:
        print_json(
            {
                "connections": connections,
                "warnings": [t(w.sv, w.en) for w in [store_privacy_warning(store)] if w is not None],
                "last_transfer": last,
                "categories": {
                    name: {
                        "run_id": run.run_id,
                        "state": run.status,
                        "started": run.started_at.isoformat(),
                        "finished": run.finished_at.isoformat() if run.finished_at else None,
                        "counts": run.counts,
                    }
                    for name, run in by_category.items()
                },
                "runs": [
                    {"id": h[0], "categories": h[1], "status": h[2], "started": h[3].isoformat(), "summary": h[4]}
                    for h in history
                ],
            }
        )
        return
    for system, value in connections.items():
        label = "Visma eEkonomi" if system == "eekonomi" else "Visma PM"
        if value is None:
            text = f"[red]{t('inte ansluten', 'not connected')}[/]"
        else:
            text = escape(f"{value['api_url']} {('— ' + value['company']) if value['company'] else ''}".strip())
        console.print(f"[bold]{label}:[/] {text}")
    privacy = store_privacy_warning(store)
    if privacy is not None:
        console.print(f"[yellow]{escape(t(privacy.sv, privacy.en))}[/]")
    if not by_category:
        console.print(t("Ingen överföring ännu.", "No transfer yet."))
    for name, run in by_category.items():
        counts = run.counts
        numbers = t(
            f"{counts.get('succeeded', 0)} lyckades, {counts.get('failed', 0)} misslyckades, "
            f"{counts.get('skipped', 0)} hoppades över",
            f"{counts.get('succeeded', 0)} succeeded, {counts.get('failed', 0)} failed, "
            f"{counts.get('skipped', 0)} skipped",
        )
        console.print(
            f"{category_label(name, LANG)}: {state_word(run.status, LANG)}, {_when(run.started_at)} "
            f"(#{run.run_id}): {numbers}"
        )
    if history:
        console.print(f"[bold]{t('Senaste körningar', 'Latest runs')}:[/]")
    for run_id, cats, state, started, _summary in history:
        names = ", ".join(category_label(c, LANG) for c in cats.split(",") if c)
        console.print(f"  #{run_id} {_when(started)} {state_word(state, LANG)}: {escape(names)}")

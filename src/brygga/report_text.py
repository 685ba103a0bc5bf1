"""The run report as text for a terminal: the coloured box of the original (rule X1), then what failed and what
was skipped, each with its reason and what to do (X2, I7), in one language.

Colours follow the run's state: green when everything went through, yellow "Delvis klar" when some objects failed
and others got through, red when nothing did. A dry run is a neutral blue box that says what *would* happen; it
never says "0 lyckades". Rule ids and the original API text are technical detail, shown with ``--verbose``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from brygga.run_words import STATE_WORDS as _STATE_WORDS
from brygga.run_words import category_label, state_word
from brygga.run_words import pick as _pick
from brygga.transfer.outcome import Action, ObjectOutcome, Outcome
from brygga.transfer.report import CategoryReport, RunReport

__all__ = [
    "STATE_STYLES",
    "ItemLine",
    "category_label",
    "render_items",
    "render_report",
    "render_summary",
    "state_word",
    "would_text",
]

STATE_STYLES = {"ok": "green", "partial": "yellow", "failed": "red", "nothing": "green", "dry": "blue"}
_DIRECTIONS = {
    "pm->eek": ("Visma PM → Visma eEkonomi", "Visma PM → Visma eEkonomi"),
    "eek->pm": ("Visma eEkonomi → Visma PM", "Visma eEkonomi → Visma PM"),
}
_ACTIONS = {
    Action.CREATE: ("skapas", "create"),
    Action.UPDATE: ("uppdateras", "update"),
    Action.LINK: ("kopplas ihop", "link"),
    Action.SKIP: ("hoppas över", "skip"),
    Action.REJECT: ("avvisas", "reject"),
}
_WOULD = (
    ("create", "skulle skapas", "would be created"),
    ("update", "uppdateras", "updated"),
    ("link", "kopplas ihop", "linked"),
    ("skip", "hoppas över", "skipped"),
    ("reject", "avvisas", "rejected"),
)


def would_text(report: CategoryReport, lang: str = "sv") -> str:
    """``3 skulle skapas, 1 uppdateras, 2 kopplas ihop, 1 hoppas över, 0 avvisas; 40 redan kopplade/oförändrade``."""
    counts = report.would_counts()
    unchanged = counts.get("unchanged", 0)
    if not any(counts.get(key, 0) for key, _, _ in _WOULD):
        rest = (
            f" ({unchanged} redan kopplade/oförändrade)" if lang != "en" else f" ({unchanged} already linked/unchanged)"
        )
        return _pick(_STATE_WORDS["nothing"], lang) + (rest if unchanged else "")
    parts = ", ".join(f"{counts.get(key, 0)} {en if lang == 'en' else sv}" for key, sv, en in _WOULD)
    tail = "already linked/unchanged" if lang == "en" else "redan kopplade/oförändrade"
    return f"{parts}; {unchanged} {tail}"


def _run_text(report: CategoryReport, lang: str) -> str:
    if report.state == "nothing":
        return _pick(("inget att överföra", "nothing to transfer"), lang)
    ok, failed, skipped = (report.count(o) for o in (Outcome.SUCCEEDED, Outcome.FAILED, Outcome.SKIPPED))
    if lang == "en":
        return f"{ok} succeeded, {failed} failed, {skipped} skipped"
    return f"{ok} lyckades, {failed} misslyckades, {skipped} hoppades över"


def _summary_line(report: CategoryReport, lang: str, dry_run: bool) -> Text:
    label = category_label(report.category, lang)
    if dry_run:
        style = "bold red" if report.stopped is not None else "bold"
        text = report.stopped.headline(lang) if report.stopped is not None else would_text(report, lang)
        return Text(f"{label}: {text}", style=style)
    calls = f"API-anrop: eEkonomi {report.api_calls['eekonomi']}, Visma PM {report.api_calls['severa']}"
    if lang == "en":
        calls = calls.replace("API-anrop", "API calls")
    style = f"bold {STATE_STYLES.get(report.state, 'white')}"
    return Text(f"{label}: {_run_text(report, lang)}  ({calls})", style=style)


def _box(report: RunReport, lang: str, title: str | None) -> Panel:
    lines: list[RenderableType] = [_summary_line(r, lang, report.dry_run) for r in report.categories.values()]
    for category in report.categories.values():
        lines.extend(Text(f"• {notice}", style="yellow") for notice in category.notices)
    if report.dry_run:
        heading = _pick(("Torrkörning (inget skrevs)", "Dry run (nothing written)"), lang)
        if all(
            r.state == "nothing" or not any(r.would_counts()[k] for k, _, _ in _WOULD)
            for r in report.categories.values()
        ):
            heading += ": " + _pick(_STATE_WORDS["nothing"], lang)
        return Panel(Group(*lines), title=title or heading, border_style=STATE_STYLES["dry"])
    state = report.state
    number = f"#{report.run_id}" if report.run_id is not None else ""
    heading = f"{_pick(('Överföring', 'Transfer'), lang)} {number}: {state_word(state, lang)}"
    return Panel(Group(*lines), title=title or heading, border_style=STATE_STYLES.get(state, "white"))


def _plan_table(report: CategoryReport, lang: str) -> Table | None:
    rows = [o for o in report.outcomes if o.action in _ACTIONS and o.outcome is not Outcome.UNCHANGED]
    if not rows:
        return None
    title = f"{category_label(report.category, lang)}: " + _pick(("planerade ändringar", "planned changes"), lang)
    table = Table(title=title, title_justify="left")
    for column in (("Riktning", "Direction"), ("Objekt", "Object"), ("Namn", "Name"), ("Åtgärd", "Action")):
        table.add_column(_pick(column, lang), overflow="fold")
    for item in rows:
        direction = _pick(_DIRECTIONS.get(item.direction, (item.direction, item.direction)), lang)
        table.add_row(direction, item.key, item.name, _pick(_ACTIONS[item.action], lang))
    return table


@dataclass(frozen=True)
class ItemLine:
    """One failed or skipped object as the terminal shows it, from a report or from the store."""

    category: str
    key: str
    name: str
    rule_id: str | None
    headline: str
    detail: str
    hint: str
    when: str = ""

    @classmethod
    def of(cls, item: ObjectOutcome, lang: str) -> ItemLine:
        return cls(
            item.category, item.key, item.name, item.rule_id, item.headline(lang), item.detail(lang), item.hint_in(lang)
        )


def _item_block(line: ItemLine, lang: str, *, failed: bool, verbose: bool) -> Group:
    """One object as a block: readable at 80 columns, where a five-column table is not."""
    mark, style = ("✗", "bold red") if failed else ("–", "bold yellow")
    head = " ".join(part for part in (category_label(line.category, lang), line.key, line.name) if part)
    if line.when:
        head = f"{line.when}  {head}"
    label = _pick(("Fel", "Error"), lang) if failed else _pick(("Skäl", "Reason"), lang)
    lines = [Text(f"{mark} {head}", style=style), Text.assemble((f"  {label}: ", "bold"), line.headline)]
    if line.hint:
        lines.append(Text.assemble((f"  {_pick(('Lösning', 'What to do'), lang)}: ", "bold"), line.hint))
    if verbose and (line.rule_id or line.detail):
        rule = f"[{line.rule_id}] " if line.rule_id else ""
        lines.append(
            Text(f"  {_pick(('Teknisk detalj', 'Technical detail'), lang)}: {rule}{line.detail}".rstrip(), style="dim")
        )
    return Group(*lines)


def render_items(
    console: Console, lines: Iterable[ItemLine], lang: str, *, failed: bool, verbose: bool, dry_run: bool = False
) -> int:
    """The list of failed (``Felmeddelanden``) or skipped (``Hoppades över``) objects; returns how many."""
    items = list(lines)
    if not items:
        return 0
    if failed:
        heading = _pick(("Felmeddelanden", "Errors"), lang)
    else:
        heading = _pick(("Hoppas över", "Would be skipped") if dry_run else ("Hoppades över", "Skipped"), lang)
    console.print(Text(f"{heading} ({len(items)})", style="bold underline"))
    for line in items:
        console.print(_item_block(line, lang, failed=failed, verbose=verbose))
    return len(items)


def render_summary(report: RunReport, console: Console, *, lang: str = "sv", title: str | None = None) -> None:
    """Only the box: what the demo prints per pass."""
    console.print(_box(report, lang, title))


def render_report(
    report: RunReport,
    console: Console,
    *,
    lang: str = "sv",
    verbose: bool = False,
    title: str | None = None,
) -> None:
    """The box, the dry run's planned changes, then every failure and every skipped object with its reason."""
    render_summary(report, console, lang=lang, title=title)
    if report.dry_run:
        for category in report.categories.values():
            table = _plan_table(category, lang)
            if table is not None:
                console.print(table)
    render_items(
        console,
        (ItemLine.of(i, lang) for i in report.skipped()),
        lang,
        failed=False,
        verbose=verbose,
        dry_run=report.dry_run,
    )
    render_items(console, (ItemLine.of(i, lang) for i in report.errors()), lang, failed=True, verbose=verbose)

"""The compare of a two-way category (customers, articles) and of projects: linked pairs field by field, links
whose object is gone, and objects with no counterpart where the rules say there should be one.

Pure: it sees both systems' canonical objects by id and the links, and returns findings. Which side changed a field
is told by the fingerprints stored on the link at the last transfer: the side whose fingerprint now differs changed
it ("ändrad i fel system" when that is not the master, S1/S2).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from brygga.reconcile import words
from brygga.store import Link
from brygga.store.reconcile import NewFinding

__all__ = ["Comparable", "PairSpec", "compare_pairs"]


class Comparable(Protocol):
    @property
    def number(self) -> str | None: ...

    @property
    def name(self) -> str: ...

    @property
    def is_active(self) -> bool: ...

    def fingerprint(self) -> str: ...


T = TypeVar("T", bound=Comparable)
Fields = Callable[[T], Mapping[str, str | None]]


@dataclass(frozen=True)
class PairSpec(Generic[T]):
    category: str  # the reconcile's category: customers, articles, projects
    master: str  # pm or eekonomi (S1, S2; projects: pm)
    rule: str  # the master rule's id for the detail line
    fields: Fields[T]  # the fields the master owns, as text, for the compare
    must_exist_in_eek: Callable[[T], bool]  # a PM object that should have a counterpart in eEkonomi
    must_exist_in_pm: Callable[[T], bool]  # an eEkonomi object that should have one in PM


def compare_pairs(
    spec: PairSpec[T],
    pm: Mapping[str, T],
    eek: Mapping[str, T],
    links: Sequence[Link],
    failing: Collection[str] = (),
) -> list[NewFinding]:
    """``failing``: ids (either side) the transfer failed on and tries again (its retry list), said as such."""
    thing = words.THINGS[spec.category]
    linked_pm = {link.pm_id for link in links}
    linked_eek = {link.eek_id for link in links}
    free_pm = {o.number: i for i, o in pm.items() if i not in linked_pm and o.number}
    free_eek = {o.number: i for i, o in eek.items() if i not in linked_eek and o.number}
    found: list[NewFinding] = []
    for link in links:
        p, e = pm.get(link.pm_id), eek.get(link.eek_id)
        if p is not None and e is not None:
            found += _differences(spec, thing, link, p, e)
        elif p is not None:  # the eEkonomi object is gone
            found.append(_deleted(spec, thing, link, p, "eekonomi", _new(eek, free_eek.pop(p.number or "", None))))
        elif e is not None:
            found.append(_deleted(spec, thing, link, e, "pm", _new(pm, free_pm.pop(e.number or "", None))))
    pm_numbers = {o.number for o in pm.values() if o.number}
    eek_numbers = {o.number for o in eek.values() if o.number}
    for number, pm_id in sorted(free_pm.items()):
        item = pm[pm_id]
        if spec.must_exist_in_eek(item) and number not in eek_numbers:
            found.append(_missing(spec, thing, item, "eekonomi", f"PM-id {pm_id}", pm_id in failing))
    for number, eek_id in sorted(free_eek.items()):
        item = eek[eek_id]
        if spec.must_exist_in_pm(item) and number not in pm_numbers:
            found.append(_missing(spec, thing, item, "pm", f"eEkonomi-id {eek_id}", eek_id in failing))
    return found


def _new(side: Mapping[str, T], new_id: str | None) -> tuple[str, T] | None:
    """The object a person re-created with the same number, when its name is the same too (C2, A2)."""
    return None if new_id is None else (new_id, side[new_id])


def _differences(spec: PairSpec[T], thing: words.Thing, link: Link, p: T, e: T) -> list[NewFinding]:
    pm_fields, eek_fields = spec.fields(p), spec.fields(e)
    master_fields = pm_fields if spec.master == "pm" else eek_fields
    # A field the master leaves empty is not the master's to own: the transfer never clears it on the other side.
    differing = [
        name for name in pm_fields if pm_fields[name] != eek_fields.get(name) and master_fields.get(name) is not None
    ]
    if not differing:
        return []
    pm_changed = p.fingerprint() != link.pm_hash
    eek_changed = e.fingerprint() != link.eek_hash
    changed_in = "pm" if pm_changed and not eek_changed else "eekonomi" if eek_changed and not pm_changed else None
    master_item = p if spec.master == "pm" else e
    found = []
    for name in differing:
        said = words.field_differs(thing, name, changed_in, spec.master)
        repush = changed_in != spec.master  # a master change not yet transferred is the transfer's to carry
        found.append(
            NewFinding(
                category=spec.category,
                kind="field_differs",
                object_key=master_item.number or "",
                object_name=master_item.name,
                field=name,
                pm_value=pm_fields[name],
                eek_value=eek_fields.get(name),
                changed_in=changed_in,
                title=said.title,
                title_en=said.title_en,
                hint=said.hint,
                hint_en=said.hint_en,
                detail=f"{spec.rule}: PM-id {link.pm_id}, eEkonomi-id {link.eek_id}, huvudsystem {spec.master}",
                repair="repush" if repush else None,
                repair_ref=_ref(link.pm_id, link.eek_id, p, e, spec.master) if repush else {},
            )
        )
    return found


def _deleted(
    spec: PairSpec[T], thing: words.Thing, link: Link, kept: T, gone_in: str, new: tuple[str, T] | None
) -> NewFinding:
    if new is not None and new[1].name.strip() != kept.name.strip():
        new = None  # another object under the same number: not the one that was deleted
    said = words.remote_deleted(thing, gone_in, relink=new is not None)
    gone_id = link.eek_id if gone_in == "eekonomi" else link.pm_id
    detail = f"{spec.rule}: kopplingen PM-id {link.pm_id} ↔ eEkonomi-id {link.eek_id}; id {gone_id} finns inte längre"
    ref: dict[str, str] = {}
    if new is not None:
        new_id, item = new
        detail += f"; nytt id med samma nummer: {new_id}"
        if gone_in == "eekonomi":
            ref = _ref(link.pm_id, new_id, kept, item, spec.master)
        else:
            ref = _ref(new_id, link.eek_id, item, kept, spec.master)
    return NewFinding(
        category=spec.category,
        kind="remote_deleted",
        object_key=kept.number or "",
        object_name=kept.name,
        title=said.title,
        title_en=said.title_en,
        hint=said.hint,
        hint_en=said.hint_en,
        detail=detail,
        changed_in=gone_in,
        repair="relink" if new is not None else None,
        repair_ref=ref,
    )


def _ref(pm_id: str, eek_id: str, p: T, e: T, master: str) -> dict[str, str]:
    """What a repair needs: the ids, the master and both fingerprints now (``brygga.reconcile.repair``)."""
    return {"pm_id": pm_id, "eek_id": eek_id, "master": master, "pm_fp": p.fingerprint(), "eek_fp": e.fingerprint()}


def _missing(spec: PairSpec[T], thing: words.Thing, item: T, missing_in: str, ids: str, failing: bool) -> NewFinding:
    said = words.missing(thing, missing_in, failing=failing)
    return NewFinding(
        category=spec.category,
        kind=f"missing_in_{missing_in}",
        object_key=item.number or "",
        object_name=item.name,
        title=said.title,
        title_en=said.title_en,
        hint=said.hint,
        hint_en=said.hint_en,
        detail=f"{spec.rule}: {ids}, aktiv, ingen koppling och inget objekt med samma nummer på andra sidan"
        + ("; överföringen misslyckades med den och försöker igen (brygga errors)" if failing else ""),
    )

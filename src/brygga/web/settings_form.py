"""The settings form (rules S1-S8): its fields from ``TransferOptions``, and saving with every problem listed.

Saving follows ``brygga settings set``: the whole proposal is checked with ``TransferOptions.check`` and, when
that passes, against both connected systems (rule S9); nothing is saved while any problem remains.
An empty field keeps the stored value (or the default), because most fields cannot be empty.
The problems are listed above the form and again next to each field they are about (``SettingProblems``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, get_args, get_origin

from brygga.config import Settings
from brygga.errors import ConfigError
from brygga.store import Store
from brygga.transfer.options import SETTING_HELP, TransferOptions
from brygga.transfer.settings_check import check_against_systems
from brygga.web.settings_texts import SETTING_HELP_WEB, SETTING_LABELS, SETTING_RULES, choice_label

__all__ = ["SettingField", "SettingProblems", "save_settings", "setting_fields"]


@dataclass(frozen=True)
class SettingField:
    key: str
    label: str
    help: str
    value: str
    choices: tuple[tuple[str, str], ...]  # (value, words); empty: a free text (or date) field
    input_type: str
    rule: str = ""  # the rule id, shown on a small line of its own, never in the label


def setting_fields(
    stored: Mapping[str, str], lang: str, proposed: Mapping[str, str] | None = None
) -> list[SettingField]:
    """The form's fields with the stored (or just proposed) values, in the model's order."""
    index = 1 if lang == "en" else 0
    current = _current_values(stored)
    fields = []
    for key, info in TransferOptions.model_fields.items():
        value = (proposed or {}).get(key, current.get(key))
        choices = tuple((choice, choice_label(choice, lang)) for choice in _literal_choices(info.annotation))
        input_type = "date" if key in ("supplier_invoice_from", "supplier_invoice_to") else "text"
        fields.append(
            SettingField(
                key,
                SETTING_LABELS.get(key, (key, key))[index],
                _help(key, index),
                "" if value is None else str(value),
                choices,
                input_type,
                SETTING_RULES.get(key, ""),
            )
        )
    return fields


def _help(key: str, index: int) -> str:
    """The page's help in words, else the shared help without its rule id (that has a line of its own)."""
    web = SETTING_HELP_WEB.get(key)
    if web:
        return web[index]
    return _RULE_ID.sub("", SETTING_HELP.get(key, ("", ""))[index]).strip()


_RULE_ID = re.compile(r"\s*\((?:[SO]\d+)\)")


class SettingProblems(list[str]):
    """Every problem of one save, as plain sentences, and which of them are about which field.

    The checks speak of a field by its key (``supplier_invoice_from ligger efter ...``) or, when a connected
    system refuses a value, by quoting the value (``Resultatenheten "X" finns inte``); either puts the problem
    next to that field too, where the admin corrects it.
    """

    def __init__(self, problems: Iterable[str], proposed: Mapping[str, str]) -> None:
        super().__init__(problems)
        self._by_field = {key: [p for p in self if _is_about(p, key, proposed.get(key, ""))] for key in proposed}

    def about(self, key: str) -> list[str]:
        return self._by_field.get(key, [])


def _is_about(problem: str, key: str, value: str) -> bool:
    if re.search(rf"\b{re.escape(key)}\b", problem):
        return True
    return bool(value) and f'"{value}"' in problem


async def save_settings(store: Store, settings: Settings, form: Mapping[str, str]) -> list[str]:
    """Save the non-empty values of ``form``; return every problem instead (a ``SettingProblems``) when any
    value is wrong."""
    stored = store.settings.all()
    given = {key: value.strip() for key, value in form.items() if key in TransferOptions.model_fields and value.strip()}
    known_stored = {key: value for key, value in stored.items() if key in TransferOptions.model_fields}
    proposed = {**known_stored, **given}
    current = _current_values(stored)
    changed = {key: value for key, value in given.items() if stored.get(key) != value}
    chosen = {key for key, value in changed.items() if str(current.get(key, "")) != value}  # not just the default
    problems = TransferOptions.check(proposed) or await check_against_systems(store, settings, proposed, chosen)
    if problems:
        return SettingProblems(problems, proposed)
    if changed:
        store.settings.set_many(changed)
    return []


def _current_values(stored: Mapping[str, str]) -> dict[str, object]:
    """The stored options; when they are invalid (saved by hand), the raw values over the defaults, so the form
    still opens and the admin can correct them."""
    try:
        return TransferOptions.from_store(stored).model_dump(mode="json")
    except ConfigError:
        defaults: dict[str, object] = TransferOptions().model_dump(mode="json")
        return {**defaults, **{key: value for key, value in stored.items() if key in TransferOptions.model_fields}}


def _literal_choices(annotation: object) -> tuple[str, ...]:
    if get_origin(annotation) is Literal:
        return tuple(str(choice) for choice in get_args(annotation))
    return ()

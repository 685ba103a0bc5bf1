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

__all__ = ["SettingField", "SettingProblems", "save_settings", "setting_fields"]

_LABELS: dict[str, tuple[str, str]] = {
    "master_customers": ("S1 Huvudsystem för kunder", "S1 Master system for customers"),
    "master_articles": ("S2 Huvudsystem för artiklar", "S2 Master system for articles"),
    "project_cost_center": ("S3 Resultatenhet för projekt", "S3 Cost center for projects"),
    "default_article_number": ("S4 Standard artikelnummer", "S4 Default article number"),
    "supplier_costs": ("S5 Leverantörsfakturor i PM", "S5 Supplier invoices in PM"),
    "invoice_status_to_transfer": ("S6 Status för fakturor som ska överföras", "S6 Status of invoices to transfer"),
    "invoice_status_transferred": ("S6 Status för överförda fakturor", "S6 Status of transferred invoices"),
    "invoice_status_sent": ("S6 Status på skickade fakturor", "S6 Status of sent invoices"),
    "invoice_status_paid": ("S6 Status på betalda fakturor", "S6 Status of paid invoices"),
    "supplier_invoice_period": ("S7 Datum för leverantörsfakturor", "S7 Supplier-invoice period"),
    "supplier_invoice_from": ("S7 Från och med", "S7 From"),
    "supplier_invoice_to": ("S7 Till och med", "S7 To"),
    "order_vat_articles": ("Artiklar per momssats för order", "Articles per VAT rate for orders"),
    "invoice_date": ("S8 Fakturadatum", "S8 Invoice date"),
}


@dataclass(frozen=True)
class SettingField:
    key: str
    label: str
    help: str
    value: str
    choices: tuple[str, ...]  # empty: a free text (or date) field
    input_type: str


def setting_fields(
    stored: Mapping[str, str], lang: str, proposed: Mapping[str, str] | None = None
) -> list[SettingField]:
    """The form's fields with the stored (or just proposed) values, in the model's order."""
    index = 1 if lang == "en" else 0
    current = _current_values(stored)
    fields = []
    for key, info in TransferOptions.model_fields.items():
        value = (proposed or {}).get(key, current.get(key))
        choices = _literal_choices(info.annotation)
        input_type = "date" if key in ("supplier_invoice_from", "supplier_invoice_to") else "text"
        label = _LABELS.get(key, (key, key))[index]
        fields.append(
            SettingField(
                key,
                label,
                SETTING_HELP.get(key, ("", ""))[index],
                "" if value is None else str(value),
                choices,
                input_type,
            )
        )
    return fields


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
    problems = TransferOptions.check(proposed) or await check_against_systems(store, settings, proposed)
    if problems:
        return SettingProblems(problems, proposed)
    changed = {key: value for key, value in given.items() if stored.get(key) != value}
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

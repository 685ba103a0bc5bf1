"""The integration settings against both systems: the saved values, S3 (projects' cost center), S4 (default
article) and S6 (the four PM invoice statuses). A setting that is not chosen yet is yellow; one that is chosen
but missing in the system is red, because the transfer that needs it would stop."""

from __future__ import annotations

from collections.abc import Mapping

from brygga.doctor.failures import blocked
from brygga.doctor.results import Check, CheckResult, Msg
from brygga.eekonomi import CostCenter, EEkonomiClient
from brygga.errors import ConfigError
from brygga.severa.client import SeveraClient
from brygga.transfer.invoices.statuses import resolve_statuses
from brygga.transfer.options import TransferOptions
from brygga.transfer.projects.transfer import resolve_cost_center

__all__ = [
    "COST_CENTER",
    "DEFAULT_ARTICLE",
    "INVOICE_STATUSES",
    "SETTINGS",
    "check_cost_center",
    "check_default_article",
    "check_invoice_statuses",
    "read_options",
]

SETTINGS = Check("settings.values", Msg("Sparade inställningar", "Saved settings"))
COST_CENTER = Check("s3.cost_center", Msg("Resultatenhet för projekt (S3)", "Cost center for projects (S3)"))
DEFAULT_ARTICLE = Check("s4.default_article", Msg("Standardartikel (S4)", "Default article (S4)"))
INVOICE_STATUSES = Check(
    "s6.invoice_statuses", Msg("Fakturastatusar i Visma PM (S6)", "Invoice statuses in Visma PM (S6)")
)
STATUS_KEYS = ("invoice_status_to_transfer", "invoice_status_transferred", "invoice_status_sent", "invoice_status_paid")
_PLAIN_TEXT_KEYS = ("project_cost_center", "default_article_number", *STATUS_KEYS)


def read_options(values: Mapping[str, str]) -> tuple[TransferOptions, CheckResult]:
    """The options and a line about them. Invalid values elsewhere must not hide S3, S4 and S6, so those
    (plain texts, which cannot fail validation) are read on their own when the whole set is refused."""
    problems = TransferOptions.check(values)
    if not problems:
        return TransferOptions.from_store(values), SETTINGS.green(
            Msg("Inställningarna är giltiga.", "The settings are valid.")
        )
    text = "; ".join(problems)
    line = SETTINGS.red(
        Msg(f"Ogiltiga inställningar: {text}", f"Invalid settings: {text}"),
        Msg("Rätta med: brygga settings set NYCKEL VÄRDE", "Fix with: brygga settings set KEY VALUE"),
    )
    return TransferOptions.model_validate({k: v for k, v in values.items() if k in _PLAIN_TEXT_KEYS}), line


def _center_label(center: CostCenter) -> str:
    return f"{center.number} {center.name}"


async def check_cost_center(eek: EEkonomiClient | None, wanted: str | None) -> CheckResult:
    """``eek`` is None when eEkonomi could not be reached earlier in the report."""
    set_it = Msg(
        "Välj en med: brygga settings set project_cost_center NAMN",
        "Choose one with: brygga settings set project_cost_center NAME",
    )
    if eek is None:
        if not wanted:
            return COST_CENTER.yellow(_no_cost_center(), set_it)
        return blocked(COST_CENTER, "eekonomi")
    centers = [center async for center in eek.cost_centers.iter()]
    names = ", ".join(_center_label(c) for c in centers) or "-"
    if not wanted:
        return COST_CENTER.yellow(_no_cost_center() + Msg(f"Finns: {names}.", f"Available: {names}."), set_it)
    try:
        center = resolve_cost_center(centers, wanted)
    except ConfigError as exc:
        return COST_CENTER.red(
            Msg(exc.message, f'The cost center "{wanted}" does not exist in Visma eEkonomi.'),
            Msg(exc.hint, f"Add it under Accounting > Cost centers, or choose one that exists ({names})."),
        )
    items = len(center.items or [])
    return COST_CENTER.green(
        Msg(
            f"Resultatenheten {_center_label(center)} finns ({items} objekt).",
            f"The cost center {_center_label(center)} exists ({items} items).",
        )
    )


def _no_cost_center() -> Msg:
    return Msg(
        "Ingen resultatenhet är vald (project_cost_center): projekt och fakturor kan inte föras över.",
        "No cost center is chosen (project_cost_center): projects and invoices cannot be transferred.",
    )


async def check_default_article(eek: EEkonomiClient | None, number: str | None) -> CheckResult:
    choose = Msg(
        "Välj en artikel som finns i eEkonomi: brygga settings set default_article_number ARTIKELNUMMER",
        "Choose an article that exists in eEkonomi: brygga settings set default_article_number NUMBER",
    )
    if not number:
        found = Msg(
            "Ingen standardartikel är vald (default_article_number): fakturarader utan produkt, arbetstyp eller "
            "resekostnad kan inte föras över.",
            "No default article is chosen (default_article_number): invoice rows without a product, work type or "
            "travel expense type cannot be transferred.",
        )
        return DEFAULT_ARTICLE.yellow(found, choose)
    if eek is None:
        return blocked(DEFAULT_ARTICLE, "eekonomi")
    article = await eek.articles.find_by_number(number)
    if article is None:
        return DEFAULT_ARTICLE.red(
            Msg(
                f'Standardartikeln "{number}" finns inte i Visma eEkonomi.',
                f'The default article "{number}" does not exist in Visma eEkonomi.',
            ),
            choose,
        )
    label = f"{article.number} {article.name}"
    if not article.is_active:
        # eEkonomi refuses invoice rows with an inactive article (the original's "(409) Conflict").
        return DEFAULT_ARTICLE.red(
            Msg(f"Standardartikeln {label} är inaktiv.", f"The default article {label} is inactive."),
            Msg(
                "Aktivera den i Visma eEkonomi, eller välj en annan: brygga settings set default_article_number "
                "ARTIKELNUMMER",
                "Activate it in Visma eEkonomi, or choose another: brygga settings set default_article_number NUMBER",
            ),
        )
    return DEFAULT_ARTICLE.green(
        Msg(f"Standardartikeln {label} finns och är aktiv.", f"The default article {label} exists and is active.")
    )


async def check_invoice_statuses(pm: SeveraClient, options: TransferOptions) -> CheckResult:
    try:
        statuses = await resolve_statuses(pm, options)
    except ConfigError as exc:
        existing = {status.name.strip().casefold() async for status in pm.invoice_statuses.iter()}
        missing = ", ".join(
            f'"{name}" ({key})'
            for key in STATUS_KEYS
            if (name := getattr(options, key)).strip().casefold() not in existing
        )
        return INVOICE_STATUSES.red(
            Msg(exc.message, f"Invoice statuses missing in Visma PM: {missing}."),
            Msg(
                exc.hint,
                "Add them in Visma PM under Settings > Invoice statuses (without the invoice number box), "
                "or choose existing ones with brygga settings set invoice_status_… NAME.",
            ),
        )
    names = ", ".join(s.name for s in (statuses.to_transfer, statuses.transferred, statuses.sent, statuses.paid))
    return INVOICE_STATUSES.green(Msg(f"Alla fyra finns: {names}.", f"All four exist: {names}."))

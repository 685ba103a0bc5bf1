"""The integration settings a user chooses ("Inställningar"), stored per company; rules S1 and S9.

Values live in the store as text under the keys below, so the CLI (``brygga settings set``), the web app and
workers read the same. ``TransferOptions.check`` lists every problem with the values
at once, and ``brygga.transfer.settings_check`` adds the checks against both connected systems (rule S9).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from brygga.errors import ConfigError

__all__ = ["SETTING_HELP", "MasterSystem", "TransferOptions"]

MasterSystem = Literal["pm", "eekonomi"]
Period = Literal["today", "this_week", "last_week", "this_month", "last_month", "custom"]

SETTING_HELP: dict[str, tuple[str, str]] = {
    "master_customers": (
        "Huvudsystem för kunder: pm eller eekonomi (standard pm). Ändringar på kopplade kunder förs bara från "
        "huvudsystemet.",
        "Master system for customers: pm or eekonomi (default pm).",
    ),
    "master_articles": (
        "Huvudsystem för produkter/artiklar: pm eller eekonomi (standard eekonomi). Uppdateringar förs bara från "
        "huvudsystemet; nya artiklar förs över åt båda hållen.",
        "Master system for products/articles: pm or eekonomi (default eekonomi).",
    ),
    "project_cost_center": (
        "Resultatenhet (kostnadsställe) i Visma eEkonomi som tar emot projekten, med namn eller nummer, t.ex. "
        "Projekt. Måste finnas i eEkonomi.",
        "The eEkonomi cost center that receives PM projects as items, by name or number, e.g. Projekt.",
    ),
    "default_article_number": (
        "Standard artikelnummer i Visma eEkonomi för fakturarader utan produkt, arbetstyp eller resekostnad (S4). "
        "Måste finnas i eEkonomi.",
        "Default eEkonomi article number for invoice rows with no product, work type or travel type (S4).",
    ),
    "supplier_costs": (
        "Leverantörsfakturor blir fakturerbara (billable) eller ej fakturerbara (non_billable) kostnader i PM (S5).",
        "Supplier invoices become billable or non_billable project costs in PM (S5).",
    ),
    "invoice_status_to_transfer": ("Status för fakturor som ska överföras (S6).", "Status of invoices to transfer."),
    "invoice_status_transferred": ("Status för överförda fakturor (S6).", "Status of transferred invoices."),
    "invoice_status_sent": ("Status på skickade fakturor (S6).", "Status of sent invoices."),
    "invoice_status_paid": ("Status på betalda fakturor (S6).", "Status of paid invoices."),
    "supplier_invoice_period": (
        "Datum för leverantörsfakturor: today, this_week, last_week, this_month, last_month eller custom (S7).",
        "Supplier-invoice period: today, this_week, last_week, this_month, last_month or custom (S7).",
    ),
    "supplier_invoice_from": ("Första dag när perioden är custom (ÅÅÅÅ-MM-DD).", "First day of a custom period."),
    "supplier_invoice_to": ("Sista dag när perioden är custom (ÅÅÅÅ-MM-DD).", "Last day of a custom period."),
    "order_vat_articles": (
        "Artiklar för orderrader per momssats (O5), t.ex. 25=G1,6=G2,0=G3,12=G4. Saknade artiklar skapas som "
        "Varor x% moms.",
        "Articles for order rows by VAT rate (O5), e.g. 25=G1,6=G2,0=G3,12=G4; missing ones are created as goods.",
    ),
    "invoice_date": (
        "Fakturadatum på utkastet: transfer_date (dagens datum, som originalet) eller source_date (PM:s datum om "
        "det inte ligger i framtiden) (S8).",
        "Draft invoice date: transfer_date (today, as the original) or source_date (PM's date unless in the future).",
    ),
}


class TransferOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    master_customers: MasterSystem = "pm"
    master_articles: MasterSystem = "eekonomi"
    project_cost_center: str | None = None
    default_article_number: str | None = None
    supplier_costs: Literal["billable", "non_billable"] = "non_billable"
    invoice_status_to_transfer: str = "Skicka till eEkonomi"
    invoice_status_transferred: str = "Överförd eEkonomi"
    invoice_status_sent: str = "Skickad"
    invoice_status_paid: str = "Betald"
    supplier_invoice_period: Period = "this_month"
    supplier_invoice_from: date | None = None
    supplier_invoice_to: date | None = None
    invoice_date: Literal["transfer_date", "source_date"] = "transfer_date"
    order_vat_articles: str = Field(
        default="25=G1,6=G2,0=G3,12=G4", pattern=r"^\s*\d+(\.\d+)?=[^,=]+(,\s*\d+(\.\d+)?=[^,=]+)*$"
    )

    def order_articles(self) -> dict[Decimal, str]:
        """Rule O5's table: VAT percent -> article number (G1 goods 25 %, G2 6 %, G3 0 %, and G4 12 % [beyond])."""
        pairs = (item.split("=", 1) for item in self.order_vat_articles.split(","))
        return {Decimal(rate.strip()).normalize(): number.strip() for rate, number in pairs}

    @model_validator(mode="after")
    def _custom_period_has_dates(self) -> TransferOptions:
        problems = _cross_field_problems(self.model_dump())
        if problems:
            raise ValueError(problems[0])
        return self

    @classmethod
    def from_store(cls, values: Mapping[str, str]) -> TransferOptions:
        known = {key: value for key, value in values.items() if key in cls.model_fields}
        try:
            return cls.model_validate(known)
        except ValidationError as exc:
            raise ConfigError(
                "Sparade inställningar är ogiltiga: " + "; ".join(_problems(exc)),
                hint="Rätta med: brygga settings set NYCKEL VÄRDE",
                message_en="Stored settings are invalid: " + "; ".join(_problems(exc)),
                hint_en="Correct them with: brygga settings set KEY VALUE",
            ) from exc

    @classmethod
    def check(cls, values: Mapping[str, str]) -> list[str]:
        """Every problem with these values as plain Swedish sentences (empty when all is well)."""
        # Reserved keys (a prefix with a dot: the web app's password hash, the X4 company) are not settings.
        problems = [f"Okänd inställning: {key}" for key in values if key not in cls.model_fields and "." not in key]
        known = {key: value for key, value in values.items() if key in cls.model_fields}
        try:
            cls.model_validate(known)
        except ValidationError as exc:
            problems.extend(_problems(exc))
            # pydantic skips the cross-field rules when a single value is wrong; S9 wants every problem at once.
            problems.extend(p for p in _cross_field_problems(known) if p not in problems)
        return problems


def _cross_field_problems(values: Mapping[str, object]) -> list[str]:
    """Rules across settings (S7's custom period), on raw or validated values alike."""
    period, start, end = (
        values.get(k) for k in ("supplier_invoice_period", "supplier_invoice_from", "supplier_invoice_to")
    )
    if period == "custom" and not (start and end):
        return ["supplier_invoice_period custom behöver supplier_invoice_from och supplier_invoice_to"]
    if start and end and str(start) > str(end):  # ISO dates compare correctly as text
        return ["supplier_invoice_from ligger efter supplier_invoice_to"]
    return []


def _problems(exc: ValidationError) -> list[str]:
    result = []
    for error in exc.errors():
        if not error["loc"]:  # a rule across settings, from the model validator
            result.append(str(error["msg"]).removeprefix("Value error, "))
            continue
        key = ".".join(str(part) for part in error["loc"])
        allowed = ", ".join(get_args(MasterSystem)) if key.startswith("master_") else ""
        suffix = f" (tillåtna värden: {allowed})" if allowed else ""
        result.append(f"{key}: ogiltigt värde {error.get('input')!r}{suffix}")
    return result

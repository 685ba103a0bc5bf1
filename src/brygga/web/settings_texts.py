"""The settings form's words (rules S1-S8): labels, help and the choices of the dropdowns, Swedish and English.

The rule ids stay out of the labels; the form shows them on a small line of their own (``SETTING_RULES``).
A dropdown shows each stored value in words ("Visma PM", "Denna månad"), never the value itself (``pm``).
"""

from __future__ import annotations

__all__ = ["CHOICE_LABELS", "SETTING_HELP_WEB", "SETTING_LABELS", "SETTING_RULES", "choice_label"]

SETTING_LABELS: dict[str, tuple[str, str]] = {
    "master_customers": ("Huvudsystem för kunder", "Master system for customers"),
    "master_articles": ("Huvudsystem för artiklar", "Master system for articles"),
    "project_cost_center": ("Resultatenhet för projekt", "Cost center for projects"),
    "default_article_number": ("Standard artikelnummer", "Default article number"),
    "supplier_costs": ("Leverantörsfakturor i PM", "Supplier invoices in PM"),
    "invoice_status_to_transfer": ("Status för fakturor som ska överföras", "Status of invoices to transfer"),
    "invoice_status_transferred": ("Status för överförda fakturor", "Status of transferred invoices"),
    "invoice_status_sent": ("Status på skickade fakturor", "Status of sent invoices"),
    "invoice_status_paid": ("Status på betalda fakturor", "Status of paid invoices"),
    "supplier_invoice_period": ("Datum för leverantörsfakturor", "Supplier-invoice period"),
    "supplier_invoice_from": ("Från och med", "From"),
    "supplier_invoice_to": ("Till och med", "To"),
    "order_vat_articles": ("Artiklar per momssats för order", "Articles per VAT rate for orders"),
    "invoice_date": ("Fakturadatum", "Invoice date"),
}

SETTING_RULES: dict[str, str] = {
    "master_customers": "S1",
    "master_articles": "S2",
    "project_cost_center": "S3",
    "default_article_number": "S4",
    "supplier_costs": "S5",
    "invoice_status_to_transfer": "S6",
    "invoice_status_transferred": "S6",
    "invoice_status_sent": "S6",
    "invoice_status_paid": "S6",
    "supplier_invoice_period": "S7",
    "supplier_invoice_from": "S7",
    "supplier_invoice_to": "S7",
    "order_vat_articles": "O5",
    "invoice_date": "S8",
}

# The page's own help, in words: the CLI's help (transfer.options.SETTING_HELP) names the raw values instead.
SETTING_HELP_WEB: dict[str, tuple[str, str]] = {
    "master_customers": (
        "Ändringar på kopplade kunder förs bara från huvudsystemet; nya kunder förs över åt båda hållen.",
        "Changes to linked customers flow only from the master system; new customers go both ways.",
    ),
    "master_articles": (
        "Uppdateringar förs bara från huvudsystemet; nya artiklar förs över åt båda hållen.",
        "Updates flow only from the master system; new articles go both ways.",
    ),
    "supplier_costs": (
        "Leverantörsfakturornas rader blir fakturerbara eller ej fakturerbara kostnader på projekten i Visma PM.",
        "The supplier invoices' rows become billable or non-billable costs on the projects in Visma PM.",
    ),
    "supplier_invoice_period": (
        "Vilka leverantörsfakturor som förs över, efter fakturadatum. Egen period använder datumen nedan.",
        "Which supplier invoices are transferred, by invoice date. A custom period uses the dates below.",
    ),
    "supplier_invoice_from": ("Första dagen när perioden är Egen period.", "The first day of a custom period."),
    "supplier_invoice_to": ("Sista dagen när perioden är Egen period.", "The last day of a custom period."),
    "invoice_date": (
        "Fakturadatum på utkastet i Visma eEkonomi.",
        "The invoice date of the draft in Visma eEkonomi.",
    ),
}

CHOICE_LABELS: dict[str, tuple[str, str]] = {
    "pm": ("Visma PM", "Visma PM"),
    "eekonomi": ("Visma eEkonomi", "Visma eEkonomi"),
    "billable": ("Fakturerbar", "Billable"),
    "non_billable": ("Ej fakturerbar", "Not billable"),
    "today": ("I dag", "Today"),
    "this_week": ("Denna vecka", "This week"),
    "last_week": ("Förra veckan", "Last week"),
    "this_month": ("Denna månad", "This month"),
    "last_month": ("Förra månaden", "Last month"),
    "custom": ("Egen period (från och med, till och med)", "Custom period (from, to)"),
    "transfer_date": ("Överföringsdagen (som originalet)", "The day of the transfer (as the original)"),
    "source_date": ("Fakturans datum i Visma PM", "The invoice's date in Visma PM"),
}


def choice_label(value: str, lang: str) -> str:
    """A dropdown value in words; a value with no words (a new choice) is shown as it is stored."""
    labels = CHOICE_LABELS.get(value)
    return labels[1 if lang == "en" else 0] if labels else value

"""The transfer categories brygga knows, in the order ``--all`` runs them, with their names in Swedish and English.

It sits on the lowest floor so that the store (the overview's query), the schedules and the pages can name and order
the categories without importing the transfer engine above them.
"""

from __future__ import annotations

__all__ = ["CATEGORY_LABELS"]

# In the order "--all" runs them: invoices need customers, articles and projects first.
CATEGORY_LABELS = {
    "customers": ("Kunder", "Customers"),
    "articles": ("Artiklar", "Articles"),
    "projects": ("Projekt", "Projects"),
    "invoices": ("Fakturor", "Invoices"),
    "invoice-status": ("Fakturastatus", "Invoice status"),
    "supplier-invoices": ("Leverantörsfakturor", "Supplier invoices"),
    "orders": ("Order", "Orders"),
}

"""Canonical models both systems map into. No I/O here."""

from brygga.domain.article import Article, ArticleKind
from brygga.domain.customer import Address, Contact, Customer
from brygga.domain.invoice import Invoice, InvoiceRow, SupplierCost
from brygga.domain.project import Project

__all__ = [
    "Address",
    "Article",
    "ArticleKind",
    "Contact",
    "Customer",
    "Invoice",
    "InvoiceRow",
    "Project",
    "SupplierCost",
]

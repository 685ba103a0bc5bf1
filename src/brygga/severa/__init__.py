"""brygga's client for Visma PM, i.e. the Visma Severa public REST API v1."""

from brygga.severa.article_models import Product, TravelExpenseType, VatRate, WorkType
from brygga.severa.auth import SeveraAuth, SeveraCredentials, fetch_token
from brygga.severa.client import Page, SeveraClient
from brygga.severa.errors import PagingLoopError, map_error
from brygga.severa.fee_models import ProjectFee
from brygga.severa.invoice_models import FreeText, Invoice, InvoiceAddress, InvoiceRow, InvoiceStatus
from brygga.severa.invoice_services import INVOICE_PATCH_PATHS, PATCH_NOT_APPLIED
from brygga.severa.models import (
    Address,
    CommunicationType,
    ContactCommunication,
    ContactPerson,
    Country,
    Currency,
    Customer,
    Money,
)
from brygga.severa.price_lists import DefaultPrices
from brygga.severa.price_models import PriceList, PriceListVersion, TravelPrice, WorkHourPrice
from brygga.severa.project_models import Project

__all__ = [
    "INVOICE_PATCH_PATHS",
    "PATCH_NOT_APPLIED",
    "Address",
    "CommunicationType",
    "ContactCommunication",
    "ContactPerson",
    "Country",
    "Currency",
    "Customer",
    "DefaultPrices",
    "FreeText",
    "Invoice",
    "InvoiceAddress",
    "InvoiceRow",
    "InvoiceStatus",
    "Money",
    "Page",
    "PagingLoopError",
    "PriceList",
    "PriceListVersion",
    "Product",
    "Project",
    "ProjectFee",
    "SeveraAuth",
    "SeveraClient",
    "SeveraCredentials",
    "TravelExpenseType",
    "TravelPrice",
    "VatRate",
    "WorkHourPrice",
    "WorkType",
    "fetch_token",
    "map_error",
]

"""EEkonomiClient: the eAccounting API v2 facade, one service per resource."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

from brygga.eekonomi.errors import SYSTEM, map_error
from brygga.eekonomi.models import CompanySettings, Country, Currency, Customer, TermsOfPayment
from brygga.eekonomi.odata import field
from brygga.eekonomi.services import ListService
from brygga.eekonomi.services_articles import (
    ArticleAccountCodingsService,
    ArticlesService,
    UnitsService,
    VatCodesService,
)
from brygga.eekonomi.services_cost_centers import CostCenterItemsService, CostCentersService
from brygga.eekonomi.services_invoices import CustomerInvoicesService, InvoiceDraftsService
from brygga.eekonomi.services_purchases import BankAccountsService, SupplierInvoicesService, SuppliersService
from brygga.http import ApiTransport
from brygga.http.client_base import ApiClient
from brygga.http.transport import ErrorMapper

__all__ = [
    "ArticleAccountCodingsService",
    "ArticlesService",
    "BankAccountsService",
    "CompanySettingsService",
    "CostCenterItemsService",
    "CostCentersService",
    "CountriesService",
    "CurrenciesService",
    "CustomerInvoicesService",
    "CustomersService",
    "EEkonomiClient",
    "InvoiceDraftsService",
    "ListService",
    "SupplierInvoicesService",
    "SuppliersService",
    "TermsOfPaymentService",
    "UnitsService",
    "VatCodesService",
]


class CustomersService(ListService[Customer]):
    path = "/customers"
    model = Customer
    _item_path = "/customers/{customerId}"

    async def get(self, customer_id: str) -> Customer:
        body = await self._api.request_json("GET", self._item_path, path_params={"customerId": customer_id})
        return Customer.model_validate(body)

    async def create(self, customer: Customer) -> Customer:
        """POST once; a lost answer raises with ``outcome_unknown`` and is never resent here."""
        body = await self._api.request_json("POST", self.path, json=customer.to_body())
        return Customer.model_validate(body)

    async def update(self, customer_id: str, customer: Customer) -> Customer:
        """PUT replaces the whole customer: pass one read with ``get`` and changed, not a fresh one."""
        body = await self._api.request_json(
            "PUT", self._item_path, path_params={"customerId": customer_id}, json=customer.to_body()
        )
        return Customer.model_validate(body)

    async def find_by_number(self, number: str) -> Customer | None:
        """The customer with exactly this CustomerNumber, or None; the natural key for reconciling."""
        page = await self.list(page_size=10, filter=field("CustomerNumber").eq(number))
        return next((c for c in page.data if c.customer_number == number), None)

    async def changed_since(self, ts: datetime | None) -> AsyncIterator[Customer]:
        """Customers with ``ChangedUtc`` after ``ts`` (all customers when ``ts`` is None)."""
        changed = field("ChangedUtc").gt(ts) if ts is not None else None
        async for customer in self.iter(filter=changed):
            yield customer


class TermsOfPaymentService(ListService[TermsOfPayment]):
    path = "/termsofpayments"
    model = TermsOfPayment


class CurrenciesService(ListService[Currency]):
    path = "/currencies"
    model = Currency


class CountriesService(ListService[Country]):
    path = "/countries"
    model = Country


class CompanySettingsService:
    def __init__(self, api: ApiTransport) -> None:
        self._api = api

    async def get(self) -> CompanySettings:
        return CompanySettings.model_validate(await self._api.request_json("GET", "/companysettings"))


class EEkonomiClient(ApiClient):
    """One connection (one company) to eEkonomi; ``base_url`` ends in ``/v2``."""

    SYSTEM = SYSTEM
    DEFAULT_REQUESTS_PER_MINUTE = 540.0

    def _error_mapper(self) -> ErrorMapper:
        return map_error

    def _add_services(self) -> None:
        self.customers = CustomersService(self._api)
        self.terms_of_payment = TermsOfPaymentService(self._api)
        self.currencies = CurrenciesService(self._api)
        self.countries = CountriesService(self._api)
        self.company_settings = CompanySettingsService(self._api)
        self.articles = ArticlesService(self._api)
        self.article_codings = ArticleAccountCodingsService(self._api)
        self.units = UnitsService(self._api)
        self.vat_codes = VatCodesService(self._api)
        self.cost_centers = CostCentersService(self._api)
        # No list endpoint for items: read them through ``cost_centers.iter()``.
        self.cost_center_items = CostCenterItemsService(self._api)
        self.invoice_drafts = InvoiceDraftsService(self._api)
        self.customer_invoices = CustomerInvoicesService(self._api)
        self.bank_accounts = BankAccountsService(self._api)
        self.suppliers = SuppliersService(self._api)
        self.supplier_invoices = SupplierInvoicesService(self._api)

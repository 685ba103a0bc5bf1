"""Client for Visma eEkonomi (Visma eAccounting / Spiris Bokföring & Fakturering), API v2."""

from brygga.eekonomi.auth import (
    EEkonomiAuth,
    EEkonomiOAuthConfig,
    authorize_url,
    connect_unattended,
    connect_with_browser,
    exchange_code,
    refresh_tokens,
)
from brygga.eekonomi.client import (
    CompanySettingsService,
    CountriesService,
    CurrenciesService,
    CustomersService,
    EEkonomiClient,
    TermsOfPaymentService,
)
from brygga.eekonomi.errors import map_error
from brygga.eekonomi.models import (
    CUSTOMER_LIMITS,
    CUSTOMER_READ_ONLY,
    CUSTOMER_REQUIRED,
    CompanySettings,
    Country,
    Currency,
    Customer,
    TermsOfPayment,
)
from brygga.eekonomi.odata import all_of, any_of, field
from brygga.eekonomi.pages import Page, PageMeta

__all__ = [
    "CUSTOMER_LIMITS",
    "CUSTOMER_READ_ONLY",
    "CUSTOMER_REQUIRED",
    "CompanySettings",
    "CompanySettingsService",
    "CountriesService",
    "Country",
    "CurrenciesService",
    "Currency",
    "Customer",
    "CustomersService",
    "EEkonomiAuth",
    "EEkonomiClient",
    "EEkonomiOAuthConfig",
    "Page",
    "PageMeta",
    "TermsOfPayment",
    "TermsOfPaymentService",
    "all_of",
    "any_of",
    "authorize_url",
    "connect_unattended",
    "connect_with_browser",
    "exchange_code",
    "field",
    "map_error",
    "refresh_tokens",
]

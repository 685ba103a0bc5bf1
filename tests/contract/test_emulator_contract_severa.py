"""The Severa emulator answers what the official Severa REST v1 spec allows, on every endpoint it serves.

Each driver sends a realistic mix of requests through a RecordingTransport; the test then checks every
recorded exchange against the spec. Drivers that send invalid bodies on purpose check responses only.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import simplejson

from brygga_emulators.severa import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Emulator, build_emulator
from tests.contract.emulator_harness import Recorded, emulator_routes, exercised_routes, recorded_client

BASE_URL = "http://severa.test"
FIXED_NOW = datetime(2025, 5, 1, 9, 0, tzinfo=UTC)

Driver = Callable[[httpx.AsyncClient, Emulator], Awaitable[None]]


@pytest.fixture
def emulator() -> Emulator:
    return build_emulator("demo", clock=lambda: FIXED_NOW)


@pytest.fixture
async def recorded(emulator: Emulator) -> AsyncIterator[Recorded]:
    async with recorded_client(emulator.app, "severa", BASE_URL) as recording:
        tokens = await login(recording.client)
        recording.client.headers.update(
            {"Authorization": f"Bearer {tokens['access_token']}", "Client_Id": DEMO_CLIENT_ID}
        )
        yield recording


async def login(client: httpx.AsyncClient) -> dict[str, Any]:
    credentials = {"client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET, "scope": "customers:read"}
    response = await client.post("/v1/token", json=credentials)
    assert response.status_code == 200, response.text
    tokens: dict[str, Any] = response.json()
    return tokens


async def created(response: Awaitable[httpx.Response]) -> dict[str, Any]:
    answer = await response
    assert answer.status_code == 201, answer.text
    body: dict[str, Any] = answer.json()
    return body


async def new_customer(api: httpx.AsyncClient, name: str = "Kontraktsgården AB") -> dict[str, Any]:
    return await created(api.post("/v1/customers", json={"name": name, "isActive": True}))


async def guid_of(api: httpx.AsyncClient, path: str, **params: Any) -> str:
    listed = await api.get(path, params=params)
    assert listed.status_code == 200, listed.text
    found: str = listed.json()[0]["guid"]
    return found


async def communication_type(api: httpx.AsyncClient, method: str) -> str:
    types = (await api.get("/v1/communicationtypes")).json()
    found: str = next(item["guid"] for item in types if item.get("type") == method)
    return found


def replace(path: str, value: Any) -> list[dict[str, Any]]:
    return [{"op": "Replace", "path": path, "value": value}]


# drivers -------------------------------------------------------------------------------------------------
async def drive_authentication(api: httpx.AsyncClient, emulator: Emulator) -> None:
    tokens = await login(api)
    refreshed = await api.post("/v1/refreshtoken", json=tokens["refresh_token"])
    assert refreshed.status_code == 200, refreshed.text
    await api.post("/v1/refreshtoken", json=tokens["refresh_token"])  # spent: 401 AuthenticationRequired
    await api.post("/v1/token", json={"client_id": DEMO_CLIENT_ID, "client_secret": "wrong"})


async def drive_customer_lists(api: httpx.AsyncClient, emulator: Emulator) -> None:
    first = await api.get("/v1/customers", params={"rowCount": 2})
    if "NextPageToken" in first.headers:
        await api.get("/v1/customers", params={"rowCount": 2, "pageToken": first.headers["NextPageToken"]})
    await api.get("/v1/customers", params={"isActive": "true", "changedSince": "2020-01-01T00:00:00+00:00"})
    await api.get("/v1/customers", params={"numbers": [1, 2], "customerNames": ["Nobody AB"]})
    await api.get("/v1/customers", params={"pageToken": "not-a-token"})  # 400 InvalidParameter


async def drive_customer_writes(api: httpx.AsyncClient, emulator: Emulator) -> None:
    customer = await new_customer(api)
    await api.get(f"/v1/customers/{customer['guid']}")
    patched = await api.patch(f"/v1/customers/{customer['guid']}", json=replace("/isActive", False))
    assert patched.status_code == 200, patched.text


async def drive_rejected_customer_writes(api: httpx.AsyncClient, emulator: Emulator) -> None:
    await api.post("/v1/customers", json={"number": 77})
    await api.post("/v1/customers", json={"name": "A", "number": "seventy"})
    await api.post("/v1/customers", content=b"{not json", headers={"Content-Type": "application/json"})
    customer = await new_customer(api, "Avvisade AB")
    await api.patch(f"/v1/customers/{customer['guid']}", json=[{"op": "Rename", "path": "/name"}])
    await api.patch(f"/v1/customers/{customer['guid']}", json=replace("/name", ""))


async def drive_addresses(api: httpx.AsyncClient, emulator: Emulator) -> None:
    customer = await new_customer(api)
    country = await guid_of(api, "/v1/localization/countries/SE")
    body = {"addressline": "Gårdsvägen 1", "postalCode": "123 45", "city": "Solberga", "country": {"guid": country}}
    address = await created(api.post(f"/v1/customers/{customer['guid']}/addresses", json=body))
    await api.get(f"/v1/customers/{customer['guid']}/addresses", params={"firstRow": 0, "rowCount": 10})
    await api.get("/v1/addresses", params={"changedSince": "2020-01-01T00:00:00Z", "rowCount": 5})
    await api.get(f"/v1/addresses/{address['guid']}")
    await api.patch(f"/v1/addresses/{address['guid']}", json=replace("/city", "Norrtälje"))


async def drive_contacts_and_communications(api: httpx.AsyncClient, emulator: Emulator) -> None:
    customer = await new_customer(api)
    contact_body = {"firstName": "Karin", "lastName": "Lind", "customer": {"guid": customer["guid"]}}
    contact = await created(api.post("/v1/contactpersons", json=contact_body))
    await api.get("/v1/contactpersons", params={"firstRow": 0, "rowCount": 5})
    await api.get(f"/v1/customers/{customer['guid']}/contactpersons")
    await api.get(f"/v1/contactpersons/{contact['guid']}")
    await api.patch(f"/v1/contactpersons/{contact['guid']}", json=replace("/lastName", "Ekström"))
    email_type = await communication_type(api, "EmailAddress")
    await api.get(f"/v1/communicationtypes/{email_type}")
    communication_body = {
        "value": "karin@example.se",
        "contact": {"guid": contact["guid"]},
        "communicationType": {"guid": email_type},
    }
    communication = await created(api.post("/v1/contactcommunications", json=communication_body))
    await api.get("/v1/contactcommunications", params={"active": "true", "rowCount": 5})
    await api.get(f"/v1/contacts/{contact['guid']}/contactcommunications")
    await api.get(f"/v1/contactcommunications/{communication['guid']}")
    await api.patch(f"/v1/contactcommunications/{communication['guid']}", json=replace("/value", "k@example.se"))


async def drive_settings(api: httpx.AsyncClient, emulator: Emulator) -> None:
    currency = await guid_of(api, "/v1/currencies", active="true")
    await api.get(f"/v1/currencies/{currency}")
    countries = await api.get("/v1/localization/countries")
    await api.get("/v1/localization/countries/SE")
    await api.get(f"/v1/localization/countries/{countries.json()[0]['guid']}")


async def drive_products(api: httpx.AsyncClient, emulator: Emulator) -> None:
    first = await api.get("/v1/products", params={"rowCount": 3})
    await api.get("/v1/products", params={"rowCount": 3, "pageToken": first.headers["NextPageToken"]})
    await api.get("/v1/products", params={"type": "Materials", "isActive": "true", "code": "P-100"})
    await api.get("/v1/products", params={"changedSince": "2020-01-01T00:00:00Z"})
    body = {
        "name": "Kontraktsprodukt",
        "code": "K-1",
        "measurementUnit": "st",
        "vatRate": 25,
        "type": "Materials",
        "unitPrice": {"amount": 100, "currencyCode": "SEK"},
        "unitCost": {"amount": 60, "currencyCode": "SEK"},
    }
    product = await created(api.post("/v1/products", json=body))
    await api.get(f"/v1/products/{product['guid']}")
    patched = await api.patch(f"/v1/products/{product['guid']}", json=replace("/name", "Omdöpt produkt"))
    assert patched.status_code == 200, patched.text


async def drive_work_and_travel_types(api: httpx.AsyncClient, emulator: Emulator) -> None:
    await api.get("/v1/worktypes", params={"firstRow": 0, "rowCount": 5, "active": "true", "productive": "true"})
    await api.get(
        "/v1/worktypes", params={"code": "KONS", "textToSearch": "kons", "changedSince": "2020-01-01T00:00:00Z"}
    )
    work_type = await created(
        api.post(
            "/v1/worktypes",
            json={"name": "Kontraktsarbete", "code": "KA", "hourCost": {"amount": 500, "currencyCode": "SEK"}},
        )
    )
    await api.get(f"/v1/worktypes/{work_type['guid']}")
    await api.patch(f"/v1/worktypes/{work_type['guid']}", json=replace("/isActive", False))
    await api.get("/v1/travelexpensetypes")
    await api.get(
        "/v1/travelexpensetypes",
        params={"active": "true", "code": "MIL", "textToSearch": "mil", "firstRow": 0, "rowCount": 2},
    )
    travel_body = {
        "name": "Kontraktsresa",
        "expenseClass": "OtherTravelExpense",
        "unitCost": {"amount": 10, "currencyCode": "SEK"},
    }
    travel_type = await created(api.post("/v1/travelexpensetypes", json=travel_body))
    await api.get(f"/v1/travelexpensetypes/{travel_type['guid']}")
    await api.patch(f"/v1/travelexpensetypes/{travel_type['guid']}", json=replace("/measurementUnit", "km"))


async def drive_projects(api: httpx.AsyncClient, emulator: Emulator) -> None:
    first = await api.get("/v1/projects", params={"rowCount": 50})
    await api.get("/v1/projects", params={"rowCount": 50, "pageToken": first.headers["NextPageToken"]})
    customer = await guid_of(api, "/v1/customers", numbers=1003)
    await api.get("/v1/projects", params={"isClosed": "false", "numbers": [2003, 2004], "customerGuids": [customer]})
    await api.get("/v1/projects", params={"changedSince": "2024-06-01T00:00:00Z", "internal": "false"})
    await api.get(f"/v1/projects/{first.json()[0]['guid']}")


async def drive_vat_rates_and_organization(api: httpx.AsyncClient, emulator: Emulator) -> None:
    rates = await api.get("/v1/vatrates")
    await api.get("/v1/vatrates", params={"active": "true", "countryGuid": rates.json()[0]["countryGuid"]})
    await api.get(f"/v1/vatrates/{rates.json()[0]['guid']}")
    await api.get("/v1/organizationsettings")


async def drive_price_lists(api: httpx.AsyncClient, emulator: Emulator) -> None:
    pricelists = await api.get("/v1/pricelists", params={"active": "true", "firstRow": 0, "rowCount": 10})
    pricelist = pricelists.json()[0]["guid"]
    await api.get(f"/v1/pricelists/{pricelist}")
    versions = await api.get(f"/v1/pricelists/{pricelist}/pricelistversions")
    version = versions.json()[0]["guid"]
    await api.get(f"/v1/pricelistversions/{version}")
    await api.get(f"/v1/pricelistversions/{version}/travelprices", params={"fromPricelistOnly": "true"})
    await api.get(f"/v1/pricelistversions/{version}/travelprices", params={"expenseClasses": ["Mileage"]})
    await api.get(f"/v1/pricelistversions/{version}/productprices", params={"productCode": "P-100"})
    await api.get(f"/v1/pricelistversions/{version}/productprices", params={"rowCount": 5})


async def drive_work_hour_prices(api: httpx.AsyncClient, emulator: Emulator) -> None:
    pricelist = await guid_of(api, "/v1/pricelists")
    version = await guid_of(api, f"/v1/pricelists/{pricelist}/pricelistversions")
    first = await api.get(f"/v1/pricelistversions/{version}/workhourprices", params={"rowCount": 2})
    await api.get(
        f"/v1/pricelistversions/{version}/workhourprices",
        params={"rowCount": 2, "pageToken": first.headers["NextPageToken"], "changedSince": "2020-01-01T00:00:00Z"},
    )


async def drive_rejected_catalog_writes(api: httpx.AsyncClient, emulator: Emulator) -> None:
    await api.post("/v1/products", json={"code": "X"})
    await api.post("/v1/products", json={"name": "Fel moms", "vatRate": 0.25})
    await api.post("/v1/worktypes", json={"name": "Dubblett", "code": "KONS"})
    await api.post("/v1/travelexpensetypes", json={"name": "Utan klass"})
    product = await guid_of(api, "/v1/products", code="P-100")
    await api.patch(f"/v1/products/{product}", json=replace("/guid", "x"))


async def drive_invoice_statuses(api: httpx.AsyncClient, emulator: Emulator) -> None:
    statuses = await api.get("/v1/invoicestatuses", params={"active": "true", "firstRow": 0, "rowCount": 10})
    await api.get("/v1/invoicestatuses", params={"textToSearch": "eEkonomi", "calculateRowCount": "true"})
    await api.get(f"/v1/invoicestatuses/{statuses.json()[1]['guid']}")
    await created(api.post("/v1/invoicestatuses", json={"name": "Fel vid överföring", "isActive": True}))


async def drive_invoices(api: httpx.AsyncClient, emulator: Emulator) -> None:
    status = await guid_of(api, "/v1/invoicestatuses", textToSearch="Skicka till")
    first = await api.get("/v1/invoices", params={"rowCount": 5, "invoiceStatusGuids": [status]})
    await api.get("/v1/invoices", params={"rowCount": 5, "pageToken": first.headers["NextPageToken"]})
    invoice = first.json()[0]
    await api.get(
        "/v1/invoices",
        params={
            "changedSince": "2026-01-01T00:00:00Z",
            "customerGuids": [invoice["customer"]["guid"]],
            "projectGuids": [invoice["projects"][0]["guid"]],
            "startDate": "2026-11-01T00:00:00Z",
            "endDate": "2026-11-30T00:00:00Z",
        },
    )
    await api.get("/v1/invoices", params={"numbers": [4990, 4991]})
    await api.get(f"/v1/invoices/{invoice['guid']}")
    rows = f"/v1/invoices/{invoice['guid']}/invoicerows"
    first_rows = await api.get(rows, params={"rowCount": 2})
    await api.get(rows, params={"rowCount": 2, "pageToken": first_rows.headers["NextPageToken"]})
    await api.get(rows, params={"rowType": "Hours"})
    transferred = await guid_of(api, "/v1/invoicestatuses", textToSearch="Överförd")
    operations = [*replace("/status/guid", transferred), *replace("/number", 10001)]
    patched = await api.patch(f"/v1/invoices/{invoice['guid']}", json=operations)
    assert patched.status_code == 200, patched.text
    notes = [*replace("/paymentDate", "2026-12-01"), *replace("/notes", "Betald i eEkonomi")]
    await api.patch(f"/v1/invoices/{invoice['guid']}", json=notes)


async def drive_rejected_invoice_writes(api: httpx.AsyncClient, emulator: Emulator) -> None:
    invoice = await guid_of(api, "/v1/invoices")
    await api.patch(f"/v1/invoices/{invoice}", json=replace("/yourReference", "Någon"))
    await api.patch(f"/v1/invoices/{invoice}", json=replace("/status/guid", str(uuid.uuid4())))
    await api.patch(f"/v1/invoices/{invoice}", json=[{"op": "Remove", "path": "/notes"}])
    await api.get(f"/v1/invoices/{invoice}/invoicerows", params={"rowType": "Fees"})
    await api.post("/v1/invoicestatuses", json={"isPaid": True})
    await api.post("/v1/projectfees", json={"project": {"guid": str(uuid.uuid4())}, "quantity": 1})


async def drive_project_fees(api: httpx.AsyncClient, emulator: Emulator) -> None:
    project = await guid_of(api, "/v1/projects", numbers=2003)
    body = {
        "project": {"guid": project},
        "name": "Leverantörskostnad",
        "description": "2026-11-03 V42 Byggmaterial Syd AB",
        "productType": "Subcontracting",
        "quantity": 1,
        "unitCost": {"amount": 10000, "currencyCode": "SEK"},
        "unitPrice": {"amount": 10000, "currencyCode": "SEK"},
        "isBillable": True,
        "eventDate": "2026-11-03",
        "vatRate": 25,
    }
    answer = await api.post("/v1/projectfees", json=body)
    assert answer.status_code == 201, answer.text
    await api.post("/v1/projectfees", json={**body, "isBillable": False})
    first = await api.get("/v1/projectfees", params={"rowCount": 1})
    await api.get("/v1/projectfees", params={"rowCount": 1, "pageToken": first.headers["NextPageToken"]})
    await api.get("/v1/projectfees", params={"changedSince": "2020-01-01T00:00:00Z"})
    await api.get(f"/v1/projectfees/{answer.json()[0]['guid']}")
    await api.get(f"/v1/projects/{project}/projectfees", params={"isBillable": "true", "productType": "Subcontracting"})
    await api.get(
        f"/v1/projects/{project}/projectfees",
        params={"isBilled": "false", "invoiceableDate": "2026-11-30T00:00:00Z", "includeRecurringRules": "false"},
    )


async def drive_errors(api: httpx.AsyncClient, emulator: Emulator) -> None:
    emulator.faults.rate_limit_next(1)
    assert (await api.get("/v1/customers")).status_code == 429
    emulator.faults.fail_next("GET", "/v1/customers", status=503)
    assert (await api.get("/v1/customers")).status_code == 503
    assert (await api.get("/v1/customers", headers={"Authorization": "Bearer nope"})).status_code == 401
    missing = str(uuid.uuid4())
    for path in (
        "customers",
        "addresses",
        "contactpersons",
        "contactcommunications",
        "currencies",
        "products",
        "worktypes",
        "travelexpensetypes",
        "projects",
        "vatrates",
        "pricelists",
        "pricelistversions",
        "invoicestatuses",
        "invoices",
        "projectfees",
    ):
        assert (await api.get(f"/v1/{path}/{missing}")).status_code == 404
    assert (await api.get(f"/v1/invoices/{missing}/invoicerows")).status_code == 404
    assert (await api.get(f"/v1/projects/{missing}/projectfees")).status_code == 404
    await api.patch(f"/v1/invoices/{missing}", json=replace("/notes", "X"))
    await api.patch(f"/v1/customers/{missing}", json=replace("/name", "X"))
    await api.patch(f"/v1/products/{missing}", json=replace("/name", "X"))
    for rows in ("workhourprices", "travelprices", "productprices"):
        assert (await api.get(f"/v1/pricelistversions/{missing}/{rows}")).status_code == 404
    assert (await api.get(f"/v1/pricelists/{missing}/pricelistversions")).status_code == 404


async def checked(recorded: Recorded, emulator: Emulator, driver: Driver, *, requests: bool = True) -> list[str]:
    await driver(recorded.client, emulator)
    assert len(recorded.log) > 0
    return recorded.problems(requests=requests)


# tests ---------------------------------------------------------------------------------------------------
async def test_token_and_refresh(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_authentication) == []


async def test_customer_lists_with_token_paging_and_filters(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_customer_lists) == []


async def test_customer_create_read_patch(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_customer_writes) == []


async def test_rejected_customer_writes_answer_with_exception_models(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_rejected_customer_writes, requests=False) == []
    rejected = [exchange.status for exchange in recorded.log if exchange.method in ("POST", "PATCH")]
    assert rejected.count(400) == 5


async def test_addresses(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_addresses) == []


async def test_contacts_and_communications(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_contacts_and_communications) == []


async def test_currencies_and_countries(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_settings) == []


async def test_products(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_products) == []


async def test_work_types_and_travel_expense_types(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_work_and_travel_types) == []


async def test_projects(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_projects) == []


async def test_vat_rates_and_organization_settings(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_vat_rates_and_organization) == []


async def test_price_lists_versions_travel_and_product_prices(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_price_lists) == []


async def test_work_hour_prices_are_a_list_of_the_spec_model(recorded: Recorded, emulator: Emulator) -> None:
    """The spec declares one WorkHourPriceOutputModel for a route that pages with NextPageToken;
    tests/support/spec_loading.py corrects that to a list, and each item must be the spec's model."""
    assert await checked(recorded, emulator, drive_work_hour_prices) == []
    pages = [exchange for exchange in recorded.log if exchange.path.endswith("/workhourprices")]
    assert len(pages) == 2 and all(simplejson.loads(page.response_body) for page in pages)


async def test_rejected_catalog_writes_answer_with_exception_models(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_rejected_catalog_writes, requests=False) == []
    writes = [exchange for exchange in recorded.log if exchange.method in ("POST", "PATCH")]
    assert [exchange.status for exchange in writes if exchange.path != "/v1/token"] == [400] * 5


async def test_invoice_statuses(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_invoice_statuses) == []


async def test_invoices_rows_and_the_invoice_patch(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_invoices) == []
    patches = [exchange for exchange in recorded.log if exchange.method == "PATCH"]
    assert [exchange.status for exchange in patches] == [200, 200]


async def test_rejected_invoice_writes_answer_with_exception_models(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_rejected_invoice_writes, requests=False) == []
    refused = [exchange.status for exchange in recorded.log if exchange.path != "/v1/token"]
    assert refused[1:] == [400] * 6  # the first is the look-up of an invoice


async def test_project_fees(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_project_fees) == []


async def test_429_5xx_401_and_404_answer_with_exception_models(recorded: Recorded, emulator: Emulator) -> None:
    assert await checked(recorded, emulator, drive_errors) == []


ALL_DRIVERS: tuple[Driver, ...] = (
    drive_authentication,
    drive_customer_lists,
    drive_customer_writes,
    drive_rejected_customer_writes,
    drive_addresses,
    drive_contacts_and_communications,
    drive_settings,
    drive_products,
    drive_work_and_travel_types,
    drive_projects,
    drive_vat_rates_and_organization,
    drive_price_lists,
    drive_work_hour_prices,
    drive_rejected_catalog_writes,
    drive_invoice_statuses,
    drive_invoices,
    drive_rejected_invoice_writes,
    drive_project_fees,
    drive_errors,
)


async def test_every_emulator_route_is_driven(recorded: Recorded, emulator: Emulator) -> None:
    """A route added to the emulator needs a driver here, or its answers go unchecked."""
    for driver in ALL_DRIVERS:
        await driver(recorded.client, emulator)
    assert emulator_routes(emulator.app) - exercised_routes(emulator.app, recorded.log) == set()

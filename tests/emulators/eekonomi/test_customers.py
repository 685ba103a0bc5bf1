from __future__ import annotations

from decimal import Decimal

import httpx

from brygga_emulators.eekonomi import Emulator
from brygga_emulators.eekonomi.demo_data import terms_of_payment_id

from .support import JSON_HEADERS, FakeClock, customer_body, decode, json_content


async def test_create_then_get_returns_the_complete_customer(api: httpx.AsyncClient, clock: FakeClock) -> None:
    created = await api.post(
        "/v2/customers",
        json=customer_body(CustomerNumber="2001", Id="00000000-0000-0000-0000-000000000001", ChangedUtc="1999"),
    )

    assert created.status_code == 201
    body = created.json()
    assert body["Id"] != "00000000-0000-0000-0000-000000000001"  # read-only fields are the server's
    assert body["CustomerNumber"] == "2001"
    assert body["ChangedUtc"] == "2025-03-01T12:00:00Z"
    assert body["CurrencyCode"] == "SEK"  # defaults to the company currency
    assert body["TermsOfPayment"]["NumberOfDays"] == 30
    assert body["EmailAddress"] is None
    assert body["ForceBookkeepVat"] is False
    fetched = await api.get(f"/v2/customers/{body['Id']}")
    assert fetched.status_code == 200
    assert fetched.json() == body


async def test_customer_number_is_generated_from_next_customer_number(api: httpx.AsyncClient) -> None:
    first = (await api.post("/v2/customers", json=customer_body())).json()
    second = (await api.post("/v2/customers", json=customer_body(CustomerNumber=""))).json()
    settings = (await api.get("/v2/companysettings")).json()

    assert (first["CustomerNumber"], second["CustomerNumber"]) == ("9100", "9101")
    assert settings["NextCustomerNumber"] == 9102


async def test_put_is_a_full_replace_and_bumps_changed_utc(api: httpx.AsyncClient, clock: FakeClock) -> None:
    created = (
        await api.post("/v2/customers", json=customer_body(EmailAddress="a@b.se", Telephone="08-1", Iban="SE12"))
    ).json()
    clock.advance(minutes=10)

    replaced = await api.put(
        f"/v2/customers/{created['Id']}",
        json=customer_body(Name="Nytt Namn AB", CustomerNumber=created["CustomerNumber"], EmailAddress="c@d.se"),
    )

    assert replaced.status_code == 200
    body = replaced.json()
    assert body["Id"] == created["Id"]
    assert body["Name"] == "Nytt Namn AB"
    assert body["EmailAddress"] == "c@d.se"
    assert body["Telephone"] is None  # omitted writable fields are cleared
    assert body["Iban"] == "SE12"  # except the ones the spec keeps on PUT
    assert body["ChangedUtc"] == "2025-03-01T12:10:00Z"
    assert (await api.get(f"/v2/customers/{created['Id']}")).json() == body


async def test_put_validates_like_post(api: httpx.AsyncClient, emulator: Emulator) -> None:
    customer_id = emulator.store.customers.all()[0]["Id"]
    response = await api.put(f"/v2/customers/{customer_id}", json=customer_body(Name=""))

    assert response.status_code == 400
    assert response.json()["DeveloperErrorMessage"] == ("ValidateModelAttributeException - The Name field is required.")


async def test_put_cannot_take_another_customers_number(api: httpx.AsyncClient, emulator: Emulator) -> None:
    mine = (await api.post("/v2/customers", json=customer_body(CustomerNumber="3001"))).json()
    response = await api.put(f"/v2/customers/{mine['Id']}", json=customer_body(CustomerNumber="1005"))

    assert response.status_code == 400
    assert response.json()["ErrorCode"] == 4000


async def test_unknown_or_malformed_id_is_404(api: httpx.AsyncClient) -> None:
    for path in ("/v2/customers/3f2504e0-4f89-11d3-9a0c-0305e82c3301", "/v2/customers/not-a-guid"):
        response = await api.get(path)
        assert response.status_code == 404
        assert response.json()["ErrorCode"] == 3000
    put = await api.put("/v2/customers/3f2504e0-4f89-11d3-9a0c-0305e82c3301", json=customer_body())
    assert put.status_code == 404


async def test_delete_removes_the_customer(api: httpx.AsyncClient) -> None:
    created = (await api.post("/v2/customers", json=customer_body())).json()

    deleted = await api.delete(f"/v2/customers/{created['Id']}")
    again = await api.delete(f"/v2/customers/{created['Id']}")

    assert deleted.status_code == 200
    assert (await api.get(f"/v2/customers/{created['Id']}")).status_code == 404
    assert again.status_code == 404


async def test_list_returns_customers_in_creation_order(api: httpx.AsyncClient) -> None:
    await api.post("/v2/customers", json=customer_body(CustomerNumber="5000"))
    page = (await api.get("/v2/customers")).json()

    numbers = [customer["CustomerNumber"] for customer in page["Data"]]
    assert numbers == ["1005", "1003", "9001", "9002", "9003", "9004", "9005", "5000"]
    assert page["Meta"]["TotalNumberOfResults"] == 8


async def test_amounts_round_trip_as_exact_decimals(api: httpx.AsyncClient) -> None:
    created = await api.post(
        "/v2/customers",
        content=json_content(customer_body(DiscountPercentage=Decimal("0.1235"))),
        headers=JSON_HEADERS,
    )

    assert created.status_code == 201, created.text
    assert decode(created)["DiscountPercentage"] == Decimal("0.1235")
    assert b'"DiscountPercentage": 0.1235' in created.content


async def test_terms_of_payment_must_exist(api: httpx.AsyncClient) -> None:
    response = await api.post(
        "/v2/customers", json=customer_body(TermsOfPaymentId="3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    )

    assert response.status_code == 400
    body = response.json()
    assert body["ErrorCode"] == 3000
    assert body["DeveloperErrorMessage"].startswith("ResourceNotFoundException")


async def test_cash_terms_are_accepted(api: httpx.AsyncClient) -> None:
    response = await api.post("/v2/customers", json=customer_body(TermsOfPaymentId=terms_of_payment_id(0, cash=True)))

    assert response.status_code == 201
    assert response.json()["TermsOfPayment"]["TermsOfPaymentTypeId"] == 2

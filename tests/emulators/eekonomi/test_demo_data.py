from __future__ import annotations

import httpx
import pytest

from brygga_emulators.eekonomi import build_emulator
from brygga_emulators.eekonomi.demo_data import DataSet, parse_data_set, terms_of_payment_id

from .support import asgi_client, bearer, obtain_tokens


async def test_demo_company_settings(api: httpx.AsyncClient) -> None:
    settings = (await api.get("/v2/companysettings")).json()

    assert settings["Name"] == "Demo Konsult AB (sandbox)"
    assert settings["CorporateIdentityNumber"] == "556123-4567"
    assert (settings["CountryCode"], settings["CurrencyCode"]) == ("SE", "SEK")
    assert settings["DomesticCurrencyRounding"] == 1
    assert settings["NextCustomerNumber"] == 9100
    assert settings["NextCustomerInvoiceNumber"] == 1


async def test_demo_customers(api: httpx.AsyncClient) -> None:
    customers = {c["CustomerNumber"]: c for c in (await api.get("/v2/customers")).json()["Data"]}

    assert {number: c["Name"] for number, c in customers.items()} == {
        "1005": "Lindgren & Partners AB",
        "1003": "Nordvik Bygg AB",
        "9001": "Fjällgården Hotell AB",
        "9002": "Mats Ekström Konsult",
        "9003": "Solberga Gård AB",
        "9004": "Atlantic Trading Ltd",
        "9005": "Vilande Kund AB",
    }
    assert customers["9001"]["ContactPersonName"] == "Karin Lind Berg"
    assert customers["9002"]["ContactPersonName"] == "Mats"
    assert (customers["9004"]["CurrencyCode"], customers["9004"]["InvoiceCountryCode"]) == ("USD", "GB")
    assert [n for n, c in customers.items() if not c["IsActive"]] == ["9005"]
    for customer in customers.values():
        assert customer["TermsOfPaymentId"] == terms_of_payment_id(30)
        assert customer["IsPrivatePerson"] is False
        assert all(customer[f] for f in ("InvoiceAddress1", "InvoicePostalCode", "InvoiceCity", "InvoiceCountryCode"))


def test_demo_ids_are_the_same_on_every_build() -> None:
    first = [c["Id"] for c in build_emulator("demo").store.customers.all()]
    second = [c["Id"] for c in build_emulator("demo").store.customers.all()]

    assert first == second


async def test_terms_of_payment_are_the_fixed_list(api: httpx.AsyncClient) -> None:
    terms = (await api.get("/v2/termsofpayments")).json()["Data"]

    net = [t for t in terms if t["TermsOfPaymentTypeId"] == 0]
    assert [t["NumberOfDays"] for t in net] == [0, 7, 10, 14, 15, 20, 30, 45, 60, 90, 120]
    thirty = next(t for t in net if t["NumberOfDays"] == 30)
    assert (thirty["Name"], thirty["NameEnglish"]) == ("30 dagar netto", "30 days net")
    assert thirty["AvailableForSales"] and thirty["AvailableForPurchase"]
    cash = [t for t in terms if t["TermsOfPaymentTypeId"] == 2]
    assert [(t["Name"], t["NumberOfDays"]) for t in cash] == [("Kontant", 0)]
    assert 25 not in [t["NumberOfDays"] for t in terms]


async def test_currencies_and_countries(api: httpx.AsyncClient) -> None:
    currencies = [c["Code"] for c in (await api.get("/v2/currencies")).json()["Data"]]
    countries = {c["Code"]: c for c in (await api.get("/v2/countries", params={"$pagesize": 100})).json()["Data"]}

    assert currencies == ["SEK", "EUR", "USD", "NOK", "DKK", "GBP"]
    assert {"SE", "NO", "DK", "FI", "DE", "GB", "US", "NL", "FR", "ES", "PL", "EE"} <= set(countries)
    assert countries["SE"]["Name"] == "Sverige"
    assert countries["DE"]["IsEuMember"] is True
    assert countries["NO"]["IsEuMember"] is False
    assert (await api.get("/v2/countries/XX")).status_code == 404


@pytest.mark.parametrize("data", ["empty", "bulk:500"])
async def test_empty_and_bulk_have_reference_data_but_no_customers(data: str) -> None:
    emulator = build_emulator(data)
    async with asgi_client(emulator.app) as client:
        client.headers.update(bearer(await obtain_tokens(client)))
        customers = (await client.get("/v2/customers")).json()
        terms = (await client.get("/v2/termsofpayments")).json()
        settings = (await client.get("/v2/companysettings")).json()

    assert customers["Data"] == []
    assert customers["Meta"]["TotalNumberOfPages"] == 0
    assert terms["Meta"]["TotalNumberOfResults"] == 12
    assert settings["NextCustomerNumber"] == 9100


def test_data_set_names() -> None:
    assert parse_data_set("bulk:25") == DataSet("bulk", 25)
    for bad in ("bulk", "bulk:x", "demo:3", "full"):
        with pytest.raises(ValueError, match="unknown data set"):
            parse_data_set(bad)

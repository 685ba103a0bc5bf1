from __future__ import annotations

import uuid
from decimal import Decimal

import httpx
import pytest

from brygga_emulators.eekonomi import build_emulator
from brygga_emulators.eekonomi.demo_data import DataSet, parse_data_set, terms_of_payment_id

from .support import ACCOUNTING_SCOPE, asgi_client, bearer, decode, obtain_tokens


async def test_demo_company_settings(api: httpx.AsyncClient) -> None:
    settings = (await api.get("/v2/companysettings")).json()

    assert settings["Name"] == "Demo Konsult AB (sandbox)"
    assert settings["CorporateIdentityNumber"] == "556123-4567"
    assert (settings["CountryCode"], settings["CurrencyCode"]) == ("SE", "SEK")
    assert settings["DomesticCurrencyRounding"] == 1
    assert settings["NextCustomerNumber"] == 9100
    assert settings["NextCustomerInvoiceNumber"] == 10001  # booked drafts get 10001, 10002, ...


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
        articles = (await client.get("/v2/articles")).json()
        terms = (await client.get("/v2/termsofpayments")).json()
        settings = (await client.get("/v2/companysettings")).json()
        codings = (await client.get("/v2/articleaccountcodings")).json()
        units = (await client.get("/v2/units")).json()
        centers = (await client.get("/v2/costcenters")).json()

    assert customers["Data"] == []
    assert customers["Meta"]["TotalNumberOfPages"] == 0
    assert articles["Data"] == []
    assert terms["Meta"]["TotalNumberOfResults"] == 12
    assert settings["NextCustomerNumber"] == 9100
    assert codings["Meta"]["TotalNumberOfResults"] == 8
    assert units["Meta"]["TotalNumberOfResults"] == 10
    assert [(c["Number"], c["Name"], c["Items"]) for c in centers["Data"]] == [
        (1, "Avdelning", []),
        (2, "Projekt", []),
        (3, "Kostnadsbärare", []),
    ]
    assert len(emulator.store.vat_codes) == 4


def test_data_set_names() -> None:
    assert parse_data_set("bulk:25") == DataSet("bulk", 25)
    for bad in ("bulk", "bulk:x", "demo:3", "full"):
        with pytest.raises(ValueError, match="unknown data set"):
            parse_data_set(bad)


async def test_demo_articles(api: httpx.AsyncClient) -> None:
    articles = decode(await api.get("/v2/articles"))["Data"]
    rows = [
        (a["Number"], a["Name"], a["CodingName"], a["UnitAbbreviation"], a["NetPrice"], a["GrossPrice"], a["IsActive"])
        for a in articles
    ]

    assert rows == [
        ("P-100", "Licens Projektverktyg", "Tjänster 25% moms", "st", 1200, 1500, True),
        ("P-130", "Serviceavtal månad", "Tjänster 25% moms", "mån", 2500, 3125, True),
        ("A-900", "Hosting månadsavgift", "Tjänster 25% moms", "mån", 990, Decimal("1237.50"), True),
        ("A-901", "Support per ärende", "Tjänster 25% moms", "st", 650, Decimal("812.50"), True),
        ("A-902", "Kaffe och fika", "Varor 12% moms", "st", 45, Decimal("50.40"), True),
        ("A-903", "Utgången artikel", "Varor 25% moms", "st", 10, Decimal("12.50"), False),
        ("DIV", "Diverse tjänster", "Tjänster 25% moms", "st", 0, 0, True),
    ]
    assert [a["IsServiceArticle"] for a in articles] == [True, True, True, True, False, False, True]
    assert len({a["ChangedUtc"] for a in articles}) == 7


async def test_demo_cost_center_items_set_up_the_project_cases(api: httpx.AsyncClient) -> None:
    centers = {c["Number"]: c for c in (await api.get("/v2/costcenters")).json()["Data"]}

    assert [(i["ShortName"], i["Name"]) for i in centers[1]["Items"]] == [("STH", "Stockholm"), ("GBG", "Göteborg")]
    projects = {i["ShortName"]: i["Name"] for i in centers[2]["Items"]}
    assert projects == {"2003": "Nordvik Kontorsbygge", "2004": "Älvsjö Mässhall", "HAMN": "Hamnprojektet"}
    assert all(i["IsActive"] and i["CostCenterId"] == centers[2]["Id"] for i in centers[2]["Items"])
    assert centers[2]["Name"] == "Projekt"
    assert len(centers) <= 3


async def test_account_codings(api: httpx.AsyncClient) -> None:
    codings = {c["Name"]: c for c in decode(await api.get("/v2/articleaccountcodings"))["Data"]}

    assert list(codings) == [
        "Tjänster 25% moms",
        "Tjänster 12% moms",
        "Tjänster 6% moms",
        "Tjänster momsfri",
        "Varor 25% moms",
        "Varor 12% moms",
        "Varor 6% moms",
        "Varor momsfri",
    ]
    summary = {
        name: (c["Type"], c["VatRate"], c["VatRatePercent"], c["DomesticSalesSubjectToVatAccountNumber"])
        for name, c in codings.items()
    }
    assert summary["Tjänster 25% moms"] == ("Service", "MP1", Decimal("0.25"), 3041)
    assert summary["Tjänster momsfri"] == ("Service", "MF", Decimal("0"), 3044)
    assert summary["Varor 12% moms"] == ("Goods", "MP2", Decimal("0.12"), 3002)
    assert summary["Varor 6% moms"] == ("Goods", "MP3", Decimal("0.06"), 3003)
    assert codings["Tjänster 25% moms"]["NameEnglish"] == "Services 25% VAT"
    assert all(c["IsActive"] for c in codings.values())


async def test_units(api: httpx.AsyncClient) -> None:
    units = (await api.get("/v2/units")).json()["Data"]

    assert [(u["Name"], u["Abbreviation"]) for u in units] == [
        ("Timmar", "tim"),
        ("Kilometer", "km"),
        ("Styck", "st"),
        ("Kilogram", "kg"),
        ("Dag", "dag"),
        ("Månad", "mån"),
        ("Paket", "pkt"),
        ("Liter", "l"),
        ("Meter", "m"),
        ("Natt", "natt"),
    ]
    hours = units[0]
    assert (hours["Code"], hours["AbbreviationEnglish"]) == ("h", "h")
    assert units[2]["AbbreviationEnglish"] == "pcs"
    assert "påse" not in {u["Abbreviation"] for u in units}  # PM's P-180 unit: eEk lacks it on purpose


async def test_vat_codes_need_the_accounting_scope(client: httpx.AsyncClient) -> None:
    client.headers.update(bearer(await obtain_tokens(client)))
    refused = await client.get("/v2/vatcodes")
    client.headers.update(bearer(await obtain_tokens(client, scope=ACCOUNTING_SCOPE)))
    codes = decode(await client.get("/v2/vatcodes"))["Data"]

    assert refused.status_code == 403
    assert [(c["Code"], c["VatRate"]) for c in codes] == [
        ("MP1", Decimal("0.25")),
        ("MP2", Decimal("0.12")),
        ("MP3", Decimal("0.06")),
        ("MF", Decimal("0")),
    ]
    assert codes[0]["RelatedAccounts"]["AccountNumber1"] == 2611
    one = await client.get(f"/v2/vatcodes/{codes[3]['Id']}", params={"vatRateDate": "2025-01-01"})
    assert one.json()["Description"] == "Momsfri försäljning"


async def test_single_reads_and_vat_rate_date(api: httpx.AsyncClient) -> None:
    coding_id = (await api.get("/v2/articleaccountcodings")).json()["Data"][0]["Id"]
    unit_id = (await api.get("/v2/units")).json()["Data"][0]["Id"]
    coding = await api.get(f"/v2/articleaccountcodings/{coding_id}", params={"vatRateDate": "2025-03-01"})
    unit = await api.get(f"/v2/units/{unit_id}")
    bad_date = await api.get("/v2/articleaccountcodings", params={"vatRateDate": "yesterday"})

    assert coding.json()["Name"] == "Tjänster 25% moms"
    assert unit.json()["Name"] == "Timmar"
    assert bad_date.status_code == 400
    assert bad_date.json()["ErrorCode"] == 6001
    for path in ("/v2/articleaccountcodings/", "/v2/units/"):
        assert (await api.get(path + str(uuid.uuid4()))).status_code == 404


def test_demo_article_and_item_ids_are_the_same_on_every_build() -> None:
    first, second = build_emulator("demo").store, build_emulator("demo").store

    assert [a["Id"] for a in first.articles.all()] == [a["Id"] for a in second.articles.all()]
    assert [i["Id"] for i in first.cost_center_items.all()] == [i["Id"] for i in second.cost_center_items.all()]

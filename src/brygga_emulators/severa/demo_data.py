"""The Visma PM half of the joint demo: a Swedish consultancy's customers 1001..1045.

1001..1036 are valid (1001, 1002 and 1010 have three addresses and two contacts), 1037..1043 are broken
on purpose, one way each, and 1044/1045 are inactive. The eEkonomi emulator's demo refers to 1003 and
1005 by number and name, so those two must not change.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from .builders import AddressSpec, ContactSpec, CustomerSpec, Ticker, add_customer, org_number
from .store import SeveraStore

__all__ = ["DEMO_CUSTOMERS", "seed_demo"]

# number, name, mail domain, street, postal code, city, country, contact first/last name, payment term
_Row = tuple[int, str, str, str, str, str, str, str, str, int]
_VALID: tuple[_Row, ...] = (
    (1001, "Aurora Konsult AB", "aurorakonsult.se", "Sveavägen 44", "111 34", "Stockholm", "SE", "Anna", "Holm", 30),
    (
        1002,
        "Bergström Arkitekter AB",
        "bergstromark.se",
        "Kungsportsavenyen 21",
        "411 36",
        "Göteborg",
        "SE",
        "Erik",
        "Bergström",
        30,
    ),
    (
        1003,
        "Nordviks Byggtjänst AB",
        "nordviksbygg.se",
        "Storgatan 12",
        "852 30",
        "Sundsvall",
        "SE",
        "Per",
        "Nordvik",
        30,
    ),
    (
        1004,
        "Dalarö Fastigheter AB",
        "dalarofastigheter.se",
        "Hamnvägen 3",
        "137 70",
        "Dalarö",
        "SE",
        "Maria",
        "Sjöholm",
        30,
    ),
    (
        1005,
        "Lindgren & Partners AB",
        "lindgrenpartners.se",
        "Birger Jarlsgatan 18",
        "114 34",
        "Stockholm",
        "SE",
        "Johan",
        "Lindgren",
        30,
    ),
    (
        1006,
        "Suomen Rakennuspalvelu Oy",
        "rakennuspalvelu.fi",
        "Mannerheimintie 12",
        "00100",
        "Helsinki",
        "FI",
        "Mikko",
        "Virtanen",
        30,
    ),
    (
        1007,
        "Hanse Logistik GmbH",
        "hanse-logistik.de",
        "Speicherstadt 5",
        "20457",
        "Hamburg",
        "DE",
        "Jonas",
        "Becker",
        30,
    ),
    (
        1008,
        "Ekholm Redovisning AB",
        "ekholmredovisning.se",
        "Dragarbrunnsgatan 9",
        "753 20",
        "Uppsala",
        "SE",
        "Sara",
        "Ekholm",
        15,
    ),
    (
        1009,
        "Fyrtornet Media AB",
        "fyrtornetmedia.se",
        "Södra Förstadsgatan 8",
        "211 43",
        "Malmö",
        "SE",
        "Oskar",
        "Lund",
        30,
    ),
    (
        1010,
        "Gävle Energiteknik AB",
        "gavleenergi.se",
        "Norra Kungsgatan 4",
        "803 20",
        "Gävle",
        "SE",
        "Lena",
        "Forsberg",
        30,
    ),
    (
        1011,
        "Hallands Trädgårdsdesign AB",
        "hallandstradgard.se",
        "Storgatan 30",
        "302 43",
        "Halmstad",
        "SE",
        "Ingrid",
        "Nyberg",
        10,
    ),
    (1012, "Fjordtech AS", "fjordtech.no", "Karl Johans gate 22", "0159", "Oslo", "NO", "Lars", "Hansen", 30),
    (
        1013,
        "Isaksson Elinstallation AB",
        "isakssonel.se",
        "Stora Gatan 40",
        "722 12",
        "Västerås",
        "SE",
        "Mats",
        "Isaksson",
        30,
    ),
    (
        1014,
        "Jämtlands Skogskonsult AB",
        "jamtskog.se",
        "Prästgatan 15",
        "831 31",
        "Östersund",
        "SE",
        "Karin",
        "Olofsson",
        60,
    ),
    (
        1015,
        "Københavns Designstudio ApS",
        "kbhdesign.dk",
        "Strøget 10",
        "1160",
        "København",
        "DK",
        "Mette",
        "Jensen",
        30,
    ),
    (
        1016,
        "Kvarnholmens Tandvård AB",
        "kvarnholmentand.se",
        "Kvarnholmsplatsen 2",
        "131 30",
        "Nacka",
        "SE",
        "Sofia",
        "Wikström",
        30,
    ),
    (
        1017,
        "Lunds Bioanalys AB",
        "lundsbioanalys.se",
        "Scheelevägen 17",
        "223 70",
        "Lund",
        "SE",
        "Henrik",
        "Ahlström",
        30,
    ),
    (
        1018,
        "Mälardalens VVS AB",
        "malardalensvvs.se",
        "Kungsgatan 25",
        "632 20",
        "Eskilstuna",
        "SE",
        "Peter",
        "Gustafsson",
        20,
    ),
    (1019, "Norrsken Event AB", "norrskenevent.se", "Storgatan 45", "972 32", "Luleå", "SE", "Emma", "Lindqvist", 30),
    (
        1020,
        "Orrefors Glasdesign AB",
        "orreforsglas.se",
        "Kantavägen 9",
        "380 40",
        "Orrefors",
        "SE",
        "Nils",
        "Hultman",
        30,
    ),
    (1021, "Piteå Marinservice AB", "piteamarin.se", "Hamngatan 7", "941 31", "Piteå", "SE", "Anders", "Öberg", 30),
    (
        1022,
        "Rosendals Bageri AB",
        "rosendalsbageri.se",
        "Rosendalsterrassen 12",
        "115 21",
        "Stockholm",
        "SE",
        "Elin",
        "Rosén",
        15,
    ),
    (
        1023,
        "Sjöberg Juridik AB",
        "sjobergjuridik.se",
        "Strandvägen 7",
        "114 56",
        "Stockholm",
        "SE",
        "Fredrik",
        "Sjöberg",
        30,
    ),
    (
        1024,
        "Tornedalens Turism AB",
        "tornedalen.se",
        "Storgatan 60",
        "953 31",
        "Haparanda",
        "SE",
        "Aino",
        "Keskitalo",
        30,
    ),
    (
        1025,
        "Umeå Mjukvaruhus AB",
        "umeamjukvara.se",
        "Rådhusesplanaden 14",
        "903 28",
        "Umeå",
        "SE",
        "David",
        "Nilsson",
        30,
    ),
    (1026, "Vänerns Båtvarv AB", "vanernsbatvarv.se", "Hamnvägen 22", "652 21", "Karlstad", "SE", "Gustav", "Ek", 60),
    (
        1027,
        "Wallin & Ström Revision AB",
        "wallinstrom.se",
        "Drottninggatan 19",
        "702 10",
        "Örebro",
        "SE",
        "Helena",
        "Wallin",
        30,
    ),
    (
        1028,
        "Ystads Keramik AB",
        "ystadskeramik.se",
        "Stora Östergatan 11",
        "271 34",
        "Ystad",
        "SE",
        "Linnea",
        "Persson",
        10,
    ),
    (
        1029,
        "Åkesson Transport AB",
        "akessontransport.se",
        "Industrigatan 5",
        "553 02",
        "Jönköping",
        "SE",
        "Robert",
        "Åkesson",
        30,
    ),
    (
        1030,
        "Älvdalens Stugby AB",
        "alvdalenstugby.se",
        "Dalgatan 101",
        "796 30",
        "Älvdalen",
        "SE",
        "Birgitta",
        "Mattsson",
        20,
    ),
    (
        1031,
        "Öresunds Fastighetsförvaltning AB",
        "oresundsfast.se",
        "Stortorget 8",
        "252 23",
        "Helsingborg",
        "SE",
        "Magnus",
        "Carlsson",
        30,
    ),
    (
        1032,
        "Björkvik Lantbruk AB",
        "bjorkviklantbruk.se",
        "Björkviks gård 1",
        "641 93",
        "Katrineholm",
        "SE",
        "Tove",
        "Björk",
        30,
    ),
    (
        1033,
        "Gotlands Solenergi AB",
        "gotlandssol.se",
        "Adelsgatan 30",
        "621 57",
        "Visby",
        "SE",
        "Jonatan",
        "Larsson",
        30,
    ),
    (
        1034,
        "Kalmar Sjöfartskonsult AB",
        "kalmarsjofart.se",
        "Larmgatan 3",
        "392 32",
        "Kalmar",
        "SE",
        "Camilla",
        "Strand",
        30,
    ),
    (
        1035,
        "Linköpings Ingenjörsbyrå AB",
        "linkopingsing.se",
        "Ågatan 40",
        "582 22",
        "Linköping",
        "SE",
        "Viktor",
        "Engström",
        30,
    ),
    (
        1036,
        "Sundbybergs Städservice AB",
        "sundbybergstad.se",
        "Landsvägen 50",
        "172 63",
        "Sundbyberg",
        "SE",
        "Amira",
        "Haddad",
        30,
    ),
)

_EUR_CUSTOMERS = frozenset({1006, 1007})
_MULTI_ADDRESS = frozenset({1001, 1002, 1010})
_FOREIGN_VAT = {"FI": "FI{:08d}", "DE": "DE{:09d}", "NO": "NO{:09d}MVA", "DK": "DK{:08d}"}
_FOREIGN_PHONE = {
    "FI": "+358 9 {:03d} {:04d}",
    "DE": "+49 40 {:03d} {:04d}",
    "NO": "+47 22 {:03d} {:03d}",
    "DK": "+45 33 {:03d} {:03d}",
}


def _phone(country: str, number: int, line: int) -> str:
    pattern = _FOREIGN_PHONE.get(country, "+46 8 {:03d} {:02d} 00")
    return pattern.format(number % 1000, line)


def _vat(country: str, number: int) -> str:
    if country in _FOREIGN_VAT:
        return _FOREIGN_VAT[country].format(number * 7919 % 10**8)
    return f"SE{org_number(number)}01"


def _ascii(text: str) -> str:
    table = str.maketrans("åäöÅÄÖæøÆØ", "aaoAAOaoAO")
    return text.translate(table).lower()


def _regular(row: _Row) -> CustomerSpec:
    number, name, domain, street, postal, city, country, first, last, term = row
    mail = f"{_ascii(first)}.{_ascii(last)}@{domain}"
    contact = ContactSpec(
        first, last, mail, _phone(country, number, 10), f"+46 70 {number % 1000:03d} 11 22", "Ekonomiansvarig"
    )
    billing = AddressSpec(street, postal, city, country, _phone(country, number, 0))
    spec = CustomerSpec(
        number,
        name,
        _vat(country, number),
        f"info@{domain}",
        f"https://www.{domain}",
        (billing,),
        (contact,),
        payment_term=term,
        currency="EUR" if number in _EUR_CUSTOMERS else "SEK",
        notes=f"Kund sedan {2010 + number % 14}.",
    )
    return _with_more_addresses(spec) if number in _MULTI_ADDRESS else spec


def _with_more_addresses(spec: CustomerSpec) -> CustomerSpec:
    """Visiting address created first, then billing, then head office; a second contact at the visit."""
    billing = spec.addresses[0]
    visit = AddressSpec(
        f"Besöksentré, {billing.addressline}",
        billing.postal_code,
        billing.city,
        billing.country,
        billing.phone,
        billing=False,
        visit=True,
        postal=False,
    )
    head_office = AddressSpec(
        "Box 1200", billing.postal_code, billing.city, billing.country, billing.phone, billing=False, postal=True
    )
    billing = AddressSpec(
        f"Fakturaavdelningen, {billing.addressline}",
        billing.postal_code,
        billing.city,
        billing.country,
        billing.phone,
        billing=True,
        postal=False,
    )
    second = ContactSpec(
        "Jonna",
        "Ek",
        f"jonna.ek@{(spec.email or '@').split('@')[1]}",
        _phone(billing.country, spec.number, 20),
        None,
        "Projektledare",
        address_index=0,
    )
    primary = ContactSpec(*_contact_fields(spec.contacts[0]), address_index=1)
    return CustomerSpec(
        spec.number,
        spec.name,
        spec.vat_number,
        spec.email,
        spec.website,
        (visit, billing, head_office),
        (primary, second),
        spec.payment_term,
        spec.currency,
        spec.notes,
        headquarter_index=2,
    )


def _contact_fields(contact: ContactSpec) -> tuple[str, str, str | None, str | None, str | None, str | None]:
    return (contact.first_name, contact.last_name, contact.email, contact.phone, contact.mobile, contact.job_title)


def _broken() -> tuple[CustomerSpec, ...]:
    def simple(
        number: int, name: str, domain: str, street: str | None, postal: str, city: str | None, **changes: Any
    ) -> CustomerSpec:
        contact = ContactSpec(
            "Eva", "Sund", f"eva.sund@{domain}", _phone("SE", number, 10), f"+46 70 {number % 1000:03d} 33 44"
        )
        address = AddressSpec(street, postal, city, "SE", _phone("SE", number, 0))
        base = CustomerSpec(
            number, name, _vat("SE", number), f"info@{domain}", f"https://www.{domain}", (address,), (contact,)
        )
        return replace(base, **changes)

    return (
        simple(1037, "Hudiksvalls Måleri AB", "hudikmaleri.se", "Västra Tullgatan 4", "824 30", None),
        simple(
            1038,
            "Borås Textilhandel AB",
            "borastextil.se",
            "Textilgatan 12, Hus C, plan 3, leveransingång från baksidan",
            "503 30",
            "Borås",
        ),
        simple(
            1039,
            "Trollhättans Verkstad AB",
            "thnverkstad.se",
            "Verkstadsgatan 2",
            "461 38",
            "Trollhättan",
            payment_term=25,
        ),
        simple(
            1040,
            "Svinesund Handel AB",
            "svinesundhandel.se",
            "Svinesundsvägen 1",
            "452 93",
            "Strömstad",
            currency="NOK",
        ),
        simple(
            1041,
            "Kungsholmens Tekniska Installationer och Fastighetsservice Aktiebolag",
            "kungsholmenstek.se",
            "Hantverkargatan 33",
            "112 21",
            "Stockholm",
        ),
        simple(
            1042,
            "Skärgårdens Catering AB",
            "skargardscatering.se",
            None,
            "",
            None,
            addresses=(),
            headquarter_index=None,
            contacts=(
                ContactSpec(
                    "Ulla", "Berg", "ulla.berg@skargardscatering.se", "+46 8 042 10 00", None, address_index=None
                ),
            ),
        ),
        simple(
            1043,
            "Kalles Cykelverkstad AB",
            "kallescykel.se",
            "Cykelvägen 8",
            "745 31",
            "Enköping",
            contacts=(ContactSpec("?", "Kalle", "kalle@kallescykel.se", "+46 171 430 10", "+46 70 043 55 66"),),
        ),
        simple(
            1044, "Gamla Tryckeriet AB", "gamlatryckeriet.se", "Tryckerigatan 3", "611 35", "Nyköping", active=False
        ),
        simple(1045, "Avvecklade Bygg i Motala AB", "avvbygg.se", "Bangatan 9", "591 30", "Motala", active=False),
    )


DEMO_CUSTOMERS: tuple[CustomerSpec, ...] = tuple(_regular(row) for row in _VALID) + _broken()


def seed_demo(store: SeveraStore) -> None:
    tick = Ticker(datetime(2024, 3, 4, 8, 0, tzinfo=UTC))
    for spec in DEMO_CUSTOMERS:
        add_customer(store, spec, tick)

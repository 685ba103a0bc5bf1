"""The Visma PM half of the joint demo's projects: 2001..2060 for the demo customers 1001..1036.

45 are open and 15 closed (2010, 2020, 2030, 2040 and 2050..2060). The eEkonomi emulator's demo has
cost center items that meet 2003 (same number and name: adopted), 2004 (same number, another name)
and 2005 (same name, another short name). 2006 has a name over eEkonomi's 50 characters.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from .builders import Ticker
from .project_builders import ProjectSpec, add_project
from .store import SeveraStore

__all__ = ["DEMO_PROJECTS", "seed_demo_projects"]

_FIRST_START = date(2024, 4, 8)
_DAYS_BETWEEN_STARTS = 5
_DAYS_UNTIL_CLOSED = 90
_CLOSED = frozenset({2010, 2020, 2030, 2040, *range(2050, 2061)})

# number, customer number, name
_ROWS: tuple[tuple[int, int, str], ...] = (
    (2001, 1001, "Aurora intranät"),
    (2002, 1002, "Villa Kråkvik ritningar"),
    (2003, 1003, "Nordvik Kontorsbygge"),
    (2004, 1004, "Älvsjö Mässhall etapp 2"),
    (2005, 1005, "Hamnprojektet"),
    (2006, 1031, "Kvarteret Lindens ombyggnad och energieffektivisering Solna"),
    (2007, 1006, "Helsingforskontorets IT-stöd"),
    (2008, 1007, "Lagersystem Hamburg"),
    (2009, 1008, "Bokslutsrutiner 2024"),
    (2010, 1009, "Varumärkesfilm våren 2024"),
    (2011, 1010, "Fjärrvärmeoptimering Gävle"),
    (2012, 1011, "Trädgårdsportal"),
    (2013, 1012, "Fjordtech CRM-integration"),
    (2014, 1013, "Elcentraler dokumentation"),
    (2015, 1014, "Skogsbruksplaner digitalt"),
    (2016, 1015, "Designsystem webb"),
    (2017, 1016, "Byte av journalsystem"),
    (2018, 1017, "Labbdatabas LIMS"),
    (2019, 1018, "Ruttplanering servicebilar"),
    (2020, 1019, "Norrskensfestivalen 2024"),
    (2021, 1020, "Webbutik glaskonst"),
    (2022, 1021, "Båtplatsbokning"),
    (2023, 1022, "Kassasystem bageri"),
    (2024, 1023, "Ärendehantering juridik"),
    (2025, 1024, "Bokningssida Tornedalen"),
    (2026, 1025, "Apputveckling etapp 1"),
    (2027, 1026, "Varvsplanering"),
    (2028, 1027, "Revisionsverktyg"),
    (2029, 1028, "Keramikshop e-handel"),
    (2030, 1029, "Transportledningssystem"),
    (2031, 1030, "Stugbokning sommar"),
    (2032, 1031, "Fastighetsportal för hyresgäster"),
    (2033, 1032, "Gårdsbutik webb"),
    (2034, 1033, "Solcellskalkylator"),
    (2035, 1034, "Fartygsdokumentation"),
    (2036, 1035, "Konstruktionsarkiv"),
    (2037, 1036, "Schemaläggning städ"),
    (2038, 1001, "Aurora säkerhetsgranskning"),
    (2039, 1002, "Kontorsflytt Göteborg"),
    (2040, 1003, "Nordvik förstudie"),
    (2041, 1005, "Lindgren & Partners ekonomisystem"),
    (2042, 1008, "Lönehantering införande"),
    (2043, 1010, "Energikartläggning 2025"),
    (2044, 1013, "Laddstolpar Västerås"),
    (2045, 1017, "Provhantering etapp 2"),
    (2046, 1022, "Beställningsapp"),
    (2047, 1025, "Apputveckling etapp 2"),
    (2048, 1031, "Helsingborg Kajen 4"),
    (2049, 1033, "Visby solpark"),
    (2050, 1001, "Aurora webbplats"),
    (2051, 1002, "Bergström BIM-pilot"),
    (2052, 1004, "Dalarö brygga förstudie"),
    (2053, 1009, "Fyrtornet podcast"),
    (2054, 1011, "Hallands mässmonter"),
    (2055, 1014, "Jämtland GIS-analys"),
    (2056, 1016, "Tandvård bokningssystem"),
    (2057, 1019, "Vinterfestival Luleå"),
    (2058, 1024, "Turistkarta Haparanda"),
    (2059, 1028, "Ystad butiksflytt"),
    (2060, 1035, "Utbildning i konstruktionsverktyg"),
)


def _spec(index: int, number: int, customer: int, name: str) -> ProjectSpec:
    start = _FIRST_START + timedelta(days=index * _DAYS_BETWEEN_STARTS)
    closed = start + timedelta(days=_DAYS_UNTIL_CLOSED) if number in _CLOSED else None
    return ProjectSpec(number, name, customer, start, closed)


DEMO_PROJECTS: tuple[ProjectSpec, ...] = tuple(_spec(index, *row) for index, row in enumerate(_ROWS))


def seed_demo_projects(store: SeveraStore) -> None:
    """Needs the demo customers in the store."""
    tick = Ticker(datetime(2024, 4, 2, 8, 0, tzinfo=UTC))
    for project in DEMO_PROJECTS:
        add_project(store, project, tick)

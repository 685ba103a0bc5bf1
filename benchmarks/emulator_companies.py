"""How many companies one pair of emulators serves: N eEkonomi companies and N PM organisations in one process each.

    .venv/bin/python benchmarks/emulator_companies.py [--companies 200] [--data bulk:10] [--json]

Builds both emulators with ``--companies N`` (seeding every company), serves them on loopback ports, and for
every company: connects (eEkonomi: ``/connect/authorize?company=<n>`` and the token exchange; PM: ``/v1/token``
with ``brygga-demo-client-n``) and makes one GET (eEkonomi ``/v2/companysettings``, PM ``/v1/customers``), checking
that each answer is that company's own. It prints figures and never asserts a time; the exit code is 1 only
when an answer came from the wrong company or failed.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

if __package__ in (None, ""):  # run as a script: the repository root makes ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import simplejson

from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as severa_emulator
from brygga_emulators.eekonomi.company_identity import company_identity
from brygga_emulators.server import EmulatorServer

REDIRECT_URI = "http://127.0.0.1:9/callback"


@dataclass
class SystemFigures:
    system: str
    companies: int
    build_seconds: float  # creating and seeding every company
    connect_seconds: float  # every company's OAuth / token exchange
    get_seconds: float  # one GET per company
    requests: int
    wrong_or_failed: int

    @property
    def requests_per_second(self) -> float:
        elapsed = self.connect_seconds + self.get_seconds
        return self.requests / elapsed if elapsed else 0.0


def _eekonomi(companies: int, data: str) -> SystemFigures:
    started = time.perf_counter()
    emulator = eek_emulator.build_emulator(data, companies=companies)
    built = time.perf_counter() - started
    wrong = 0
    with EmulatorServer(emulator.app, no_delay=True) as server, httpx.Client(base_url=server.base_url) as client:
        started = time.perf_counter()
        tokens: list[str] = []
        for number in range(1, companies + 1):
            params = {
                "client_id": eek_emulator.DEMO_CLIENT_ID,
                "redirect_uri": REDIRECT_URI,
                "response_type": "code",
                "scope": "ea:api offline_access ea:sales",
                "company": str(number),
            }
            location = client.get("/connect/authorize", params=params).headers.get("location", "")
            code = parse_qs(urlsplit(location).query).get("code", [""])[0]
            form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
            auth = (eek_emulator.DEMO_CLIENT_ID, eek_emulator.DEMO_CLIENT_SECRET)
            answer = client.post("/connect/token", data=form, auth=auth)
            tokens.append(answer.json().get("access_token", "") if answer.status_code == 200 else "")
        connected = time.perf_counter() - started
        started = time.perf_counter()
        for number, token in enumerate(tokens, start=1):
            response = client.get("/v2/companysettings", headers={"Authorization": f"Bearer {token}"})
            ok = response.status_code == 200 and response.json().get("Name") == company_identity(number).name
            wrong += not ok
        got = time.perf_counter() - started
    emulator.close()
    return SystemFigures("eekonomi", companies, built, connected, got, 3 * companies, wrong)


def _severa(companies: int, data: str) -> SystemFigures:
    started = time.perf_counter()
    emulator = severa_emulator.build_emulator(data, companies=companies)
    built = time.perf_counter() - started
    wrong = 0
    with EmulatorServer(emulator.app, no_delay=True) as server, httpx.Client(base_url=server.base_url) as client:
        started = time.perf_counter()
        headers: list[dict[str, str]] = []
        for number in range(1, companies + 1):
            client_id, secret = severa_emulator.demo_client(number)
            answer = client.post("/v1/token", json={"client_id": client_id, "client_secret": secret})
            token = answer.json().get("access_token", "") if answer.status_code == 200 else ""
            headers.append({"Authorization": f"Bearer {token}", "Client_Id": client_id})
        connected = time.perf_counter() - started
        started = time.perf_counter()
        for header in headers:
            response = client.get("/v1/customers", headers=header)
            wrong += response.status_code != 200
        got = time.perf_counter() - started
        # Each organisation's data is its own: a customer created in the last one is absent from the first.
        marker = {"name": "Benchmarkmarkör AB"}
        created = client.post("/v1/customers", json=marker, headers=headers[-1])
        guid = created.json().get("guid", "") if created.status_code == 201 else ""
        wrong += not guid or (companies > 1 and client.get(f"/v1/customers/{guid}", headers=headers[0]).is_success)
    emulator.close()
    return SystemFigures("severa", companies, built, connected, got, 2 * companies + 2, wrong)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run(companies: int, data: str) -> list[SystemFigures]:
    return [_eekonomi(companies, data), _severa(companies, data)]


def _print(figures: list[SystemFigures], data: str) -> None:
    print(f"Emulatorer med många företag (emulators with many companies), data {data}")
    print(f"{'system':<10}{'companies':>10}{'build s':>10}{'connect s':>11}{'GET s':>8}{'req/s':>8}{'wrong':>7}")
    for f in figures:
        print(
            f"{f.system:<10}{f.companies:>10}{f.build_seconds:>10.2f}{f.connect_seconds:>11.2f}"
            f"{f.get_seconds:>8.2f}{f.requests_per_second:>8.0f}{f.wrong_or_failed:>7}"
        )
    print(f"peak RSS of this process: {_peak_rss_mb():.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--companies", type=int, default=200)
    parser.add_argument("--data", default="bulk:10", help="demo, empty or bulk:N for every company")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures = run(args.companies, args.data)
    if args.json:
        rows = [{**asdict(f), "requests_per_second": f.requests_per_second} for f in figures]
        print(simplejson.dumps({"data": args.data, "systems": rows, "peak_rss_mb": _peak_rss_mb()}, indent=2))
    else:
        _print(figures, args.data)
    return 1 if any(f.wrong_or_failed for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())

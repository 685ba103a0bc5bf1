"""Do the emulators scale? Each one in its own process holding N objects per resource, timed from outside.

    .venv/bin/python benchmarks/emulator_scale.py [--size 100000] [--lookups 1000] [--posts 1000]
        [--only severa|eekonomi] [--phase-limit SECONDS] [--json]

Starts ``python -m brygga emulator severa --data bulk:N --port 0`` (N customers with an address, a contact and three
communications each, N products, N//2 projects, N invoices) and ``python -m brygga emulator eekonomi --data
filled:N`` (N customers, N articles), both with the rate limit lifted and no latency, on free loopback ports.
Then, per emulator and resource: every page (1,000 a page where the route allows it, else its maximum), look-ups
by number (``numbers=`` / ``code=`` on PM, ``$filter=… eq '…'`` on eEkonomi) and POSTs of new objects.

For each phase it prints the wall time, the emulator process's own CPU seconds (utime + stime from
``/proc/<pid>/stat``), and for listings the time of the first and the last page; the setup time is from the
process start until the first answer. ``--phase-limit`` stops a phase after that many seconds and marks it
partial (for measuring code that does not scale). It prints figures and never asserts.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import simplejson

REDIRECT_URI = "http://127.0.0.1:9/callback"
EEK_CLIENT = ("brygga-demo-client", "brygga-demo-secret")
SEVERA_CLIENT = ("brygga-demo-client", "brygga-demo-secret")
_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Phase:
    system: str
    resource: str
    kind: str  # "list" | "lookup" | "post"
    requests: int = 0
    objects: int = 0
    wall_seconds: float = 0.0
    emulator_cpu_seconds: float = 0.0
    first_page_seconds: float | None = None
    last_page_seconds: float | None = None
    errors: int = 0
    partial: bool = False


@dataclass
class SystemRun:
    system: str
    size: int
    setup_seconds: float
    setup_cpu_seconds: float
    peak_rss_mb: float = 0.0
    phases: list[Phase] = field(default_factory=list)


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    page_size: int
    lookup: Callable[[int], dict[str, str]]  # the query naming one existing object by its number
    post: Callable[[int, dict[str, Any]], dict[str, Any]] | None  # body of the i-th new object
    paging: str  # "token" | "offset" | "eek"


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Emulator:
    """One emulator process from ``brygga emulator …``, and an authenticated client to it."""

    def __init__(self, system: str, data: str) -> None:
        self.system = system
        command = [sys.executable, "-u", "-m", "brygga", "emulator", system, "--data", data, "--port", "0"]
        command += ["--rate-limit", "0", "--latency-ms", "0"]
        self.started = time.perf_counter()
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.client = httpx.Client(timeout=600)
        self.headers: dict[str, str] = {}

    def wait_ready(self) -> float:
        """Read the address the emulator prints (``--port 0`` picks a free port), then wait for its first answer."""
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        found = re.search(r"http://([\d.]+:\d+)", line)
        if found is None:
            error = self.process.stderr.read() if self.process.stderr else ""
            raise RuntimeError(f"{self.system} emulator did not start: {line}{error[-2000:]}")
        self.client.base_url = httpx.URL(f"http://{found.group(1)}")
        while True:
            try:
                self.authenticate()
                return time.perf_counter() - self.started
            except httpx.TransportError:
                time.sleep(0.05)

    def authenticate(self) -> None:
        if self.system == "severa":
            body = {"client_id": SEVERA_CLIENT[0], "client_secret": SEVERA_CLIENT[1]}
            token = self.client.post("/v1/token", json=body).json()["access_token"]
            self.headers = {"Authorization": f"Bearer {token}", "Client_Id": SEVERA_CLIENT[0]}
            return
        params = {"client_id": EEK_CLIENT[0], "redirect_uri": REDIRECT_URI, "response_type": "code"}
        params["scope"] = "ea:api offline_access ea:sales"
        location = self.client.get("/connect/authorize", params=params).headers.get("location", "")
        code = parse_qs(urlsplit(location).query)["code"][0]
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
        token = self.client.post("/connect/token", data=form, auth=EEK_CLIENT).json()["access_token"]
        self.headers = {"Authorization": f"Bearer {token}"}

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = self.client.request(method, path, headers=self.headers, **kwargs)
        if response.status_code == 401:
            self.authenticate()
            response = self.client.request(method, path, headers=self.headers, **kwargs)
        return response

    def cpu(self) -> float:
        return _cpu_seconds(self.process.pid)

    def stop(self) -> float:
        rss = _peak_rss_mb(self.process.pid)
        self.client.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return rss


def _severa_resources(size: int) -> list[Resource]:
    def customer(i: int, _: dict[str, Any]) -> dict[str, Any]:
        return {"name": f"Skalkund {i} AB", "number": 9_000_000 + i}

    def product(i: int, _: dict[str, Any]) -> dict[str, Any]:
        price = {"amount": 100, "currencyCode": "SEK"}
        return {"name": f"Skalprodukt {i}", "code": f"S-{i:07d}", "vatRate": 25, "unitPrice": price}

    return [
        Resource("customers", "/v1/customers", 1000, lambda i: {"numbers": str(20001 + i % size)}, customer, "token"),
        Resource("products", "/v1/products", 1000, lambda i: {"code": f"B-{i % size + 1:05d}"}, product, "token"),
        Resource("contacts", "/v1/contactpersons", 100, lambda i: {}, None, "offset"),
    ]


def _eek_resources(size: int, terms_id: str, coding_id: str, unit_id: str) -> list[Resource]:
    def customer(i: int, _: dict[str, Any]) -> dict[str, Any]:
        body = {"Name": f"Skalkund {i} AB", "CustomerNumber": str(9_000_000 + i), "TermsOfPaymentId": terms_id}
        body |= {"InvoiceAddress1": "Skalgatan 1", "InvoicePostalCode": "111 20", "InvoiceCity": "Stockholm"}
        return body | {"InvoiceCountryCode": "SE", "IsActive": True, "IsPrivatePerson": False}

    def article(i: int, _: dict[str, Any]) -> dict[str, Any]:
        body = {"Number": f"S-{i:07d}", "Name": f"Skalartikel {i}", "CodingId": coding_id, "UnitId": unit_id}
        return body | {"NetPrice": 100, "IsActive": True}

    def number_filter(field_name: str, value: str) -> dict[str, str]:
        return {"$filter": f"{field_name} eq '{value}'", "$pagesize": "10"}

    return [
        Resource("customers", "/v2/customers", 1000, lambda i: number_filter("CustomerNumber", str(20001 + i % size)),
                 customer, "eek"),
        Resource("articles", "/v2/articles", 1000, lambda i: number_filter("Number", f"B-{i % size + 1:05d}"),
                 article, "eek"),
    ]  # fmt: skip


def _pages(emulator: Emulator, resource: Resource) -> Iterator[int]:
    """Walk every page; yields each page's object count."""
    params: dict[str, str] = {"rowCount": str(resource.page_size)}
    if resource.paging == "eek":
        page = 1
        while True:
            answer = emulator.request("GET", resource.path, params={"$page": page, "$pagesize": resource.page_size})
            answer.raise_for_status()
            body = answer.json()
            yield len(body["Data"])
            if page >= body["Meta"]["TotalNumberOfPages"]:
                return
            page += 1
    first_row = 0
    while True:
        answer = emulator.request("GET", resource.path, params=params)
        answer.raise_for_status()
        count = len(answer.json())
        yield count
        if resource.paging == "token":
            token = answer.headers.get("NextPageToken")
            if not token:
                return
            params["pageToken"] = token
        else:
            if count < resource.page_size:
                return
            first_row += count
            params["firstRow"] = str(first_row)


def _timed(emulator: Emulator, phase: Phase, limit: float | None, steps: Iterator[int]) -> Phase:
    cpu, started = emulator.cpu(), time.perf_counter()
    last = started
    for count in steps:
        now = time.perf_counter()
        if phase.first_page_seconds is None:
            phase.first_page_seconds = now - last
        phase.last_page_seconds = now - last
        last = now
        phase.requests += 1
        phase.objects += count
        if limit is not None and now - started > limit:
            phase.partial = True
            break
    phase.wall_seconds = time.perf_counter() - started
    phase.emulator_cpu_seconds = emulator.cpu() - cpu
    if phase.kind != "list":
        phase.first_page_seconds = phase.last_page_seconds = None
    return phase


def _lookups(emulator: Emulator, resource: Resource, count: int, phase: Phase) -> Iterator[int]:
    for i in range(count):
        answer = emulator.request("GET", resource.path, params=resource.lookup(i * 97))
        found = answer.json() if answer.status_code == 200 else None
        rows = found["Data"] if isinstance(found, dict) else found
        phase.errors += not rows or len(rows) != 1
        yield len(rows or [])


def _posts(emulator: Emulator, resource: Resource, count: int, phase: Phase) -> Iterator[int]:
    assert resource.post is not None
    for i in range(count):
        answer = emulator.request("POST", resource.path, json=resource.post(i, {}))
        phase.errors += answer.status_code != 201
        yield 1


def _eek_reference_ids(emulator: Emulator) -> tuple[str, str, str]:
    terms = emulator.request("GET", "/v2/termsofpayments").json()["Data"]
    codings = emulator.request("GET", "/v2/articleaccountcodings").json()["Data"]
    units = emulator.request("GET", "/v2/units").json()["Data"]
    terms_id = next(t["Id"] for t in terms if t["NumberOfDays"] == 30)
    coding_id = next(c["Id"] for c in codings if c["Name"] == "Tjänster 25% moms")
    return terms_id, coding_id, next(u["Id"] for u in units if u["Code"] == "st")


def measure(system: str, size: int, lookups: int, posts: int, limit: float | None) -> SystemRun:
    data = f"bulk:{size}" if system == "severa" else f"filled:{size}"
    emulator = Emulator(system, data)
    try:
        setup = emulator.wait_ready()
        run = SystemRun(system, size, setup, emulator.cpu())
        resources = (
            _severa_resources(size) if system == "severa" else _eek_resources(size, *_eek_reference_ids(emulator))
        )
        for resource in resources:
            phase = Phase(system, resource.name, "list")
            run.phases.append(_timed(emulator, phase, limit, _pages(emulator, resource)))
        for resource in resources:
            if lookups and resource.lookup(0):
                phase = Phase(system, resource.name, "lookup")
                run.phases.append(_timed(emulator, phase, limit, _lookups(emulator, resource, lookups, phase)))
            if posts and resource.post is not None:
                phase = Phase(system, resource.name, "post")
                run.phases.append(_timed(emulator, phase, limit, _posts(emulator, resource, posts, phase)))
    finally:
        rss = emulator.stop()
    run.peak_rss_mb = rss
    return run


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _print(runs: list[SystemRun]) -> None:
    print("Emulatorer i skala (emulators at scale): each emulator in its own process, rate limits lifted")
    for run in runs:
        print(
            f"\n{run.system} with {run.size:,} per resource: setup {run.setup_seconds:.1f} s wall, "
            f"{run.setup_cpu_seconds:.1f} s emulator CPU; emulator peak RSS {run.peak_rss_mb:.0f} MB"
        )
        head = f"{'resource':<11}{'phase':<8}{'requests':>9}{'objects':>9}{'wall s':>9}{'emu CPU s':>10}"
        print(head + f"{'ms/request':>11}{'first page s':>13}{'last page s':>12}{'errors':>7}")
        for p in run.phases:
            per_request = p.wall_seconds * 1000 / p.requests if p.requests else 0.0
            print(
                f"{p.resource:<11}{p.kind:<8}{p.requests:>9}{p.objects:>9}{p.wall_seconds:>9.2f}"
                f"{p.emulator_cpu_seconds:>10.2f}{per_request:>11.2f}{_seconds(p.first_page_seconds):>13}"
                f"{_seconds(p.last_page_seconds):>12}{p.errors:>7}" + ("  partial (--phase-limit)" if p.partial else "")
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--only", choices=("severa", "eekonomi"))
    parser.add_argument("--phase-limit", type=float, default=None, help="stop a phase after this many seconds")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    systems = [args.only] if args.only else ["severa", "eekonomi"]
    runs = [measure(system, args.size, args.lookups, args.posts, args.phase_limit) for system in systems]
    if args.json:
        print(simplejson.dumps([asdict(run) for run in runs], indent=2))
    else:
        _print(runs)
    failed = sum(p.errors for run in runs for p in run.phases)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

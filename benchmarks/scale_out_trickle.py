"""The changes a person makes in Visma PM between two scheduled runs, made through the PM emulator's public API,
and the ledger of what must then exist in eEkonomi.

Per company and interval: one new customer (with an address), one changed customer (new e-mail), and one or two
invoices marked "Skicka till eEkonomi" (the PM emulator has no invoice POST, so its seeded invoices start as
"Utkast" and the trickle moves them on, as a person does when an invoice is ready).
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx

from benchmarks.scale_out_world import pm_headers
from brygga_emulators.severa.invoice_builders import TO_TRANSFER, invoice_status_guid
from brygga_emulators.severa.reference_data import country_guid

__all__ = ["FIRST_NEW_NUMBER", "Ledger", "Trickle"]

FIRST_NEW_NUMBER = 60001  # the trickle's new customers; bulk ones are 20001..


@dataclass
class Ledger:
    """What the trickle made, per company number: customer numbers created, (guid, e-mail) of the latest change
    per customer, and PM invoice GUIDs marked for transfer."""

    customers: dict[int, list[int]] = field(default_factory=dict)
    emails: dict[int, dict[int, str]] = field(default_factory=dict)
    invoices: dict[int, list[str]] = field(default_factory=dict)
    errors: int = 0

    def objects(self) -> int:
        return (
            sum(map(len, self.customers.values()))
            + sum(map(len, self.invoices.values()))
            + sum(map(len, self.emails.values()))
        )


class Trickle:
    def __init__(self, pm_url: str, companies: int, seed: int, threads: int = 8) -> None:
        self.pm_url = pm_url
        self.companies = companies
        self.rng = random.Random(seed)
        self.http = httpx.Client(timeout=30.0, limits=httpx.Limits(max_connections=threads))
        self.threads = threads
        self.ledger = Ledger()
        self.intervals = 0
        self._headers: dict[int, dict[str, str]] = {}
        self._drafts: dict[int, list[str]] = {}
        self._bulk: dict[int, list[tuple[int, str]]] = {}  # company -> (number, guid) of its customers

    def close(self) -> None:
        self.http.close()

    def _prepare(self, number: int) -> None:
        if number in self._headers:
            return
        headers = pm_headers(self.http, self.pm_url, number)
        self._headers[number] = headers
        invoices = self.http.get(f"{self.pm_url}/v1/invoices", params={"rowCount": 1000}, headers=headers).json()
        draft = invoice_status_guid("Utkast")
        self._drafts[number] = sorted(str(i["guid"]) for i in invoices if (i.get("status") or {}).get("guid") == draft)
        customers = self.http.get(f"{self.pm_url}/v1/customers", params={"rowCount": 1000}, headers=headers).json()
        self._bulk[number] = [(int(c["number"]), str(c["guid"])) for c in customers]

    def one_interval(self) -> int:
        """Make this interval's changes in every company; returns how many changes were made."""
        self.intervals += 1
        interval = self.intervals
        plans = [(n, 1 + (self.rng.random() < 0.5), self.rng.randrange(1 << 30)) for n in range(1, self.companies + 1)]
        with ThreadPoolExecutor(self.threads) as pool:
            return sum(pool.map(lambda plan: self._company(interval, *plan), plans))

    def _company(self, interval: int, number: int, invoices: int, salt: int) -> int:
        try:
            self._prepare(number)
            return self._changes(interval, number, invoices, salt)
        except (httpx.HTTPError, KeyError, ValueError):
            self.ledger.errors += 1
            return 0

    def _changes(self, interval: int, number: int, invoices: int, salt: int) -> int:
        headers, made = self._headers[number], 0
        created = self.ledger.customers.setdefault(number, [])
        customer_number = FIRST_NEW_NUMBER + len(created)
        body = {
            "name": f"Trickle {number}-{customer_number} AB",
            "number": customer_number,
            "email": f"info@trickle{customer_number}.se",
            "isActive": True,
        }
        answer = self.http.post(f"{self.pm_url}/v1/customers", json=body, headers=headers)
        answer.raise_for_status()
        guid = str(answer.json()["guid"])
        address = {"addressline": f"Sipprargatan {interval + 1}", "postalCode": "111 20", "city": "Stockholm"}
        address |= {"country": {"guid": country_guid("SE")}, "isBillingAddress": True}
        path = f"{self.pm_url}/v1/customers/{guid}/addresses"
        self.http.post(path, json=address, headers=headers).raise_for_status()
        created.append(customer_number)
        self._bulk[number].append((customer_number, guid))
        made += 1
        changed_number, changed_guid = self._bulk[number][salt % len(self._bulk[number])]
        email = f"ny{interval}-{salt % 1000}@kund{changed_number}.se"
        patch = [{"op": "Replace", "path": "/email", "value": email}]
        if self.http.patch(f"{self.pm_url}/v1/customers/{changed_guid}", json=patch, headers=headers).is_success:
            self.ledger.emails.setdefault(number, {})[changed_number] = email
            made += 1
        to_transfer = [{"op": "Replace", "path": "/status/guid", "value": invoice_status_guid(TO_TRANSFER)}]
        for _ in range(invoices):
            if not self._drafts[number]:
                break
            invoice = self._drafts[number].pop(0)
            response = self.http.patch(f"{self.pm_url}/v1/invoices/{invoice}", json=to_transfer, headers=headers)
            response.raise_for_status()
            self.ledger.invoices.setdefault(number, []).append(invoice)
            made += 1
        return made

"""What exists in both systems, read through the emulators' public APIs (plain HTTP GETs with the chaos benchmark's
own tokens, never brygga's store or client), and what a person does in eEkonomi between transfers.

An inventory is, per kind of object, how many objects carry each natural key: a key held twice is a duplicate; a key
the fault-free baseline holds and this run does not is a loss.
"""

from __future__ import annotations

import secrets
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import simplejson

from brygga_emulators import eekonomi as eek_emulator
from brygga_emulators import severa as severa_emulator

__all__ = ["KINDS", "Inventory", "Observer"]

# kind -> what a person reads in the figures
KINDS = {
    "eek_customers": "customer numbers in eEkonomi",
    "pm_customers": "customer numbers in Visma PM",
    "eek_articles": "article numbers in eEkonomi",
    "pm_products": "product codes in Visma PM",
    "cost_center_items": "cost center item short names",
    "pm_invoice_documents": "drafts+invoices per PM invoice (PM <guid>)",
    "order_documents": "drafts+invoices per order (GKS <number>)",
    "project_costs": "project costs per supplier-invoice row",
    "pm_invoice_status": "PM invoice status (final, per invoice)",
}
_REDIRECT = "http://127.0.0.1:9/chaos-callback"  # never called: the emulator answers a program with a redirect


@dataclass
class Inventory:
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    final_status: dict[str, str] = field(default_factory=dict)  # PM invoice GUID -> status GUID
    status_rank: dict[str, int] = field(default_factory=dict)  # status GUID -> 0 open, 1 sent, 2 paid


class _PatientTransport(httpx.HTTPTransport):
    """The observer is a person and a checker, not the system under test: eEkonomi's 600 calls a minute apply to it
    too, so a 429 is waited out (Retry-After, else one second) instead of ending the benchmark."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for _ in range(30):
            response = super().handle_request(request)
            if response.status_code != 429:
                return response
            response.read()
            response.close()
            time.sleep(float(response.headers.get("Retry-After") or 1))
        return super().handle_request(request)


class Observer:
    """A reader (and, for eEkonomi, a person's hand) on both emulators, with tokens of its own."""

    def __init__(self, eek_url: str, pm_url: str) -> None:
        self.eek_url, self.pm_url = eek_url, pm_url
        self.http = httpx.Client(timeout=30.0, transport=_PatientTransport())

    def close(self) -> None:
        self.http.close()

    # tokens ---------------------------------------------------------------------------------------
    def _eek_headers(self) -> dict[str, str]:
        state = secrets.token_urlsafe(8)
        answer = self.http.get(
            f"{self.eek_url}/connect/authorize",
            params={
                "client_id": eek_emulator.DEMO_CLIENT_ID,
                "redirect_uri": _REDIRECT,
                "response_type": "code",
                "scope": "ea:api offline_access ea:sales ea:purchase ea:accounting",
                "state": state,
            },
        )
        code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
        token = self.http.post(
            f"{self.eek_url}/connect/token",
            data={"grant_type": "authorization_code", "code": code, "redirect_uri": _REDIRECT},
            auth=(eek_emulator.DEMO_CLIENT_ID, eek_emulator.DEMO_CLIENT_SECRET),
        )
        token.raise_for_status()
        return {"Authorization": f"Bearer {token.json()['access_token']}"}

    def _pm_headers(self) -> dict[str, str]:
        token = self.http.post(
            f"{self.pm_url}/v1/token",
            json={"client_id": severa_emulator.DEMO_CLIENT_ID, "client_secret": severa_emulator.DEMO_CLIENT_SECRET},
        )
        token.raise_for_status()
        return {"Authorization": f"Bearer {token.json()['access_token']}", "Client_Id": severa_emulator.DEMO_CLIENT_ID}

    # paging ---------------------------------------------------------------------------------------
    def _eek_all(self, headers: dict[str, str], path: str) -> Iterator[dict[str, Any]]:
        page = 1
        while True:
            answer = self.http.get(
                f"{self.eek_url}/v2{path}", params={"$page": page, "$pagesize": 1000}, headers=headers
            )
            answer.raise_for_status()
            body = answer.json()
            yield from body["Data"]
            if page >= int(body["Meta"]["TotalNumberOfPages"]):
                return
            page += 1

    def _pm_all(self, headers: dict[str, str], path: str, rows: int = 100) -> Iterator[dict[str, Any]]:
        params: dict[str, Any] = {"rowCount": rows}
        while True:
            answer = self.http.get(f"{self.pm_url}/v1{path}", params=params, headers=headers)
            answer.raise_for_status()
            yield from answer.json()
            token = answer.headers.get("NextPageToken")
            if not token:
                return
            params = {"rowCount": rows, "pageToken": token}

    # the inventory ------------------------------------------------------------------------------
    def inventory(self) -> Inventory:
        eek, pm = self._eek_headers(), self._pm_headers()
        counts: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
        counts["eek_customers"].update(str(c.get("CustomerNumber")) for c in self._eek_all(eek, "/customers"))
        counts["eek_articles"].update(str(a.get("Number")) for a in self._eek_all(eek, "/articles"))
        for center in self._eek_all(eek, "/costcenters"):
            counts["cost_center_items"].update(f"{center.get('Name')}/{i.get('ShortName')}" for i in center["Items"])
        documents = [*self._eek_all(eek, "/customerinvoicedrafts"), *self._eek_all(eek, "/customerinvoices")]
        for doc in documents:
            marker = str(doc.get("ContractNumber") or "")
            if marker.startswith("PM "):
                counts["pm_invoice_documents"][marker] += 1
            elif marker.startswith("GKS "):
                counts["order_documents"][marker] += 1
        counts["pm_customers"].update(str(c.get("number")) for c in self._pm_all(pm, "/customers"))
        counts["pm_products"].update(str(p.get("code")) for p in self._pm_all(pm, "/products"))
        for fee in self._pm_all(pm, "/projectfees"):
            cost = fee.get("unitCost") or {}
            key = f"{(fee.get('project') or {}).get('guid')} {fee.get('description')} {cost.get('amount')}"
            counts["project_costs"][f"{key} {fee.get('eventDate')}"] += 1
        final = {}
        for invoice in self._pm_all(pm, "/invoices"):
            final[str(invoice["guid"])] = str((invoice.get("status") or {}).get("guid"))
        counts["pm_invoice_status"].update(f"{guid} {status}" for guid, status in final.items())
        ranks = {}
        for status in self._pm_all(pm, "/invoicestatuses"):
            ranks[str(status["guid"])] = 2 if status.get("isPaid") else 1 if status.get("isSent") else 0
        return Inventory(counts, final, ranks)

    # a person in eEkonomi -------------------------------------------------------------------------
    def pm_drafts(self) -> list[str]:
        """The contract numbers (``PM <guid>``) of the drafts brygga made from PM invoices, in eEkonomi's order."""
        drafts = self._eek_all(self._eek_headers(), "/customerinvoicedrafts")
        return [str(d["ContractNumber"]) for d in drafts if str(d.get("ContractNumber") or "").startswith("PM ")]

    def book(self, markers: list[str], pay: set[str]) -> list[str]:
        """Book the drafts with these markers into invoices (as ``demo.book_and_pay``), paying those in ``pay``;
        returns the markers booked (a draft already gone is left alone)."""
        headers = self._eek_headers()
        drafts = {str(d.get("ContractNumber")): d for d in self._eek_all(headers, "/customerinvoicedrafts")}
        accounts = list(self._eek_all(headers, "/bankaccounts"))
        booked = []
        for marker in markers:
            draft = drafts.get(marker)
            if draft is None:
                continue
            answer = self.http.post(f"{self.eek_url}/v2/customerinvoicedrafts/{draft['Id']}/convert", headers=headers)
            answer.raise_for_status()
            booked.append(marker)
            invoice = simplejson.loads(answer.text, use_decimal=True)
            if marker in pay and accounts:
                body = {
                    "CompanyBankAccountId": accounts[0]["Id"],
                    "PaymentAmount": invoice["RemainingAmountInvoiceCurrency"],
                    "PaymentCurrency": invoice.get("CurrencyCode") or "SEK",
                    "PaymentType": 2,
                }
                payment = self.http.post(
                    f"{self.eek_url}/v2/customerinvoices/{invoice['Id']}/payments",
                    headers={**headers, "Content-Type": "application/json"},
                    content=simplejson.dumps(body, use_decimal=True),
                )
                if payment.is_error:
                    raise RuntimeError(f"payment refused: {payment.status_code} {payment.text}")
        return booked

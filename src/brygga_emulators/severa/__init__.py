"""Emulator of the Visma PM (Visma Severa) public REST API v1, for tests, the demo and benchmarks.

A real HTTP server (ASGI) following ``severa-rest-v1.openapi.yaml``: the same paths and camelCase
models, ``ExceptionModel`` errors, both paging styles, ``changedSince``, client-credentials tokens with
the ``Client_Id`` header, an emulated rate limit and the shared fault injection. It never imports
brygga, so it can disagree with brygga's client.

Resources: customers with addresses, contacts and communications; products, work types and travel
expense types; projects (read); VAT rates, currencies, countries, organisation settings; the default
price list with its work-hour, travel and product prices (read); invoice statuses; invoices and their
rows (read, plus a PATCH of status, number, payment date and notes whose paths are a guess, see
``invoice_patch``); project fees (create, read).

Many organisations: ``build_emulator(..., companies=N)`` (``brygga emulator severa --companies N``) serves N
organisations, each with its own data, in one process. The client credentials choose the organisation:
``brygga-demo-client`` / ``brygga-demo-secret`` is organisation 1 (the only one by default), and
``brygga-demo-client-2`` / ``brygga-demo-secret-2``, ``brygga-demo-client-3`` / ``brygga-demo-secret-3``, …
the others (``demo_client(n)``). Every token, refreshed ones too, stays with the organisation it was
issued for. With ``empty`` any credentials are accepted and a non-demo client id reaches organisation 1.

    emu = build_emulator(data="demo")      # or "empty", "bulk:1000"; db="pm.sqlite" to persist
    async with httpx.AsyncClient(transport=httpx.ASGITransport(emu.app), base_url="http://pm") as client: ...
"""

from .app import create_app
from .emulator import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Emulator, build_emulator
from .invoice_builders import invoice_guid, invoice_status_guid
from .organisations import demo_client
from .store import SeveraStore

__all__ = [
    "DEMO_CLIENT_ID",
    "DEMO_CLIENT_SECRET",
    "Emulator",
    "SeveraStore",
    "build_emulator",
    "create_app",
    "demo_client",
    "invoice_guid",
    "invoice_status_guid",
]

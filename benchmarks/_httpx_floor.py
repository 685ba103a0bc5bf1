"""What one HTTP request costs httpx alone on this machine: the floor under brygga's CPU per object.

    python benchmarks/_httpx_floor.py [--requests 3000] [--concurrency 8]

A bare ``httpx.AsyncClient`` (brygga's HTTP library, same version) POSTs a customer-sized JSON body with a bearer
header and parses the JSON answer, ``--concurrency`` at a time, against a minimal HTTP/1.1 server in another
process that answers every request with a fixed customer-sized JSON. The CPU of this process (getrusage) per
request is printed as JSON: what any client built on httpx pays per call here, before mapping, checks or a store.
bench.py runs it once and prints brygga's CPU per object beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
from typing import Any

__all__ = ["main", "measure"]

ANSWER = json.dumps(
    {
        "Id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "CustomerNumber": "100001",
        "Name": "Bulkkund 100001 AB",
        "InvoiceAddress1": "Storgatan 1",
        "InvoicePostalCode": "111 22",
        "InvoiceCity": "Stockholm",
        "InvoiceCountryCode": "SE",
        "EmailAddress": "info@kund.se",
        "TermsOfPaymentId": "8f9a6f1e-8d7c-4f4b-9a51-3c1f0e2d7b6a",
        "IsPrivatePerson": False,
        "IsActive": True,
        "ChangedUtc": "2026-12-07T08:00:00Z",
    }
).encode()
BODY = json.loads(ANSWER)

_SERVER = r"""
import asyncio, sys
ANSWER = sys.argv[1].encode()
HEAD = b"HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n" % len(ANSWER)
async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if length:
                await reader.readexactly(length)
            writer.write(HEAD + ANSWER)
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()
async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()
asyncio.run(main())
"""


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _posts(url: str, requests: int, concurrency: int) -> float:
    import httpx

    async with httpx.AsyncClient(timeout=30) as client:
        await client.post(url, json=BODY)  # the connection and the first-call setup are not counted
        todo = iter(range(requests))

        async def worker() -> None:
            for _ in todo:
                answer = await client.post(url, json=BODY, headers={"Authorization": "Bearer x"})
                answer.raise_for_status()
                answer.json()

        started = _cpu_seconds()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return _cpu_seconds() - started


def measure(requests: int = 3000, concurrency: int = 8) -> dict[str, Any]:
    server = subprocess.Popen([sys.executable, "-c", _SERVER, ANSWER.decode()], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        cpu = asyncio.run(_posts(f"http://127.0.0.1:{port}/v2/customers", requests, concurrency))
    finally:
        server.kill()
        server.wait()
    return {
        "requests": requests,
        "concurrency": concurrency,
        "cpu_seconds": round(cpu, 3),
        "cpu_ms_per_request": round(cpu / requests * 1000, 3),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.requests, args.concurrency)))


if __name__ == "__main__":
    main()

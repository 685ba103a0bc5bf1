"""One worker process of the cross-process token and rate-limit tests (tests/postgres/test_*_workers.py).

Opens the store named by the ``BRYGGA_*`` environment, builds the eEkonomi client as a run does
(``brygga.connections.eekonomi_client``), prints ``ready``, waits for a line on stdin, then calls
``GET /companysettings`` ``CALLS`` times (argument 1, default 1) and prints one JSON line. A BryggaError is
printed as its message (what a user would see) with exit status 1.
"""

from __future__ import annotations

import asyncio
import json
import sys

from brygga.config import Settings
from brygga.connections import eekonomi_client
from brygga.errors import BryggaError
from brygga.store import open_store


async def main(calls: int) -> int:
    settings = Settings()
    store = open_store(settings)
    try:
        async with eekonomi_client(store, settings) as client:
            print("ready", flush=True)
            sys.stdin.readline()
            names = [(await client.company_settings.get()).name for _ in range(calls)]
            print(json.dumps({"company": names[-1], "api_calls": client.api_calls}), flush=True)
        return 0
    except BryggaError as exc:
        print(json.dumps({"error": str(exc)}), flush=True)
        return 1
    finally:
        store.db.dispose()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)))

"""Performance figures for the customer transfer: benchmarks/bench.py for this one category.

    .venv/bin/python benchmarks/customers.py [--customers 1000] [--latency-ms 100] [--brygga-src PATH] [--json]

N PM customers (Severa ``bulk:N``) into an empty eEkonomi company; bound: N POSTs to ``/customers``.
Both emulators run in processes of their own and brygga in a child process, so brygga's CPU and peak RSS are its
own (see benchmarks/bench.py): a CPU run without rate limits or latency (first run and a rerun), then a bound run
of the same N with ``--latency-ms`` on both emulators at eEkonomi's documented limit.

It prints figures and never asserts: goals are shown next to them, for a person to judge.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the benchmarks package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench import category_main

if __name__ == "__main__":
    category_main("customers", 1000, __doc__)

"""Performance figures for the invoice transfer, against both emulators over real loopback HTTP.

    .venv/bin/python benchmarks/invoices.py [--invoices 2000] [--latency-ms 100] [--json]

0. Setup, untimed: Severa ``bulk:N`` holds N customers, N products, N//2 projects and N invoices in the status
   "Skicka till eEkonomi" (5 product rows each at 25 %); customers, articles and projects go to an empty eEkonomi
   company first, without latency or rate limits, as the invoices need them.
1. A first run of only the ``invoices`` category: N invoice drafts, each PM invoice then set to "transferred";
   no latency.
2. A rerun right after with nothing changed: no invoice is left in the "to transfer" status, so nothing is written.
3. Setup and first run again on fresh emulators with latency on both, against the rate-limit bound
   (N POSTs to ``/customerinvoicedrafts`` at brygga's per-endpoint limit). ``--latency-ms 0`` leaves this run out.

It prints figures and never asserts: goals are shown next to them, for a person to judge.
"""

from __future__ import annotations

from decimal import Decimal

from _category_bench import Subject, main

INVOICES = Subject(
    category="invoices",
    noun="invoice",
    plural="invoices",
    source="PM invoices",
    target="eEkonomi invoice drafts",
    bound_endpoint="POST /customerinvoicedrafts",
    default_count=2000,
    pm_bulk_for=lambda invoices: invoices,  # bulk:N holds N invoices
    store_settings=(
        ("project_cost_center", "Projekt"),
        # Rule S4: an article for rows without a product; the first bulk product, there once articles ran.
        ("default_article_number", "B-00001"),
    ),
    setup_categories=("customers", "articles", "projects"),
    # Reading an invoice's rows and setting its status are PM calls per invoice by design: only eEkonomi's
    # side has a goal, lookups of reference data included.
    per_object_goal=None,
    system_goals=(("eekonomi", Decimal("1.1")),),
    notes=(
        "Visma PM is called twice per invoice by design: GET /v1/invoices/{guid}/invoicerows while planning "
        "(Severa's invoice list carries no rows) and PATCH /v1/invoices/{guid} after the draft (the status "
        '"transferred", rule I1). Each has brygga\'s PM limit per endpoint, which the latency run shows.',
    ),
)

if __name__ == "__main__":
    main(INVOICES, __doc__)

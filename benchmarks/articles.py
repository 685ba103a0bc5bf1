"""Performance figures for the article transfer, against both emulators over real loopback HTTP.

    .venv/bin/python benchmarks/articles.py [--articles 2000] [--latency-ms 100] [--json]

1. A first run: N PM products (Severa ``bulk:N``, only the ``articles`` category) into an empty eEkonomi
   company, which has its account codings and units but no articles; no latency.
2. A rerun right after with nothing changed: it should write nothing.
3. The first run again on fresh emulators with latency on both, against the rate-limit bound
   (N POSTs to ``/articles`` at brygga's per-endpoint limit). ``--latency-ms 0`` leaves this run out.

It prints figures and never asserts: goals are shown next to them, for a person to judge.
"""

from __future__ import annotations

from _category_bench import Subject, main

ARTICLES = Subject(
    category="articles",
    noun="article",
    plural="articles",
    source="PM products",
    target="an empty eEkonomi company",
    bound_endpoint="POST /articles",
    default_count=2000,
    pm_bulk_for=lambda articles: articles,  # bulk:N holds N products and no work or travel expense types
)

if __name__ == "__main__":
    main(ARTICLES, __doc__)

"""Performance figures for the project transfer, against both emulators over real loopback HTTP.

    .venv/bin/python benchmarks/projects.py [--projects 1000] [--latency-ms 100] [--json]

1. A first run: N open PM projects (Severa ``bulk:2N``, only the ``projects`` category) as items of the eEkonomi
   cost center "Projekt" (setting ``project_cost_center``), which starts without items; no latency.
2. A rerun right after with nothing changed: it should write nothing.
3. The first run again on fresh emulators with latency on both, against the rate-limit bound
   (N POSTs to ``/costcenteritems`` at brygga's per-endpoint limit). ``--latency-ms 0`` leaves this run out.

It prints figures and never asserts: goals are shown next to them, for a person to judge.
"""

from __future__ import annotations

from _category_bench import Subject, main

PROJECTS = Subject(
    category="projects",
    noun="project",
    plural="projects",
    source="PM projects",
    target='the eEkonomi cost center "Projekt"',
    bound_endpoint="POST /costcenteritems",
    default_count=1000,
    pm_bulk_for=lambda projects: 2 * projects,  # bulk:N holds N//2 projects
    store_settings=(("project_cost_center", "Projekt"),),
)

if __name__ == "__main__":
    main(PROJECTS, __doc__)

"""The fixed hypothesis profile of the fuzz tests in the suite: derandomized (the same examples every run), no
deadline, no example database; ``make fuzz`` (benchmarks/fuzz.py) runs the same properties with 10,000 examples."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

__all__ = ["suite_settings"]


def suite_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )

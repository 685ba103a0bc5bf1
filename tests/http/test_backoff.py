from __future__ import annotations

import pytest

from brygga.http import backoff_seconds, default_jitter, render_path
from brygga.http.backoff import MAX_BACKOFF_SECONDS


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff_seconds(n) for n in (1, 2, 3, 4)] == [0.5, 1.0, 2.0, 4.0]
    assert backoff_seconds(40) == MAX_BACKOFF_SECONDS


@pytest.mark.parametrize("base", [0.5, 4.0, 60.0])
def test_default_jitter_is_small_and_non_negative(base: float) -> None:
    values = [default_jitter(base) for _ in range(200)]
    assert all(0.0 <= v <= min(1.0, base / 4) for v in values)
    assert len(set(values)) > 1


def test_render_path_requires_every_parameter() -> None:
    with pytest.raises(KeyError):
        render_path("/customers/{customerId}", {})

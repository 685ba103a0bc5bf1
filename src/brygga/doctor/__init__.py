"""``brygga doctor``: the pre-flight check of both systems (rule O11) and of the settings (S3, S4, S6).

The check's runner (the API clients, the transfer's settings) is imported on first use, so that ``brygga status``
can say the store's privacy warning (:mod:`brygga.doctor.store_checks`) without loading it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from brygga.doctor.results import Check, CheckResult, DoctorReport, Lang, Msg, Status

if TYPE_CHECKING:
    from brygga.doctor.report import render_doctor
    from brygga.doctor.runner import run_doctor

__all__ = ["Check", "CheckResult", "DoctorReport", "Lang", "Msg", "Status", "render_doctor", "run_doctor"]


def __getattr__(name: str) -> Any:
    if name == "render_doctor":
        from brygga.doctor.report import render_doctor

        return render_doctor
    if name == "run_doctor":
        from brygga.doctor.runner import run_doctor

        return run_doctor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

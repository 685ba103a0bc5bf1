"""``brygga doctor``: the pre-flight check of both systems (rule O11) and of the settings (S3, S4, S6)."""

from brygga.doctor.report import render_doctor
from brygga.doctor.results import Check, CheckResult, DoctorReport, Lang, Msg, Status
from brygga.doctor.runner import run_doctor

__all__ = ["Check", "CheckResult", "DoctorReport", "Lang", "Msg", "Status", "render_doctor", "run_doctor"]

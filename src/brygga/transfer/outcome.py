"""What happened to one object in one transfer: the unit of the report and of the error log."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import partial

from brygga.errors import ApiError, AuthError, BryggaError, RateLimitedError, RuleViolation, ServerError
from brygga.field_changes import FieldChange
from brygga.hints import Hint, hint_for
from brygga.wording import Worded

__all__ = ["Action", "ObjectOutcome", "Outcome", "failure_from_error"]

SYSTEM_NAMES = {"eekonomi": "Visma eEkonomi", "severa": "Visma PM", "pm": "Visma PM"}


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    LINK = "link"
    SKIP = "skip"
    REJECT = "reject"
    NONE = "none"


class Outcome(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    SKIPPED = "skipped"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)  # one per object of a run: no instance dict
class ObjectOutcome(Worded):
    category: str
    direction: str  # "pm->eek" or "eek->pm"
    key: str
    name: str
    action: Action
    outcome: Outcome
    message: str = ""
    hint: str = ""
    hint_en: str = ""
    rule_id: str | None = None
    retry: bool = False  # a transient failure: the cursor must not pass this object
    title: str = ""  # the headline in the user's words when `message` is the original's API text
    title_en: str = ""
    changes: tuple[FieldChange, ...] = ()  # what an update changed, old -> new (the object history)
    pm_id: str = ""  # the object's ids on both sides, as far as this run knew them
    eek_id: str = ""

    @property
    def is_run_level(self) -> bool:
        """A failure of the whole category (not connected, a settings problem, a system down), not of one object."""
        return not self.key and not self.direction


def failure_from_error(
    error: BryggaError, *, category: str, direction: str, key: str, name: str, action: Action, prefix: str = ""
) -> ObjectOutcome:
    """Turn an exception into a failed outcome with the original's message format and a Swedish hint."""
    failed = partial(ObjectOutcome, category, direction, key, name, action, Outcome.FAILED)
    if isinstance(error, RuleViolation):
        return failed(
            error.message,
            error.hint,
            error.hint_en,
            error.rule_id,
            title=error.title,
            title_en=error.title_en,
        )
    if isinstance(error, ApiError):
        hint, transient = _api_hint(error)
        message = f"{prefix}{error.message}".strip()
        if error.error_id and "ErrorId" not in message:
            message += f", ErrorId: {error.error_id}"
        return failed(message, hint.sv, hint.en, retry=transient, title=hint.title, title_en=hint.title_en)
    # A settings or connection problem (ConfigError): brygga's own Swedish sentence, and its English if it has one.
    return failed(
        str(getattr(error, "message", None) or error),
        getattr(error, "hint", ""),
        getattr(error, "hint_en", ""),
        retry=True,
        title_en=getattr(error, "message_en", ""),
    )


def _api_hint(error: ApiError) -> tuple[Hint, bool]:
    system = SYSTEM_NAMES.get(error.system, error.system)
    if error.outcome_unknown:
        return hint_for("api:unknown_outcome", system=system), True
    if isinstance(error, AuthError):
        return hint_for("api:auth", system=system, command="eekonomi" if error.system == "eekonomi" else "severa"), True
    if isinstance(error, RateLimitedError | ServerError) or error.status is None:
        return hint_for("api:unavailable", system=system), True
    if error.status == 403 or str(error.error_code) in {"InsufficientApiScope", "PermissionDenied", "AddonMissing"}:
        return hint_for("api:permission", system=system, code=error.error_code), False
    return hint_for("api:rejected", system=system), False

"""The whole exception tree of brygga.

Each class says what the engine does with it::

    BryggaError
    ├── ConfigError              bad settings or connection: fatal, said before any transfer starts
    ├── ApiError                 .system .status .error_code .error_id .method .path
    │   ├── TransportError       timeout/connection: retriable (not for POST: see the write protocol)
    │   ├── AuthError            token refresh failed: the user must reconnect
    │   ├── RateLimitedError     .retry_after: wait, then send again
    │   ├── RejectedError        4xx validation/conflict: this object fails, the run goes on
    │   └── ServerError          5xx: retriable
    ├── RuleViolation            an object breaks a rule in RULES.md (.rule_id): fails alone, with its hint
    └── StateError               the store is inconsistent: stop

Only the transfer runner catches ``BryggaError`` broadly. No message ever contains a token or a
client secret: errors carry the method, path, status and the API's own error fields, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from brygga.hints import Hint

__all__ = [
    "ApiError",
    "ApiFieldError",
    "AuthError",
    "BryggaError",
    "ConfigError",
    "RateLimitedError",
    "RejectedError",
    "RuleViolation",
    "ServerError",
    "StateError",
    "TransportError",
]


class BryggaError(Exception):
    """Root of every error brygga raises on purpose."""


class ConfigError(BryggaError):
    """Settings or a connection are wrong; nothing can be transferred until the user fixes them.

    ``hint`` is the Swedish fix text shown to the user; ``message_en`` and ``hint_en`` are the English texts
    (empty: the Swedish ones stand).
    """

    def __init__(self, message: str, *, hint: str = "", message_en: str = "", hint_en: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.message_en = message_en
        self.hint_en = hint_en


@dataclass(frozen=True)
class ApiFieldError:
    """One entry of eEkonomi's ``Errors[]`` or Severa's ``details[]``."""

    field: str | None = None
    code: str | None = None
    message: str | None = None


@dataclass
class _ApiErrorInfo:
    system: str
    method: str
    path: str
    status: int | None = None
    error_code: int | str | None = None
    error_id: str | None = None
    developer_message: str | None = None
    field_errors: list[ApiFieldError] = field(default_factory=list)


class ApiError(BryggaError):
    """An API answered with an error, or could not be reached.

    ``outcome_unknown`` is true when a write may have been applied although no answer came back
    (a timeout or a dropped connection on a POST): the write protocol then reconciles before any
    new attempt instead of sending again. ``message_en``, ``hint`` and ``hint_en`` are set where brygga words
    the error itself (an unreachable address) rather than passing on the API's text.
    """

    def __init__(
        self,
        message: str,
        *,
        system: str,
        method: str,
        path: str,
        status: int | None = None,
        error_code: int | str | None = None,
        error_id: str | None = None,
        developer_message: str | None = None,
        field_errors: list[ApiFieldError] | None = None,
        outcome_unknown: bool = False,
        message_en: str = "",
        hint: str = "",
        hint_en: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.system = system
        self.method = method
        self.path = path
        self.status = status
        self.error_code = error_code
        self.error_id = error_id
        self.developer_message = developer_message
        self.field_errors = list(field_errors or [])
        self.outcome_unknown = outcome_unknown
        self.message_en = message_en
        self.hint = hint
        self.hint_en = hint_en

    def __str__(self) -> str:
        parts = [self.message, f"[{self.system} {self.method} {self.path}"]
        if self.status is not None:
            parts[-1] += f" -> {self.status}"
        parts[-1] += "]"
        if self.error_id:
            parts.append(f"ErrorId: {self.error_id}")
        return " ".join(parts)


class TransportError(ApiError):
    """Timeout, reset or refused connection: no usable answer arrived."""


class AuthError(ApiError):
    """Authentication failed and refreshing did not help: the connection must be made again."""


class RateLimitedError(ApiError):
    """HTTP 429; ``retry_after`` is the wait in seconds the API asked for (or the default)."""

    def __init__(self, message: str, *, retry_after: float, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.retry_after = retry_after


class RejectedError(ApiError):
    """A 4xx answer about this object (validation, conflict, not found): the object fails alone."""


class ServerError(ApiError):
    """A 5xx answer: the server failed; safe to retry for reads and replaces."""


class RuleViolation(BryggaError):
    """An object breaks a transfer rule (``rule_id`` from RULES.md) and is not sent.

    ``message`` follows the original integration's wording where it has one; ``hint`` says in
    Swedish what to fix, ``hint_en`` in English; ``title``/``title_en`` say what went wrong in the user's words
    when ``message`` is the original's API text. A :class:`~brygga.hints.Hint` from the catalogue carries all four.
    """

    def __init__(
        self,
        rule_id: str,
        message: str,
        *,
        hint: str | Hint = "",
        hint_en: str = "",
        title: str = "",
        title_en: str = "",
    ) -> None:
        super().__init__(message)
        self.rule_id = rule_id
        self.message = message
        if isinstance(hint, Hint):
            hint_en, title, title_en = hint.en, title or hint.title, title_en or hint.title_en
            hint = hint.sv
        self.hint = hint
        self.hint_en = hint_en
        self.title = title
        self.title_en = title_en


class StateError(BryggaError):
    """The store contradicts itself (for example two links for one object): stop the run."""

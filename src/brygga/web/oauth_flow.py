"""The eEkonomi authorization-code flow through the admin's own browser (rule X4).

``begin`` sends the browser to Visma's identity server with a fresh ``state`` and the company picker forced;
the callback's answer is accepted only for a state handed out to the same browser session, within ten minutes,
and only once. The client secret waits here in memory, never in a cookie or a URL.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from brygga.eekonomi import EEkonomiOAuthConfig
from brygga.errors import ConfigError
from brygga.web.sessions import WebSession

__all__ = ["PendingConnection", "PendingConnections"]

TTL_SECONDS = 600.0
_RETRY_HINT = "Börja om med Anslut under Anslutningar."


@dataclass(frozen=True)
class PendingConnection:
    config: EEkonomiOAuthConfig = field(repr=False)
    api_url: str
    redirect_uri: str
    session_tag: str
    expires_at: float
    company: str = "default"  # the brygga company the connection is made for


def _session_tag(session: WebSession) -> str:
    # The CSRF token stays the same while the admin is logged in and is never sent to Visma.
    return hashlib.sha256(session.csrf.encode()).hexdigest()


class PendingConnections:
    def __init__(self, ttl: float = TTL_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._pending: dict[str, PendingConnection] = {}
        self._lock = threading.Lock()

    def begin(
        self, session: WebSession, config: EEkonomiOAuthConfig, api_url: str, redirect_uri: str, company: str
    ) -> str:
        """Remember the connection being made and return the ``state`` that identifies it."""
        state = secrets.token_urlsafe(32)
        now = self._clock()
        with self._lock:
            self._pending = {key: value for key, value in self._pending.items() if value.expires_at > now}
            self._pending[state] = PendingConnection(
                config, api_url, redirect_uri, _session_tag(session), now + self._ttl, company
            )
        return state

    def take(self, state: str, session: WebSession) -> PendingConnection:
        """The connection of ``state``, once; ``ConfigError`` for a state not handed out to this session."""
        with self._lock:
            pending = self._pending.get(state)
            if pending is None or not secrets.compare_digest(pending.session_tag, _session_tag(session)):
                raise ConfigError(
                    "Svaret från Visma eEkonomis inloggning hörde inte till någon anslutning som pågår här.",
                    hint=_RETRY_HINT,
                )
            del self._pending[state]
        if pending.expires_at <= self._clock():
            raise ConfigError("Inloggningen hos Visma eEkonomi tog mer än tio minuter.", hint=_RETRY_HINT)
        return pending

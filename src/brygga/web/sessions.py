"""Sessions in a signed cookie (HttpOnly, SameSite=Lax, Secure over https) carrying a CSRF token.

Lax, not Strict: Visma's identity server sends the browser back to the OAuth callback with a top-level GET
from its own site, and that request must carry the admin's session. Every change is a POST with a CSRF token.

Every visitor gets a session with a CSRF token, also before logging in, so the setup and login forms are
protected too. Logging in replaces the token, so a token seen before login is worthless afterwards.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

__all__ = ["COOKIE_NAME", "CSRF_FIELD", "CSRF_HEADER", "MAX_AGE_SECONDS", "SessionCodec", "WebSession"]

COOKIE_NAME = "brygga_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
MAX_AGE_SECONDS = 12 * 60 * 60


@dataclass
class WebSession:
    csrf: str
    admin: bool = False
    changed: bool = False

    @classmethod
    def fresh(cls) -> WebSession:
        return cls(csrf=secrets.token_urlsafe(32), changed=True)

    def log_in(self) -> None:
        self.csrf = secrets.token_urlsafe(32)
        self.admin = True
        self.changed = True

    def log_out(self) -> None:
        self.csrf = secrets.token_urlsafe(32)
        self.admin = False
        self.changed = True

    def token_matches(self, offered: str | None) -> bool:
        return bool(offered) and hmac.compare_digest(self.csrf.encode(), (offered or "").encode())


class SessionCodec:
    def __init__(self, secret: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="brygga-web-session")

    def load(self, request: Request) -> WebSession:
        raw = request.cookies.get(COOKIE_NAME)
        if not raw:
            return WebSession.fresh()
        try:
            data = self._serializer.loads(raw, max_age=MAX_AGE_SECONDS)
        except BadSignature:  # also an expired cookie: SignatureExpired is a BadSignature
            return WebSession.fresh()
        if not isinstance(data, dict) or not isinstance(data.get("csrf"), str):
            return WebSession.fresh()
        return WebSession(csrf=data["csrf"], admin=data.get("admin") is True)

    def store(self, session: WebSession, request: Request, response: Response) -> None:
        value = self._serializer.dumps({"csrf": session.csrf, "admin": session.admin})
        response.set_cookie(
            COOKIE_NAME,
            value,
            max_age=MAX_AGE_SECONDS,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
            path="/",
        )

"""A fake Visma Online identity server: authorize (approves at once) and token (code + rotating refresh)."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from brygga.eekonomi.auth import EEkonomiOAuthConfig

CONFIG = EEkonomiOAuthConfig(
    client_id="brygga-test", client_secret="s3cret-client-value", auth_url="https://identity.example.test"
)


class FakeIdentity:
    """Issues ``access-N``/``refresh-N``; a refresh token works once (rotation), as eEk's historically do."""

    def __init__(
        self,
        accepted_access_tokens: set[str] | None = None,
        *,
        refuse_refresh: bool = False,
        return_refresh_token: bool = True,
    ) -> None:
        # The API fake's set of valid bearer tokens: every issued access token is added to it.
        self.accepted_access_tokens = accepted_access_tokens if accepted_access_tokens is not None else set()
        self.refuse_refresh = refuse_refresh
        self.return_refresh_token = return_refresh_token
        self.valid_refresh_tokens = {"refresh-1"}
        self.valid_codes = {"code-1"}
        self.issued = 1
        self.token_forms: list[dict[str, str]] = []

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/connect/authorize":
            return self._authorize(request)
        if request.url.path == "/connect/token":
            return self._token(request)
        return httpx.Response(404)

    def _authorize(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        target = params["redirect_uri"] + "?" + urlencode({"code": "code-1", "state": params["state"]})
        return httpx.Response(302, headers={"Location": target})

    def _token(self, request: httpx.Request) -> httpx.Response:
        expected = base64.b64encode(f"{CONFIG.client_id}:{CONFIG.client_secret}".encode()).decode()
        if request.headers.get("Authorization") != f"Basic {expected}":
            return httpx.Response(401, json={"error": "invalid_client"})
        if not request.headers["Content-Type"].startswith("application/x-www-form-urlencoded"):
            return httpx.Response(400, json={"error": "invalid_request"})
        form = {key: values[0] for key, values in parse_qs(request.content.decode()).items()}
        self.token_forms.append(form)
        if form["grant_type"] == "refresh_token":
            granted = not self.refuse_refresh and form["refresh_token"] in self.valid_refresh_tokens
            self.valid_refresh_tokens.discard(form["refresh_token"])
        else:
            granted = form.get("code") in self.valid_codes
            self.valid_codes.discard(form.get("code", ""))
        if not granted:
            return httpx.Response(400, json={"error": "invalid_grant"})
        return self._issue()

    def _issue(self) -> httpx.Response:
        self.issued += 1
        body = {"access_token": f"access-{self.issued}", "token_type": "bearer", "expires_in": 3600}
        self.accepted_access_tokens.add(body["access_token"])
        if self.return_refresh_token:
            body["refresh_token"] = f"refresh-{self.issued}"
            self.valid_refresh_tokens.add(body["refresh_token"])
        return httpx.Response(200, content=json.dumps(body).encode())


def code_from_location(location: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}

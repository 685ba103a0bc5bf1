"""Every answer carries the headers that keep brygga's pages out of frames, to their own scripts and styles, and
their addresses (an OAuth code among them) out of other sites' referrer logs."""

from __future__ import annotations

import httpx


async def test_pages_and_fragments_carry_the_security_headers(admin: httpx.AsyncClient) -> None:
    for path, headers in (("/", {}), ("/errors", {"HX-Request": "true"}), ("/login", {}), ("/static/app.css", {})):
        response = await admin.get(path, headers=headers)
        csp = response.headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp, path
        assert "form-action" not in csp  # the eEkonomi connect form redirects to Visma's identity server
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"

"""A one-shot loopback HTTP listener that catches the OAuth redirect from the user's browser.

Plain asyncio instead of a web framework: it answers exactly one ``GET /callback?…`` (anything
else, such as ``/favicon.ico``, gets a 404) and then closes.
"""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import parse_qs, urlsplit

__all__ = ["DONE_PAGE", "FAILED_PAGE", "CallbackListener"]

DONE_PAGE = (
    "<!doctype html><html lang='sv'><meta charset='utf-8'><title>brygga</title>"
    "<body><p>Klart – du kan stänga fönstret.</p></body></html>"
)
FAILED_PAGE = (
    "<!doctype html><html lang='sv'><meta charset='utf-8'><title>brygga</title>"
    "<body><p>Anslutningen misslyckades. Gå tillbaka till brygga och försök igen.</p></body></html>"
)


def _response(status: str, html: str) -> bytes:
    body = html.encode("utf-8")
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class CallbackListener:
    """Listens on 127.0.0.1:``port`` until one request to ``path`` arrives; yields its query.

    The browser is told "Klart" only when the answer carries a code and the ``expected_state``
    (which guards against a forged redirect); the caller still decides what the query means.
    """

    def __init__(self, port: int, expected_state: str, path: str = "/callback") -> None:
        self.port = port
        self.path = path
        self._expected_state = expected_state
        self._query: asyncio.Future[dict[str, str]] | None = None
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._query = asyncio.get_running_loop().create_future()
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)

    async def wait(self, timeout: float) -> dict[str, str]:
        """The callback's query parameters (first value of each); ``TimeoutError`` after ``timeout``."""
        if self._query is None:
            raise RuntimeError("CallbackListener.start() must run before wait()")
        return await asyncio.wait_for(asyncio.shield(self._query), timeout)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            target = head.split(b"\r\n", 1)[0].split(b" ")[1].decode("ascii", errors="replace")
            url = urlsplit(target)
            if url.path != self.path or self._query is None or self._query.done():
                writer.write(_response("404 Not Found", FAILED_PAGE))
                return
            query = {key: values[0] for key, values in parse_qs(url.query).items()}
            ok = "code" in query and "error" not in query and query.get("state") == self._expected_state
            writer.write(_response("200 OK", DONE_PAGE if ok else FAILED_PAGE))
            self._query.set_result(query)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, IndexError):
            writer.write(_response("400 Bad Request", FAILED_PAGE))
        finally:
            await self._finish(writer)

    @staticmethod
    async def _finish(writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError):  # the browser went away; nothing left to tell it
            await writer.drain()
        writer.close()

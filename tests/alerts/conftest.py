"""A real store per test (SQLite, and PostgreSQL in modules marked ``both_databases``), a real SMTP server in-process
(aiosmtpd: STARTTLS with a self-signed certificate made here, and login) and a real HTTP receiver on loopback."""

from __future__ import annotations

import datetime as dt
import email
import ipaddress
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from brygga.config import Settings
from brygga.store import Store, open_store
from brygga.store.companies import CompanyRegistry

SMTP_USER = "larm@example.se"
SMTP_PASSWORD = "smtp-hemligt-9f3k"


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    CompanyRegistry(opened.db).ensure(opened.tenant)  # as every command does on first use
    yield opened
    opened.db.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (its own CA file for the client)."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


@dataclass
class Mailbox:
    messages: list[Envelope] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.messages.append(envelope)
        return "250 OK"

    def authenticate(self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any) -> AuthResult:
        if (
            isinstance(data, LoginPassword)
            and data.login.decode() == SMTP_USER
            and data.password.decode() == SMTP_PASSWORD
        ):
            self.logins.append(data.login.decode())
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    def texts(self) -> list[str]:
        """Each message decoded: its subject line, then its text."""
        result = []
        for envelope in self.messages:
            raw = envelope.original_content or envelope.content or b""
            message = email.message_from_bytes(raw if isinstance(raw, bytes) else raw.encode(), policy=policy.default)
            body = message.get_body(("plain",))
            result.append(f"Subject: {message['Subject']}\n{body.get_content() if body else ''}")
        return result


class SmtpServer:
    """aiosmtpd on 127.0.0.1: STARTTLS required before AUTH, AUTH required before mail."""

    def __init__(self, certificate: tuple[Path, Path], port: int) -> None:
        self.mailbox = Mailbox()
        self.port = port
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(certificate[0]), str(certificate[1]))
        self.controller = Controller(
            self.mailbox,
            hostname="127.0.0.1",
            port=port,
            tls_context=context,
            require_starttls=True,
            auth_require_tls=True,
            auth_required=True,
            authenticator=self.mailbox.authenticate,
        )

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def smtp_server(certificate: tuple[Path, Path], smtp_port: int) -> Iterator[SmtpServer]:
    """Made, not started: a test says when the server is up."""
    server = SmtpServer(certificate, smtp_port)
    yield server
    if getattr(server.controller, "_thread", None) is not None:
        server.stop()


def with_smtp(settings: Settings, certificate: tuple[Path, Path], port: int) -> Settings:
    return settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_user": SMTP_USER,
            "smtp_password": __import__("pydantic").SecretStr(SMTP_PASSWORD),
            "smtp_ca_file": certificate[0],
            "smtp_timeout": 5.0,
        }
    )


@dataclass
class Receiver:
    """A small HTTP server on loopback in a thread: keeps every request and answers with ``statuses`` in turn."""

    statuses: list[int] = field(default_factory=lambda: [200])
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""

    def body_json(self, index: int = -1) -> dict[str, Any]:
        return dict(json.loads(self.requests[index][1]))


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            state.requests.append(({k: v for k, v in self.headers.items()}, body))
            status = state.statuses.pop(0) if len(state.statuses) > 1 else state.statuses[0]
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    yield state
    server.shutdown()
    server.server_close()

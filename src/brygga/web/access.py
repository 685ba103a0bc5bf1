"""The admin password and the key that signs session cookies, both kept in the store's ``setting`` table.

They sit under keys starting with ``RESERVED_PREFIX``, which no transfer setting uses, so the settings form
never shows or overwrites them, and they belong to the installation (tenant ``INSTALLATION``), not to any one
company: whichever company's store is handed in, the one password guards them all. The password is kept only
as an Argon2 hash; the signing key is sealed with the store's secret key like the connection secrets.
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from brygga.connections import is_loopback
from brygga.errors import ConfigError
from brygga.store import Store
from brygga.store.companies import INSTALLATION

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "PASSWORD_KEY",
    "RESERVED_PREFIX",
    "SESSION_KEY",
    "check_bind_allowed",
    "installation_store",
    "is_loopback",
    "password_is_set",
    "session_secret",
    "set_password",
    "verify_password",
]

RESERVED_PREFIX = "web."
PASSWORD_KEY = f"{RESERVED_PREFIX}admin_password_argon2"
SESSION_KEY = f"{RESERVED_PREFIX}session_secret"
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()


def installation_store(store: Store) -> Store:
    """The installation's own settings over ``store``'s database."""
    return store if store.tenant == INSTALLATION else Store.for_tenant(store.db, INSTALLATION)


def password_is_set(store: Store) -> bool:
    return bool(installation_store(store).settings.all().get(PASSWORD_KEY))


def set_password(store: Store, password: str) -> None:
    """Store the hash of ``password``; refuses one shorter than ``MIN_PASSWORD_LENGTH``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ConfigError(
            f"Lösenordet är för kort: minst {MIN_PASSWORD_LENGTH} tecken.",
            hint="Välj en lösenfras med flera ord.",
        )
    installation_store(store).settings.set_many({PASSWORD_KEY: _hasher.hash(password)})


def verify_password(store: Store, password: str) -> bool:
    stored = installation_store(store).settings.all().get(PASSWORD_KEY)
    if not stored:
        return False
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def session_secret(store: Store) -> str:
    """The cookie-signing key, made on first use and kept so that a restart does not log everyone out."""
    own = installation_store(store)
    sealed = own.settings.all().get(SESSION_KEY)
    if sealed:
        return store.db.box.open(sealed.encode("ascii"))
    secret = secrets.token_urlsafe(48)
    own.settings.set_many({SESSION_KEY: store.db.box.seal(secret).decode("ascii")})
    return secret


def check_bind_allowed(store: Store, host: str) -> None:
    """``brygga serve`` may listen beyond this machine only once an admin password protects the pages."""
    if is_loopback(host) or password_is_set(store):
        return
    raise ConfigError(
        f"brygga lyssnar inte på {host} innan ett administratörslösenord är satt.",
        hint="Starta först med --host 127.0.0.1, öppna http://127.0.0.1:8000/ och välj ett lösenord; "
        "starta sedan om med den adress du vill.",
    )

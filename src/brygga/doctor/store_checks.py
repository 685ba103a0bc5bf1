"""The store's own health as the doctor and ``brygga status`` see it: is it private to its owner?

It holds every customer's and invoice's data; a store created by an older brygga, or copied with a loose umask,
may be readable by every user of the machine.
"""

from __future__ import annotations

import stat
from typing import TYPE_CHECKING

from brygga.doctor.results import Check, CheckResult, Msg
from brygga.store.health import others_can_read, sqlite_path

if TYPE_CHECKING:
    from brygga.store import Store

__all__ = ["STORE_PRIVACY", "check_store_privacy", "store_privacy_warning"]

STORE_PRIVACY = Check("store.privacy", Msg("Databasens behörigheter", "Database permissions"))


def store_privacy_warning(store: Store) -> Msg | None:
    """What to say when others may read the store; None when it is private or not a local file."""
    path = sqlite_path(store.db.engine.url.render_as_string(hide_password=True))
    if path is None or not others_can_read(path):
        return None
    mode = oct(stat.S_IMODE(path.stat().st_mode))[2:]
    return Msg(
        f"Databasen {path} kan läsas av andra användare på datorn (behörighet {mode}). Gör den privat: "
        f"chmod 600 {path}*",
        f"The database {path} can be read by other users of the machine (mode {mode}). Make it private: "
        f"chmod 600 {path}*",
    )


def check_store_privacy(store: Store) -> CheckResult:
    warning = store_privacy_warning(store)
    if warning is not None:
        found, action = warning.sv.split(". Gör den privat: ", 1), warning.en.split(". Make it private: ", 1)
        return STORE_PRIVACY.yellow(Msg(found[0] + ".", action[0] + "."), Msg(found[1], action[1]))
    return STORE_PRIVACY.green(
        Msg(
            "Bara ägaren kan läsa databasen (eller så styr databasservern behörigheterna).",
            "Only the owner can read the database (or the database server controls access).",
        )
    )

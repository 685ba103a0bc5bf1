"""Issue 16, goal 2: ``brygga status`` imports its own command module only (``brygga.cli.commands``).

The table of which modules a command needs must say what the modules really register, or a command would be
missing when it runs alone; these tests read the registration itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from brygga.cli.commands import COMMAND_MODULES, MODULES, command_name


def _modules_under(command: Any) -> set[str]:
    """The modules of every function registered under a Click command or group."""
    found = {command.callback.__module__} if getattr(command, "callback", None) is not None else set()
    for sub in getattr(command, "commands", {}).values():
        found |= _modules_under(sub)
    return found


def test_every_command_module_is_listed_in_registration_order() -> None:
    import brygga.cli

    files = sorted(p.stem for p in Path(brygga.cli.__file__).parent.glob("*_cmd.py"))

    assert list(MODULES) == files


def test_command_modules_are_the_modules_that_register_each_command() -> None:
    from typer.main import get_command

    from brygga.cli import app

    commands: dict[str, Any] = getattr(get_command(app), "commands", {})
    registered = {
        name: tuple(sorted(m.rsplit(".", 1)[1] for m in _modules_under(command))) for name, command in commands.items()
    }

    assert registered == {name: tuple(sorted(modules)) for name, modules in COMMAND_MODULES.items()}


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["status"], "status"),
        (["status", "--json"], "status"),
        (["--company", "5", "status"], "status"),
        (["--company=5", "schedule", "show"], "schedule"),
        (["--help"], None),
        (["--bogus", "status"], None),
        ([], None),
    ],
)
def test_command_name_is_the_first_word_after_the_main_options(args: list[str], name: str | None) -> None:
    assert command_name(args) == name

"""``python -m brygga``: the same as the ``brygga`` command."""

from brygga.cli import main

main()

"""Compile the CLI's Swedish gettext catalogue (.po) into the .mo that ships as package data.

Usage: .venv/bin/python scripts/compile_catalog.py   (tests/cli checks that the committed .mo is up to date)

A tiny msgfmt: brygga's catalogue needs msgid, msgid_plural, msgstr and msgstr[n] with one-line or continued
strings, nothing more, and Python's own Tools/i18n/msgfmt.py is not installed with Python.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "src/brygga/cli/locale/sv/LC_MESSAGES/brygga.po"


def parse_po(text: str) -> dict[str, str]:
    """msgid (with ``\\0`` between singular and plural) -> msgstr (plural forms joined by ``\\0``)."""
    entries: dict[str, str] = {}
    fields: dict[str, list[str]] = {}
    current = ""

    def flush() -> None:
        if "msgid" in fields:
            key = "".join(fields["msgid"])
            if "msgid_plural" in fields:
                key += "\0" + "".join(fields["msgid_plural"])
                forms = sorted(k for k in fields if k.startswith("msgstr["))
                value = "\0".join("".join(fields[k]) for k in forms)
            else:
                value = "".join(fields.get("msgstr", []))
            entries[key] = value
        fields.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            fields[current].append(ast.literal_eval(line))
            continue
        name, _, rest = line.partition(" ")
        if name == "msgid":
            flush()
        current = name
        fields[current] = [ast.literal_eval(rest.strip())]
    flush()
    return entries


def build_mo(entries: dict[str, str]) -> bytes:
    """The GNU .mo layout: header, two offset tables, then the strings (sorted by msgid, as gettext expects)."""
    keys = sorted(entries)
    ids = b"".join(k.encode("utf-8") + b"\0" for k in keys)
    strs = b"".join(entries[k].encode("utf-8") + b"\0" for k in keys)
    count = len(keys)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids)
    offsets: list[int] = []
    position = 0
    for k in keys:
        offsets += [len(k.encode("utf-8")), key_start + position]
        position += len(k.encode("utf-8")) + 1
    position = 0
    for k in keys:
        value = entries[k].encode("utf-8")
        offsets += [len(value), value_start + position]
        position += len(value) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    return header + struct.pack(f"{len(offsets)}i", *offsets) + ids + strs


def compile_catalogue(po: Path = CATALOGUE) -> bytes:
    return build_mo(parse_po(po.read_text(encoding="utf-8")))


def main() -> int:
    target = CATALOGUE.with_suffix(".mo")
    target.write_bytes(compile_catalogue())
    sys.stdout.write(f"{target}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

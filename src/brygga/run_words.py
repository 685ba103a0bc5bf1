"""A run's state and a category's name in words, Swedish or English: what ``brygga status`` and the run report say.

Kept apart from :mod:`brygga.report_text` (which renders the transfer engine's reports) so that the commands that
only name states and categories start without importing the transfer engine.
"""

from __future__ import annotations

from brygga.categories import CATEGORY_LABELS

__all__ = ["STATE_WORDS", "category_label", "pick", "state_word"]

STATE_WORDS = {
    "ok": ("Klar", "Done"),
    "partial": ("Delvis klar", "Partly done"),
    "failed": ("Misslyckades", "Failed"),
    "nothing": ("Inget att göra", "Nothing to do"),
    "interrupted": ("Avbruten", "Stopped"),
    "running": ("Pågår", "Running"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def category_label(category: str, lang: str = "sv") -> str:
    return pick(CATEGORY_LABELS.get(category, (category, category)), lang)


def state_word(state: str, lang: str = "sv") -> str:
    """``partial`` -> ``Delvis klar``; the words the CLI and ``brygga status`` use for a run's state."""
    return pick(STATE_WORDS.get(state, (state, state)), lang)

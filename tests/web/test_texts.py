"""Every text a template asks for exists in Swedish and English (a missing key would show the raw key)."""

from __future__ import annotations

import re

from brygga.web.i18n import TEXTS
from brygga.web.pages import TEMPLATES_DIR

_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")


def test_every_template_text_has_both_languages() -> None:
    used = {key for path in TEMPLATES_DIR.glob("*.html") for key in _KEY.findall(path.read_text(encoding="utf-8"))}
    assert len(used) > 40  # the pattern finds the texts at all
    used = {key for key in used if not key.endswith(".")}  # t("conn." ~ system): prefixes of computed keys
    missing = sorted(key for key in used if key not in TEXTS)
    assert not missing, missing
    empty = sorted(key for key in used if not all(TEXTS[key]))
    assert not empty, empty


def test_english_differs_from_swedish_where_words_are_used() -> None:
    same = sorted(key for key, (sv, en) in TEXTS.items() if sv == en and any(c.isalpha() for c in sv))
    # Names and words that are the same in both languages.
    allowed = {"app", "checklist.green", "col.state", "col.system", "conn.eekonomi", "conn.severa", "keys.id"}
    allowed |= {"direction.pm->eek", "direction.eek->pm"}
    assert set(same) <= allowed, same


def test_every_plan_action_and_direction_has_words() -> None:
    from brygga.transfer.outcome import Action

    keys = {f"action.{a.value}" for a in Action if a is not Action.NONE} | {"direction.pm->eek", "direction.eek->pm"}
    assert keys <= set(TEXTS), sorted(keys - set(TEXTS))

"""How an outcome is said to a person: the headline in the user's words, the technical detail, the hint.

Shared by the engine's outcomes and the store's records so that the CLI, the JSON and the web pages say the same.
"""

from __future__ import annotations

__all__ = ["Worded"]


class Worded:
    """Mixin for records with ``message`` (the original's or the API's own text), ``title``/``title_en`` (the
    headline in the user's words, empty when ``message`` already is brygga's Swedish sentence) and the hints."""

    __slots__ = ()  # a subclass with slots (one outcome per object of a run) then has no instance dict at all

    message: str | None
    title: str | None
    title_en: str | None
    hint: str | None
    hint_en: str | None

    def headline(self, lang: str = "sv") -> str:
        """What happened, in ``lang``: the title, else the message itself."""
        if lang == "en":
            return self.title_en or self.title or self.message or ""
        return self.title or self.message or ""

    def detail(self, lang: str = "sv") -> str:
        """The original integration's or the API's text ("Teknisk detalj"), when it is not the headline.

        Only a message with a Swedish title is such a text; without one the message is brygga's own Swedish
        sentence, which is the Swedish headline and no technical detail in either language."""
        message = self.message or ""
        return message if self.title and message != self.headline(lang) else ""

    def hint_in(self, lang: str = "sv") -> str:
        if lang == "en":
            return self.hint_en or self.hint or ""
        return self.hint or ""

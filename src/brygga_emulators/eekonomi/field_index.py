"""An equality index over one field of a collection's documents: value -> ids, kept current on every write.

It also counts the documents whose value is neither text nor null: an OData ``Field eq 'text'`` filter
may be answered from the index only when there are none, because comparing text with any other type is
an error the API reports (and a scan would have found it).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

__all__ = ["FieldIndex"]


class FieldIndex:
    def __init__(self, field: str) -> None:
        self.field = field
        self._ids: dict[Hashable, dict[str, None]] = {}  # lists and objects are left out: they equal no key
        self._not_text = 0

    @property
    def only_text(self) -> bool:
        return self._not_text == 0

    def ids(self, value: Hashable) -> list[str]:
        """The ids whose value equals ``value``, in no particular order."""
        return list(self._ids.get(value, ()))

    def add(self, doc_id: str, doc: Mapping[str, Any]) -> None:
        value = doc.get(self.field)
        if not isinstance(value, str) and value is not None:
            self._not_text += 1
        if isinstance(value, Hashable):
            self._ids.setdefault(value, {})[doc_id] = None

    def remove(self, doc_id: str, doc: Mapping[str, Any]) -> None:
        value = doc.get(self.field)
        if not isinstance(value, str) and value is not None:
            self._not_text -= 1
        if isinstance(value, Hashable):
            bucket = self._ids.get(value)
            if bucket is not None:
                bucket.pop(doc_id, None)
                if not bucket:
                    del self._ids[value]

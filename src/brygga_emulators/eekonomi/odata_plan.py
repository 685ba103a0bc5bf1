"""Which documents can a ``$filter`` match at all? For ``Field eq 'text'`` the collection's index knows.

``equality_terms`` finds, in a parsed filter, the ``Field eq 'text'`` (or ``eq null``) comparisons that bound
it: the filter itself, the first operand of an ``and`` (evaluated first: when it is false the rest is never
looked at), or every operand of an ``or``. Evaluating the whole filter on the documents those terms select
gives exactly the scan's answer, provided every document holds text or null in those fields (then a
document outside the selection makes each term false without an error, as the scan would find it); the
caller checks that with ``Collection.holds_only_text``. Anything else (``ne``, ranges, functions, ``not``,
date-time fields) has no terms, and the list is filtered by a scan.
"""

from __future__ import annotations

from collections.abc import Collection

from .odata import Filter, _Compare, _Literal, _Logical, _Node, _Property

__all__ = ["equality_terms"]

Term = tuple[str, str | None]


def equality_terms(condition: Filter, excluded: Collection[str] = ()) -> list[Term] | None:
    """(field, value) pairs whose matches contain every match of ``condition``, or None when there are none.

    ``excluded`` names fields the documents do not hold themselves (filter-only properties)."""
    return _terms(condition.root, excluded)


def _terms(node: _Node, excluded: Collection[str]) -> list[Term] | None:
    if isinstance(node, _Logical):
        left = _terms(node.left, excluded)
        if node.operator == "and" or left is None:
            return left
        right = _terms(node.right, excluded)
        return None if right is None else [*left, *right]
    if isinstance(node, _Compare) and node.operator == "eq":
        term = _term(node.left, node.right, excluded) or _term(node.right, node.left, excluded)
        return [term] if term is not None else None
    return None


def _term(side: _Node, other: _Node, excluded: Collection[str]) -> Term | None:
    if not isinstance(side, _Property) or side.is_datetime or side.name in excluded:
        return None
    if not isinstance(other, _Literal) or not (other.literal is None or isinstance(other.literal, str)):
        return None
    return side.name, other.literal

"""Match concrete request paths to an OpenAPI document's path templates.

OpenAPI says concrete paths match before templated ones; templates with the same shape but different
parameter names (eEkonomi has ``/articlelabels/{articleLabelId}`` for PUT and ``/articlelabels/
{articlelabelid}`` for GET) are the same route, so the method decides between them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from tests.support.spec_loading import escape_pointer_token

__all__ = ["HTTP_METHODS", "Candidate", "Operation", "PathIndex", "RouteMatch"]

HTTP_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options", "trace"})
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    pointer: str  # JSON pointer of the operation object inside the spec document
    spec: Mapping[str, Any]


@dataclass(frozen=True)
class Candidate:
    operation: Operation
    path_params: Mapping[str, str]


@dataclass(frozen=True)
class RouteMatch:
    """Result of matching: the operations the path and method may mean (several when the spec has
    equivalent templates with the same method, as Severa's ``/v1/localization/countries/{code2}`` and
    ``/{guid}``), else none and the templates that matched the path without declaring the method."""

    candidates: tuple[Candidate, ...]
    templates: tuple[str, ...]

    @property
    def operation(self) -> Operation | None:
        return self.candidates[0].operation if self.candidates else None


@dataclass(frozen=True)
class _Template:
    template: str
    regex: re.Pattern[str]
    group_names: Mapping[str, str]
    specificity: tuple[int, ...]
    operations: Mapping[str, Operation]


def _segment_rank(segment: str) -> int:
    """0 for a literal segment, 1 for a mixed one (``{id}.pdf``), 2 for a bare parameter."""
    placeholders = _PLACEHOLDER.findall(segment)
    if not placeholders:
        return 0
    return 2 if _PLACEHOLDER.fullmatch(segment) else 1


def _compile(template: str) -> tuple[re.Pattern[str], dict[str, str]]:
    groups: dict[str, str] = {}
    pattern = ""
    position = 0
    for index, match in enumerate(_PLACEHOLDER.finditer(template)):
        group = f"p{index}"
        groups[group] = match.group(1)
        pattern += re.escape(template[position : match.start()]) + f"(?P<{group}>[^/]+)"
        position = match.end()
    pattern += re.escape(template[position:])
    return re.compile(pattern), groups


def _build_template(template: str, item: Mapping[str, Any]) -> _Template:
    regex, groups = _compile(template)
    operations = {
        method.upper(): Operation(
            method=method.upper(),
            template=template,
            pointer=f"/paths/{escape_pointer_token(template)}/{method}",
            spec=operation,
        )
        for method, operation in item.items()
        if method in HTTP_METHODS
    }
    specificity = tuple(_segment_rank(segment) for segment in template.strip("/").split("/"))
    return _Template(template, regex, groups, specificity, operations)


class PathIndex:
    """All path templates of one spec, ready to match concrete paths."""

    def __init__(self, paths: Mapping[str, Mapping[str, Any]]) -> None:
        self._templates = [_build_template(template, item) for template, item in paths.items()]
        self._cache: dict[tuple[str, str], RouteMatch] = {}

    def match(self, method: str, path: str) -> RouteMatch:
        key = (method.upper(), path)
        if key not in self._cache:
            self._cache[key] = self._match(method.upper(), path)
        return self._cache[key]

    def _match(self, method: str, path: str) -> RouteMatch:
        candidates: list[tuple[_Template, re.Match[str]]] = []
        for template in self._templates:
            found = template.regex.fullmatch(path)
            if found is not None:
                candidates.append((template, found))
        if not candidates:
            return RouteMatch((), ())
        best = min(template.specificity for template, _ in candidates)
        same_route = [(template, found) for template, found in candidates if template.specificity == best]
        declaring = tuple(
            Candidate(template.operations[method], _params(template, found))
            for template, found in same_route
            if method in template.operations
        )
        return RouteMatch(declaring, tuple(template.template for template, _ in same_route))


def _params(template: _Template, found: re.Match[str]) -> dict[str, str]:
    return {template.group_names[group]: unquote(value) for group, value in found.groupdict().items()}

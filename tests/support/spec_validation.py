"""Validate HTTP requests and responses against the official eEkonomi and Severa OpenAPI specs.

Why not openapi-core (0.23)? It refuses the official eEkonomi document outright: its spec validator
stops at ``/articlelabels/{articlelabelid}`` ("path parameter was not resolved"), it matches requests
by ``servers`` (ours are loopback and ASGI hosts) and it parses bodies with floats. A small path
matcher (``path_matching``) plus ``jsonschema`` Draft 2020-12 with ``referencing`` (``schema_checks``)
is about as much code as the adapters openapi-core would need, validates Decimal-parsed bodies, and a
check costs well under a millisecond.

Rules, per exchange:
- the concrete path must match a spec template that declares the method ("not in spec" otherwise);
  equivalent templates with the same method (Severa's ``/v1/localization/countries/{code2}`` and
  ``/{guid}``) are tried in turn, and the exchange passes when any of them fits;
- path and query parameters are coerced from text by their schema type, then validated; an undeclared
  query parameter is a problem except eEkonomi's OData options, which the docs describe only in prose;
- a request body must match the operation's ``requestBody`` schema, without read-only properties;
- a response status must be declared (exactly, as ``2XX`` or as ``default``) or listed in
  ``OUTSIDE_SPEC_STATUSES``; its body must match the declared schema;
- a response declared without content must come without a body, except error statuses, whose optional
  JSON body must have the API's error shape.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import parse_qs, urlsplit

import simplejson

from tests.support.path_matching import Candidate, Operation, PathIndex, RouteMatch
from tests.support.schema_checks import Direction, SchemaChecker
from tests.support.spec_loading import SpecDocument, eekonomi_spec, resolve_pointer, severa_spec

__all__ = ["OUTSIDE_SPEC_STATUSES", "OutsideSpecStatus", "SpecValidator"]

_NOT_JSON = object()


@dataclass(frozen=True)
class OutsideSpecStatus:
    """A status an API documents in prose but not in its spec, with the body schema that applies."""

    system: str
    low: int
    high: int
    error_schema: str  # component schema name the body must match
    required: tuple[str, ...] = ()  # fields the prose says are always present
    body_required: bool = False

    def covers(self, system: str, status: int) -> bool:
        return self.system == system and self.low <= status <= self.high


OUTSIDE_SPEC_STATUSES: tuple[OutsideSpecStatus, ...] = (
    # eaccounting-api.md §5: over 600 calls/min per endpoint answers 429 with
    # {"ErrorCode": 4010, "DeveloperErrorMessage": "... Try again in N seconds.", "ErrorId": "<guid>"}.
    OutsideSpecStatus(
        "eekonomi", 429, 429, "CommonExtendedBadRequest", ("ErrorCode", "DeveloperErrorMessage", "ErrorId")
    ),
    # eaccounting-api.md §3: access tokens live 60 minutes; a call made with an expired or revoked token answers
    # 401 whatever the operation, although the spec declares 401 only on some of them.
    OutsideSpecStatus("eekonomi", 401, 401, "CommonExtendedBadRequest"),
    # The original integration's error table quotes "The remote server returned an error: (409) Conflict" for an
    # invoice row whose article is inactive in eEkonomi; no operation declares 409 (eaccounting-api.md §8).
    OutsideSpecStatus("eekonomi", 409, 409, "CommonExtendedBadRequest"),
    # eaccounting-api.md §8: ErrorCode 3000 ResourceNotFound; the API answers 404 for an unknown id on any
    # id route, although the spec declares 404 on only some operations.
    OutsideSpecStatus("eekonomi", 404, 404, "CommonExtendedBadRequest"),
    # eaccounting-api.md §8: 5000 InternalServerError, 5001 CantReachSystemDependency, 5002 ... are
    # documented error codes; no operation declares a 5xx. A gateway may answer without a body.
    OutsideSpecStatus("eekonomi", 500, 599, "CommonExtendedBadRequest"),
    # severa-fit.md §3.5: "400, 401 and 429 are not listed"; every error body is an ExceptionModel.
    # Operations with a `default` response already cover these; the rows matter for those without.
    OutsideSpecStatus("severa", 400, 400, "ExceptionModel", body_required=True),
    # severa-fit.md §3.5: AuthenticationRequired -> refresh the token and retry once.
    OutsideSpecStatus("severa", 401, 401, "ExceptionModel"),
    # severa-fit.md §3.4: no REST rate limit is documented, but clients retry 429 with Retry-After.
    OutsideSpecStatus("severa", 429, 429, "ExceptionModel"),
    # severa-fit.md §3.5: InternalSystemError and 5xx -> retry with backoff.
    OutsideSpecStatus("severa", 500, 599, "ExceptionModel"),
)


@dataclass(frozen=True)
class _ApiProfile:
    system: str
    mount_prefix: str  # where our emulator (and the real API) serve the spec's paths
    mount_required: bool
    skipped_prefixes: tuple[str, ...]  # served under the same host but not part of this spec
    free_query_params: frozenset[str]  # accepted although the spec does not declare them
    error_schema: str
    base_uri: str


_EEKONOMI = _ApiProfile(
    system="eekonomi",
    mount_prefix="/v2",
    mount_required=True,
    # OAuth lives on identity.vismaonline.com/connect; our emulator serves it on the same host.
    skipped_prefixes=("/connect/",),
    # eaccounting-api.md §1/§6/§7: OData options exist only in prose; never declared as parameters.
    free_query_params=frozenset({"$page", "$pagesize", "$filter", "$orderby", "$select"}),
    error_schema="CommonExtendedBadRequest",
    base_uri="urn:brygga:spec:eekonomi",
)
_SEVERA = _ApiProfile(
    system="severa",
    # The real base is https://api.severa.visma.com/rest-api; the spec's paths start with /v1.
    mount_prefix="/rest-api",
    mount_required=False,
    skipped_prefixes=(),
    free_query_params=frozenset(),
    error_schema="ExceptionModel",
    base_uri="urn:brygga:spec:severa",
)


class SpecValidator:
    """Checks one API's traffic against its official spec; every check returns a list of problems."""

    def __init__(self, document: SpecDocument, profile: _ApiProfile) -> None:
        self._document = document
        self._profile = profile
        self._paths = PathIndex(document["paths"])
        self._schemas = SchemaChecker(document, profile.base_uri)

    @classmethod
    @functools.cache
    def eekonomi(cls) -> SpecValidator:
        """Validator for eAccounting API v2 traffic (``/v2/...``; ``/connect/...`` is skipped)."""
        return cls(eekonomi_spec(), _EEKONOMI)

    @classmethod
    @functools.cache
    def severa(cls) -> SpecValidator:
        """Validator for Severa REST API v1 traffic (``/v1/...``, optionally under ``/rest-api``)."""
        return cls(severa_spec(), _SEVERA)

    @property
    def system(self) -> str:
        return self._profile.system

    # public checks ------------------------------------------------------------------------------------
    def template_of(self, method: str, url: str) -> str | None:
        """The spec template (with the mount prefix) a request maps to, for grouping reports."""
        spec_path = self._spec_path(urlsplit(url).path)
        if spec_path is None:
            return None
        route = self._paths.match(method, spec_path)
        if route.operation is None:
            return None
        prefix = self._profile.mount_prefix if self._profile.mount_required else ""
        return prefix + route.operation.template

    def is_skipped(self, url: str) -> bool:
        path = urlsplit(url).path
        return any(path.startswith(prefix) for prefix in self._profile.skipped_prefixes)

    def validate_request(self, method: str, url: str, body: bytes | None, content_type: str | None) -> list[str]:
        if self.is_skipped(url):
            return []
        parts = urlsplit(url)
        route, problems = self._route(method, parts.path)
        if problems:
            return problems

        def check(candidate: Candidate) -> list[str]:
            operation = candidate.operation
            return [
                *self._path_param_problems(operation, candidate.path_params),
                *self._query_problems(operation, parts.query),
                *self._request_body_problems(operation, body, content_type),
            ]

        return _first_fitting(route, check)

    def validate_response(
        self, method: str, url: str, status: int, body: bytes | None, content_type: str | None
    ) -> list[str]:
        if self.is_skipped(url):
            return []
        route, problems = self._route(method, urlsplit(url).path)
        if problems:
            return problems
        return _first_fitting(route, lambda candidate: self._response_problems(candidate, status, body, content_type))

    def _response_problems(
        self, candidate: Candidate, status: int, body: bytes | None, content_type: str | None
    ) -> list[str]:
        operation = candidate.operation
        declared = _declared_response(operation.spec.get("responses", {}), status)
        if declared is not None:
            key, response = declared
            pointer = f"{operation.pointer}/responses/{key}"
            return self._declared_response_problems(pointer, response, status, body, content_type)
        outside = next((row for row in OUTSIDE_SPEC_STATUSES if row.covers(self.system, status)), None)
        if outside is None:
            listed = ", ".join(operation.spec.get("responses", {}))
            return [f"status {status} not declared in spec (declared: {listed})"]
        return self._outside_status_problems(outside, body, content_type)

    # routing ------------------------------------------------------------------------------------------
    def _spec_path(self, path: str) -> str | None:
        prefix = self._profile.mount_prefix
        if path == prefix or path.startswith(prefix + "/"):
            return path[len(prefix) :] or "/"
        return None if self._profile.mount_required else path

    def _route(self, method: str, path: str) -> tuple[RouteMatch, list[str]]:
        spec_path = self._spec_path(path)
        if spec_path is None:
            problem = f"not in spec: path is not under {self._profile.mount_prefix}"
            return RouteMatch((), ()), [problem]
        route = self._paths.match(method, spec_path)
        if route.candidates:
            return route, []
        if route.templates:
            templates = " / ".join(route.templates)
            return route, [f"not in spec: {method.upper()} is not declared for {templates}"]
        return route, [f"not in spec: no path template matches {spec_path}"]

    # parameters ---------------------------------------------------------------------------------------
    def _parameters(self, operation: Operation, location: str) -> list[tuple[dict[str, Any], str]]:
        """(parameter, pointer of its schema) for every parameter of the operation in ``location``."""
        found = []
        path_item_pointer = operation.pointer.rsplit("/", 1)[0]
        for owner_pointer in (path_item_pointer, operation.pointer):
            owner = resolve_pointer(self._document, owner_pointer)
            for index, parameter in enumerate(owner.get("parameters", [])):
                pointer = f"{owner_pointer}/parameters/{index}"
                if "$ref" in parameter:
                    pointer = parameter["$ref"].lstrip("#")
                    parameter = resolve_pointer(self._document, pointer)
                if parameter.get("in") == location:
                    found.append((parameter, f"{pointer}/schema"))
        return found

    def _path_param_problems(self, operation: Operation, values: Mapping[str, str]) -> list[str]:
        problems = []
        for parameter, schema_pointer in self._parameters(operation, "path"):
            name = parameter["name"]
            if name not in values:
                continue  # the template and its parameter list disagree (a spec defect); nothing to check
            value = self._coerce(schema_pointer, [values[name]])
            problems += self._schemas.problems(value, schema_pointer, "request", f"path parameter {name}")
        return problems

    def _query_problems(self, operation: Operation, query: str) -> list[str]:
        sent = parse_qs(query, keep_blank_values=True)
        problems = []
        declared = self._parameters(operation, "query")
        for parameter, schema_pointer in declared:
            name = parameter["name"]
            if name not in sent:
                if parameter.get("required"):
                    problems.append(f"query parameter {name} is required but missing")
                continue
            value = self._coerce(schema_pointer, sent[name])
            if isinstance(value, _Repeated):
                problems.append(f"query parameter {name} is sent {len(value.values)} times")
                continue
            problems += self._schemas.problems(value, schema_pointer, "request", f"query parameter {name}")
        known = {parameter["name"] for parameter, _ in declared} | self._profile.free_query_params
        problems += [f"query parameter {name} not in spec" for name in sent if name not in known]
        return problems

    def _coerce(self, schema_pointer: str, texts: Sequence[str]) -> Any:
        """Turn query/path text into the JSON value the parameter schema describes."""
        schema = self._resolved(resolve_pointer(self._document, schema_pointer))
        types = _types(schema)
        if "array" in types:
            items = self._resolved(schema.get("items", {}))
            return [_coerce_text(text, _types(items)) for text in texts]
        if len(texts) > 1:
            return _Repeated(tuple(texts))
        return _coerce_text(texts[0], types)

    def _resolved(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        while "$ref" in schema:
            schema = resolve_pointer(self._document, schema["$ref"].lstrip("#"))
        return schema

    # bodies -------------------------------------------------------------------------------------------
    def _request_body_problems(self, operation: Operation, body: bytes | None, content_type: str | None) -> list[str]:
        request_body = operation.spec.get("requestBody")
        if request_body is None:
            return ["request body sent but the spec declares none"] if body else []
        if not body:
            return ["request body is required but missing"] if request_body.get("required") else []
        pointer = f"{operation.pointer}/requestBody"
        return self._content_problems(pointer, request_body, body, content_type, "request", "request body")

    def _declared_response_problems(
        self, pointer: str, response: Mapping[str, Any], status: int, body: bytes | None, ctype: str | None
    ) -> list[str]:
        if "content" in response:
            if not body:
                return [f"response body missing: spec declares {', '.join(response['content'])}"]
            return self._content_problems(pointer, response, body, ctype, "response", "response body")
        if not body:
            return []
        if status >= 400:
            # Declared without content (eEkonomi's 401/403/404, Severa's 404): the docs say errors carry
            # the API's error body, so an error body must at least have that shape.
            return self._error_body_problems(self._profile.error_schema, (), body, ctype)
        return [f"response has a body but the spec declares none for status {status}"]

    def _outside_status_problems(
        self, outside: OutsideSpecStatus, body: bytes | None, content_type: str | None
    ) -> list[str]:
        if not body:
            return ["response body missing: expected an error body"] if outside.body_required else []
        return self._error_body_problems(outside.error_schema, outside.required, body, content_type)

    def _error_body_problems(
        self, schema_name: str, required: tuple[str, ...], body: bytes, content_type: str | None
    ) -> list[str]:
        if not _is_json(content_type):
            return [f"error body is {content_type or 'untyped'}, expected application/json"]
        parsed = _parse_json(body)
        if parsed is _NOT_JSON:
            return ["error body is not valid JSON"]
        schema = {
            "allOf": [self._schemas.reference(f"/components/schemas/{schema_name}")],
            "required": list(required),
        }
        return self._schemas.schema_problems(parsed, schema, f"error body ({schema_name})")

    def _content_problems(
        self,
        owner_pointer: str,
        owner: Mapping[str, Any],
        body: bytes,
        content_type: str | None,
        direction: Direction,
        where: str,
    ) -> list[str]:
        media_type = _media_type(content_type)
        declared = owner.get("content", {})
        key = _matching_media_type(declared, media_type)
        if key is None:
            return [f"{where} has content type {media_type or 'none'}; spec declares {', '.join(declared)}"]
        if not _is_json(media_type) or "schema" not in declared[key]:
            return []  # binary and text media types: the schema (if any) describes bytes, not JSON
        parsed = _parse_json(body)
        if parsed is _NOT_JSON:
            return [f"{where} is not valid JSON"]
        pointer = f"{owner_pointer}/content/{key.replace('~', '~0').replace('/', '~1')}/schema"
        return self._schemas.problems(parsed, pointer, direction, where)


def _first_fitting(route: RouteMatch, check: Callable[[Candidate], list[str]]) -> list[str]:
    """No problems when any equivalent operation fits; else the problems of the closest one."""
    verdicts = []
    for candidate in route.candidates:
        problems = check(candidate)
        if not problems:
            return []
        verdicts.append((len(problems), candidate.operation.template, problems))
    _, template, problems = min(verdicts, key=lambda verdict: verdict[0])
    if len(route.candidates) == 1:
        return problems
    return [
        f"{problem} (as {template}, the closest of {len(route.candidates)} equivalent paths)" for problem in problems
    ]


@dataclass(frozen=True)
class _Repeated:
    values: tuple[str, ...]


def _types(schema: Mapping[str, Any]) -> set[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return {declared}
    if isinstance(declared, list):
        return set(declared)
    return set()


def _coerce_text(text: str, types: set[str]) -> Any:
    """Parameter text as its JSON type when it parses as one; unparsable text stays a string so the
    schema reports the type error."""
    if "integer" in types and text.lstrip("-").isdigit():
        return int(text)
    if "number" in types:
        try:
            return Decimal(text)
        except InvalidOperation:
            return text
    if "boolean" in types and text in ("true", "false"):
        return text == "true"
    return text


def _declared_response(responses: Mapping[str, Any], status: int) -> tuple[str, Mapping[str, Any]] | None:
    for key in (str(status), f"{str(status)[0]}XX", f"{str(status)[0]}xx", "default"):
        if key in responses:
            return key, responses[key]
    return None


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def _matching_media_type(declared: Mapping[str, Any], media_type: str | None) -> str | None:
    if media_type is None:
        return None
    for key in declared:
        pattern = key.lower()
        if pattern in (media_type, "*/*") or (pattern.endswith("/*") and media_type.startswith(pattern[:-1])):
            return key
    return None


def _is_json(content_type: str | None) -> bool:
    media_type = _media_type(content_type)
    return media_type is not None and (media_type == "application/json" or media_type.endswith("+json"))


def _parse_json(body: bytes) -> Any:
    try:
        return simplejson.loads(body, use_decimal=True)
    except (ValueError, UnicodeDecodeError):
        return _NOT_JSON

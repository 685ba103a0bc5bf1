"""``/v1/projectfees`` and ``/v1/projects/{projectGuid}/projectfees`` (token paging, no documented limit).

Fees have no external reference and Severa takes no idempotency key, so a create is never resent
(the transport does not retry a POST): the caller keeps its own map of what it created and
reconciles through :meth:`ProjectFeesService.for_project` when an answer was lost.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

from brygga.severa.fee_models import ProjectFee
from brygga.severa.query import query_items
from brygga.severa.service_base import Service

__all__ = ["ProjectFeesService"]


class ProjectFeesService(Service):
    """Project fees: the costs (and billable prices) booked on a project."""

    _LIST = "/v1/projectfees"
    _ONE = "/v1/projectfees/{guid}"
    _OF_PROJECT = "/v1/projects/{projectGuid}/projectfees"

    async def create(self, fee: ProjectFee) -> ProjectFee:
        """POST one fee and return it as created.

        The spec answers this POST with an array of fees; the one created is its first (and only)
        element. An empty array is a server error whose outcome is unknown, never a reason to resend.
        """
        return await self._create(fee, self._LIST)

    def iter(self, *, changed_since: datetime | None = None) -> AsyncIterator[ProjectFee]:
        """Every fee of the organisation; ``changed_since`` is inclusive."""
        return self._iter_token(ProjectFee, self._LIST, query=query_items(changedSince=changed_since))

    async def for_project(self, project_guid: str) -> list[ProjectFee]:
        """All fees of one project, billed or not, in Severa's order."""
        params = {"projectGuid": project_guid}
        return [fee async for fee in self._iter_token(ProjectFee, self._OF_PROJECT, path_params=params)]

    async def get(self, guid: str) -> ProjectFee:
        return await self._get(ProjectFee, self._ONE, {"guid": guid})

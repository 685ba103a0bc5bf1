"""``/v1/projects``: read-only access to Severa projects (token paging, at most 100 rows a page)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import datetime

from brygga.severa.pages import LIMITED_TOKEN_PAGE_ROWS, Query
from brygga.severa.project_models import Project
from brygga.severa.query import query_items
from brygga.severa.service_base import Page, Service

__all__ = ["ProjectsService"]


class ProjectsService(Service):
    """``/v1/projects``; brygga reads projects and never writes them."""

    _LIST = "/v1/projects"
    _ONE = "/v1/projects/{guid}"

    async def list(
        self,
        *,
        page_token: str | None = None,
        row_count: int = LIMITED_TOKEN_PAGE_ROWS,
        changed_since: datetime | None = None,
        is_closed: bool | None = None,
        numbers: Iterable[int] | None = None,
    ) -> Page[Project]:
        query = _project_query(changed_since, is_closed, numbers)
        return await self._token_page(Project, self._LIST, query=query, page_token=page_token, row_count=row_count)

    def iter(
        self,
        *,
        changed_since: datetime | None = None,
        is_closed: bool | None = None,
        numbers: Iterable[int] | None = None,
    ) -> AsyncIterator[Project]:
        """Every matching project, sales cases included (tell them apart by ``salesStatus``)."""
        query = _project_query(changed_since, is_closed, numbers)
        return self._iter_token(Project, self._LIST, query=query, row_count=LIMITED_TOKEN_PAGE_ROWS)

    async def get(self, guid: str) -> Project:
        return await self._get(Project, self._ONE, {"guid": guid})


def _project_query(changed_since: datetime | None, is_closed: bool | None, numbers: Iterable[int] | None) -> Query:
    return query_items(changedSince=changed_since, isClosed=is_closed, numbers=numbers)

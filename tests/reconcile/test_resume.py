"""An interrupted reconcile is continued by the next run: the categories it had finished are not read again and
their findings are kept."""

from __future__ import annotations

import asyncio

import pytest

from brygga.reconcile import engine
from brygga.reconcile.model import CategoryCheck, Sources
from tests.reconcile.test_findings import reconcile, rename_in_eekonomi, said
from tests.scenarios.harness import World

pytestmark = pytest.mark.scenario


async def test_r10_an_interrupted_reconcile_continues_where_it_stopped(
    transferred: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    await transferred.with_session(lambda s: rename_in_eekonomi(s, "20003", "Omdöpt AB"))
    read: list[str] = []

    def counting(name: str) -> engine.Check:
        check = engine.CHECKS[name]

        async def counted(src: Sources) -> CategoryCheck:
            read.append(name)
            return await check(src)

        return counted

    async def stopped(src: Sources) -> CategoryCheck:
        raise asyncio.CancelledError  # Ctrl+C while the articles are read

    monkeypatch.setitem(engine.CHECKS, "customers", counting("customers"))
    articles = counting("articles")
    monkeypatch.setitem(engine.CHECKS, "articles", stopped)
    with pytest.raises(asyncio.CancelledError):
        await reconcile(transferred, "customers", "articles")
    runs = engine.reconcile_store(transferred.store)
    assert runs.latest_run().status == "interrupted"  # type: ignore[union-attr]

    monkeypatch.setitem(engine.CHECKS, "articles", articles)
    result = await reconcile(transferred, "customers", "articles")
    assert result.resumed and result.skipped_done == ("customers",)
    assert read == ["customers", "articles"]  # customers were read once, by the interrupted run
    assert said(result) == [("customers", "field_differs", "20003")]  # its findings kept
    assert result.status == "findings"

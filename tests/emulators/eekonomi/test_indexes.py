"""The eEkonomi emulator's field indexes and kept lists stay correct through writes; ``filled:N`` seeds what POSTs
would store. Speed is measured in benchmarks/emulator_scale.py; these tests prove the answers."""

from __future__ import annotations

from typing import Any

import httpx

from brygga_emulators.eekonomi import build_emulator
from brygga_emulators.eekonomi.demo_data import terms_of_payment_id
from brygga_emulators.eekonomi.filled_data import filled_article_body, filled_customer_body
from brygga_emulators.eekonomi.reference_data import coding_id, unit_id

from .support import JSON_HEADERS, FakeClock, bearer, customer_body, json_content, obtain_tokens


async def _matching(api: httpx.AsyncClient, path: str, condition: str, **params: Any) -> list[dict[str, Any]]:
    response = await api.get(path, params={"$filter": condition, **params})
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["Data"]
    return data


async def test_renamed_customer_is_found_by_its_new_name_and_not_its_old(api: httpx.AsyncClient) -> None:
    created = (await api.post("/v2/customers", json=customer_body(Name="Gamla Namnet AB"))).json()
    assert [c["Id"] for c in await _matching(api, "/v2/customers", "Name eq 'Gamla Namnet AB'")] == [created["Id"]]
    renamed = await api.put(f"/v2/customers/{created['Id']}", json=customer_body(Name="Nya Namnet AB"))
    assert renamed.status_code == 200, renamed.text
    assert [c["Id"] for c in await _matching(api, "/v2/customers", "Name eq 'Nya Namnet AB'")] == [created["Id"]]
    assert await _matching(api, "/v2/customers", "Name eq 'Gamla Namnet AB'") == []


async def test_deleted_customer_frees_its_number_for_the_filter_and_for_a_new_customer(api: httpx.AsyncClient) -> None:
    created = (await api.post("/v2/customers", json=customer_body(CustomerNumber="4711"))).json()
    assert (await api.post("/v2/customers", json=customer_body(CustomerNumber="4711"))).status_code == 400
    assert (await api.delete(f"/v2/customers/{created['Id']}")).status_code == 200
    assert await _matching(api, "/v2/customers", "CustomerNumber eq '4711'") == []
    again = await api.post("/v2/customers", json=customer_body(CustomerNumber="4711", Name="Ny ägare AB"))
    assert again.status_code == 201, again.text
    [found] = await _matching(api, "/v2/customers", "CustomerNumber eq '4711'")
    assert found["Name"] == "Ny ägare AB"


async def test_or_of_equalities_answers_in_creation_order_with_the_right_totals(api: httpx.AsyncClient) -> None:
    for number in ("801", "802", "803"):
        assert (await api.post("/v2/customers", json=customer_body(CustomerNumber=number))).status_code == 201
    condition = "CustomerNumber eq '803' or CustomerNumber eq '801' or Name eq 'Ingen sådan'"
    response = await api.get("/v2/customers", params={"$filter": condition, "$pagesize": 1, "$page": 2})
    body = response.json()
    assert [c["CustomerNumber"] for c in body["Data"]] == ["803"]
    assert (body["Meta"]["TotalNumberOfResults"], body["Meta"]["TotalNumberOfPages"]) == (2, 2)


async def test_type_clash_in_a_filter_is_still_reported_when_nothing_matches_the_indexed_part(
    api: httpx.AsyncClient,
) -> None:
    # The second operand of an "and" is evaluated only for documents matching the first (none here) ...
    assert await _matching(api, "/v2/customers", "Name eq 'Ingen sådan' and IsActive eq 'x'") == []
    # ... but a clash in the first operand is found on every document, as a scan finds it.
    clash = await api.get("/v2/customers", params={"$filter": "IsActive eq 'x' and Name eq 'Ingen sådan'"})
    assert clash.status_code == 400
    assert clash.json()["ErrorCode"] == 6000


async def test_filled_data_set_holds_what_posts_of_the_same_bodies_store() -> None:
    clock = FakeClock()
    filled = build_emulator("filled:30", clock=clock)
    empty = build_emulator("empty", clock=clock)
    async with (
        httpx.AsyncClient(transport=httpx.ASGITransport(app=filled.app), base_url="http://eek.test") as seeded,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=empty.app), base_url="http://eek.test") as posted,
    ):
        for client in (seeded, posted):
            client.headers.update(bearer(await obtain_tokens(client)))
        customer_body_7 = filled_customer_body(7, terms_of_payment_id(30))
        article_body_7 = filled_article_body(7, coding_id("Tjänster 25% moms"), unit_id("st"))
        post_customer = (await posted.post("/v2/customers", json=customer_body_7)).json()
        post_article = (
            await posted.post("/v2/articles", content=json_content(article_body_7), headers=JSON_HEADERS)
        ).json()
        [customer] = await _matching(seeded, "/v2/customers", "CustomerNumber eq '20008'")
        [article] = await _matching(seeded, "/v2/articles", "Number eq 'B-00008'")
        assert {**customer, "Id": None} == {**post_customer, "Id": None}
        assert {**article, "Id": None} == {**post_article, "Id": None}
        everything = await seeded.get("/v2/articles", params={"$pagesize": 1000})
        assert everything.json()["Meta"]["TotalNumberOfResults"] == 30

"""``/v2/articles`` and ``/v2/articles/{articleId}`` (the API has no DELETE: articles are deactivated)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .articles import ARTICLE_DATETIME_FIELDS, ARTICLE_FIELD_NAMES, ARTICLE_FILTER_ONLY, ArticleBook
from .bodies import read_json_object
from .context import EmulatorContext
from .jsonio import DecimalJSONResponse
from .paging import ListQuery, list_page
from .pipeline import Operation, api_route

__all__ = ["article_routes"]

READ = ("ea:sales", "ea:sales_readonly")
WRITE = ("ea:sales",)

# ``showPricesWithTwoDecimals`` and ``customerId`` are accepted and change nothing: prices are stored
# with two decimals, and the company has no price lists or discount agreements a customer could have.


def article_routes(context: EmulatorContext) -> list[Route]:
    book = ArticleBook(context.store, context.clock)

    async def list_articles(request: Request) -> Response:
        query = ListQuery.from_params(request.query_params)
        documents = context.store.articles
        page = list_page(
            documents, query, context.clock(), ARTICLE_FIELD_NAMES, ARTICLE_DATETIME_FIELDS, ARTICLE_FILTER_ONLY
        )
        return DecimalJSONResponse(page)

    async def create_article(request: Request) -> Response:
        body = await read_json_object(request, "ArticleApi")
        return DecimalJSONResponse(book.create(body), status_code=201)

    async def get_article(request: Request) -> Response:
        return DecimalJSONResponse(book.get(request.path_params["articleId"]))

    async def replace_article(request: Request) -> Response:
        article_id = request.path_params["articleId"]
        book.get(article_id)  # an unknown id is 404 before the body is even looked at
        body = await read_json_object(request, "ArticleApi")
        return DecimalJSONResponse(book.replace(article_id, body))

    return [
        api_route(
            context,
            "/v2/articles",
            {"GET": Operation.of(list_articles, READ), "POST": Operation.of(create_article, WRITE)},
        ),
        api_route(
            context,
            "/v2/articles/{articleId}",
            {"GET": Operation.of(get_article, READ), "PUT": Operation.of(replace_article, WRITE)},
        ),
    ]

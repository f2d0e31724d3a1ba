"""Pages of a list with links to the others, in the body (HAL style `_links`)."""

from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

MAX_PAGE_SIZE = 100
# Within what the databases store as an id (SQLite and PostgreSQL: signed 64 bits).
MAX_ID = 2**63 - 1


class LinkedPages(PageNumberPagination):
    page_size = 20
    page_query_param = "page"
    page_size_query_param = "pageSize"
    max_page_size = MAX_PAGE_SIZE

    def _link(self, number: int | None) -> dict[str, str] | None:
        if number is None:
            return None
        url = self.request.build_absolute_uri()
        if number == 1:
            return {"href": remove_query_param(url, self.page_query_param)}
        return {"href": replace_query_param(url, self.page_query_param, number)}

    def get_paginated_response(self, data: list[Any]) -> Response:
        page = self.page
        last = max(page.paginator.num_pages, 1)
        return Response(
            {
                "_links": {
                    "self": self._link(page.number),
                    "first": self._link(1),
                    "prev": self._link(
                        page.previous_page_number() if page.has_previous() else None
                    ),
                    "next": self._link(page.next_page_number() if page.has_next() else None),
                    "last": self._link(last),
                },
                "count": page.paginator.count,
                "page": page.number,
                "pageSize": page.paginator.per_page,
                "results": data,
            }
        )

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Results per page (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "object", "properties": {"href": {"type": "string", "format": "uri"}}}
        nullable_link = {**link, "nullable": True}
        return {
            "type": "object",
            "required": ["_links", "count", "page", "pageSize", "results"],
            "properties": {
                "_links": {
                    "type": "object",
                    "properties": {
                        "self": link,
                        "first": link,
                        "prev": nullable_link,
                        "next": nullable_link,
                        "last": link,
                    },
                },
                "count": {"type": "integer"},
                "page": {"type": "integer"},
                "pageSize": {"type": "integer"},
                "results": schema,
            },
        }

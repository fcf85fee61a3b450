"""How every list of the API is paged: `limit`/`offset`, a `count`, a stable order and
`updated_since` (docs/api.md).

The default pagination of every `@paginate` list (settings.NINJA_PAGINATION_CLASS):

- `{"items": [...], "count": N}`, N the number of rows that match (never a silent cap);
- the rows in a stable order: the list's own order with the primary key as the last
  tie-breaker, so walking the pages neither repeats nor skips a row;
- `updated_since` (ISO 8601, a time without offset is read in Africa/Casablanca): only the
  records changed at or after that time (their `updated_at`);
- `limit` (1 to 500, default 50) and `offset` bounded, so `?offset=10**30` is a 400, not a
  database overflow.

A base module: it imports no app.
"""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from technopark.core.api_common import Instant
from technopark.core.errors import DomainError
from technopark.core.query import EARLIEST, LATEST

MAX_OFFSET = 1_000_000
MAX_LIMIT = 500
DEFAULT_LIMIT = 50


def check_updated_since(value: dt.datetime | None) -> dt.datetime | None:
    """The aware time of `updated_since`; a DomainError (400) when out of bounds."""
    if value is None:
        return None
    if not EARLIEST <= value.date() <= LATEST:
        raise DomainError(
            _("Choose a date between the years %(first)d and %(last)d.")
            % {"first": EARLIEST.year, "last": LATEST.year},
            code="invalid_date",
            field="updated_since",
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def stable(queryset: QuerySet) -> QuerySet:
    """`queryset` in its own order, the primary key last, so every row has one place."""
    order = list(
        queryset.query.order_by or (queryset.model._meta.ordering if queryset.ordered else [])
    )
    names = {str(field).lstrip("-") for field in order}
    if not {"pk", "id", queryset.model._meta.pk.name} & names:
        order.append("pk")
    return queryset.order_by(*order)


def changed_since(queryset: QuerySet, since: dt.datetime | None) -> QuerySet:
    if since is None:
        return queryset
    return queryset.filter(updated_at__gte=since)


class Paged(PaginationBase):
    """limit/offset with a count, a stable order and `updated_since`."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
        updated_since: Instant | None = Field(
            None,
            description="Only the records changed at or after this time (ISO 8601).",
        )

    class Output(Schema):
        items: list[Any]
        count: int

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, request, **params: Any) -> Any:
        since = check_updated_since(pagination.updated_since)
        offset, limit = pagination.offset, pagination.limit
        if isinstance(queryset, QuerySet):
            queryset = stable(changed_since(queryset, since))
            return {"items": list(queryset[offset : offset + limit]), "count": queryset.count()}
        rows = list(queryset)  # a list already in its order (the view made it stable)
        if since is not None:
            rows = [row for row in rows if _changed(row, since)]
        return {"items": rows[offset : offset + limit], "count": len(rows)}


def _changed(row, since: dt.datetime) -> bool:
    if isinstance(row, dict):
        if "updated_at" not in row:
            raise DomainError(
                _(
                    "This list holds figures computed for a day, not records: it has no updated_since."
                ),
                code="updated_since_unsupported",
                field="updated_since",
            )
        value = row["updated_at"]
    else:
        value = row.updated_at
    return value is not None and value >= since

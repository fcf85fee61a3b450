"""One helper for the lists people work from: search, filters, sorting, pagination, export.

A view builds a `Listing` from a queryset it may show (already scoped by the permission
layer), names the fields to search, its filters and sort keys, and the export's columns;
the template draws `components/_listing.html` above its table and
`components/_pagination.html` below it. `?export=csv` or `?export=xlsx` downloads every
row the current search and filters select, all pages, in the shown order: nothing is cut
off, the count above the table is the count of the whole list.

    listing = Listing(
        request, visible_leases(user),
        search=("startup__name", "space__code"),
        filters={"status": Filter(_("Status"), Lease.Status.choices, "status")},
        sorts={"start": Sort(_("Start"), ("-starts_on",))},
        columns=[Column(_("Startup"), lambda lease: lease.startup.name)],
        export_name="contracts",
    )
    if listing.export:
        return listing.export_response()
"""

from __future__ import annotations

import csv
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from technopark.core.csv_export import BOM, csv_row
from technopark.core.query import search_text

EXPORT_FORMATS = ("csv", "xlsx")


def export_language(params) -> str:
    """The language an export is written in: its `language` parameter, which wins over the
    interface's; "" when the parameter names no language of the platform."""
    asked = params.get("language")
    if not asked:
        return translation.get_language() or settings.LANGUAGE_CODE
    return asked if asked in dict(settings.LANGUAGES) else ""


def unknown_language_response() -> HttpResponse:
    codes = ", ".join(code for code, _name in settings.LANGUAGES)
    return HttpResponseBadRequest(
        _("Unknown language: choose one of %(codes)s.") % {"codes": codes},
        content_type="text/plain; charset=utf-8",
    )


@dataclass(frozen=True)
class Filter:
    label: Any
    # (value, label) pairs offered in the select; the empty value means "any".
    choices: Sequence[tuple[str, Any]]
    # A field looked up with the chosen value, or a function (queryset, value) -> queryset.
    apply: str | Callable[[QuerySet, str], QuerySet]
    # The value used when the request names none (e.g. "running" contracts by default).
    default: str = ""
    # The label of the empty choice; None when the filter always has a value.
    any_label: Any = None


@dataclass(frozen=True)
class Sort:
    label: Any
    ordering: tuple[str, ...]


@dataclass(frozen=True)
class Column:
    label: Any
    value: Callable[[Any], Any]


class _Echo:
    def write(self, value: str) -> str:
        return value


class Listing:
    def __init__(
        self,
        request: HttpRequest,
        queryset: QuerySet,
        *,
        search: Sequence[str] = (),
        search_q: Callable[[str], Q | None] | None = None,
        filters: dict[str, Filter] | None = None,
        sorts: dict[str, Sort],
        default_sort: str | None = None,
        columns: Sequence[Column] = (),
        export_name: str = "list",
        per_page: int = 50,
        keep: Sequence[str] = (),
    ) -> None:
        params = request.GET
        self.params = params
        # The page's own parameters (e.g. a period chosen above the list), kept by the form.
        self.kept = [(key, params[key]) for key in keep if params.get(key)]
        self.search_fields = tuple(search)
        self.q = search_text(params.get("q")) if search else ""
        qs = queryset
        if self.q:
            found = reduce(operator.or_, (Q(**{f"{f}__icontains": self.q}) for f in search))
            # The page's own reading of what was typed (e.g. an invoice's number).
            extra = search_q(self.q) if search_q is not None else None
            qs = qs.filter(found | extra).distinct() if extra is not None else qs.filter(found)
        self.filters = filters or {}
        self.values: dict[str, str] = {}
        for key, flt in self.filters.items():
            value = params.get(key, flt.default)
            offered = {str(v) for v, _ in flt.choices}
            if flt.any_label is not None:
                offered.add("")  # "any", even where the filter has a default
            if value not in offered:
                value = flt.default
            self.values[key] = value
            if value:
                qs = (
                    flt.apply(qs, value) if callable(flt.apply) else qs.filter(**{flt.apply: value})
                )
        self.sorts = sorts
        first = next(iter(sorts))
        asked = params.get("sort", "")
        self.sort = asked if asked in sorts else (default_sort or first)
        self.queryset = qs.order_by(*sorts[self.sort].ordering)
        self.columns = list(columns)
        self.export_name = export_name
        self.export = params.get("export") if params.get("export") in EXPORT_FORMATS else None
        self.page_obj: Page = Paginator(self.queryset, per_page).get_page(params.get("page"))

    # --- What the templates read ------------------------------------------------------

    @property
    def rows(self) -> list:
        return list(self.page_obj.object_list)

    @property
    def total(self) -> int:
        return self.page_obj.paginator.count

    @property
    def filter_fields(self) -> list[dict]:
        return [
            {
                "key": key,
                "label": flt.label,
                "value": self.values[key],
                "any_label": flt.any_label,
                "choices": [(str(v), label) for v, label in flt.choices],
            }
            for key, flt in self.filters.items()
        ]

    @property
    def sort_choices(self) -> list[tuple[str, Any]]:
        return [(key, sort.label) for key, sort in self.sorts.items()]

    def _query(self, drop: Sequence[str] = (), **extra: str) -> str:
        params = self.params.copy()
        for key in ("page", "export", *drop):
            params.pop(key, None)
        for key, value in extra.items():
            params[key] = value
        return params.urlencode()

    @property
    def querystring_without_page(self) -> str:
        query = self._query()
        return f"{query}&" if query else ""

    @property
    def csv_url(self) -> str:
        return "?" + self._query(export="csv")

    @property
    def xlsx_url(self) -> str:
        return "?" + self._query(export="xlsx")

    @property
    def is_filtered(self) -> bool:
        return bool(self.q) or any(self.values[k] != flt.default for k, flt in self.filters.items())

    # --- The export ---------------------------------------------------------------------

    def _export_rows(self):
        for obj in self.queryset.iterator(chunk_size=500):
            yield [column.value(obj) for column in self.columns]

    def export_response(self) -> HttpResponse | StreamingHttpResponse:
        """The export, in the language asked (`?language=ar`) or the interface's: headers,
        names and choices; an Arabic workbook reads from right to left."""
        language = export_language(self.params)
        if not language:
            return unknown_language_response()
        with translation.override(language):
            headers = [str(column.label) for column in self.columns]
        return rows_response(
            self.export, self.export_name, headers, self._export_rows(), language=language
        )


def rows_response(
    export: str, name: str, headers: list[str], rows, *, language: str | None = None
) -> HttpResponse:
    """`rows` (lists of values) as `name`.xlsx or `name`.csv (`export`: "xlsx" or "csv"), for
    lists that are not a queryset (a ranking computed in Python) as for a Listing. The rows
    are written in `language` (default: the active one), names and choices included."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if export == "xlsx":
        from technopark.core.xlsx import xlsx_response

        with translation.override(language):
            return xlsx_response(f"{name}.xlsx", headers, rows)
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        with translation.override(language):  # the rows are read as the response streams
            yield BOM  # so that Excel reads the file as UTF-8
            yield writer.writerow(csv_row(headers))
            for row in rows:
                yield writer.writerow(csv_row(row))  # typed text never runs as a formula

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response

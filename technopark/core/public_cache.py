"""The public pages, cached per language for anonymous visitors (a press-day spike).

A middleware layer, so the views stay as they are: `PublicPageCacheMiddleware` answers
an anonymous GET of a page listed in `PAGES` from the cache (Redis in production, the
process's memory in the demo). The key holds the language, the path, the query parameters
the page reads (each page declares them; any other parameter is dropped before the view
runs, so `?x=1`, `?x=2`... are one page and one entry, and no stranger's parameter is
echoed into a page served to others), whether htmx asked, and the version of each app
whose records the page shows.
Saving or deleting a record of one of those apps bumps that app's version once the
transaction commits, so the next visitor gets a fresh page; writes that bypass signals
(bulk imports, `QuerySet.update`) call `bump()` themselves or expire with the freshness
window `TECHNOPARK_PUBLIC_CACHE_SECONDS` (5 minutes by default; 0 turns the cache off).

Signed-in people never get a cached page (what they just changed shows at once). A
cached page carries no cookie; its CSRF tokens are replaced with the visitor's own.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe, urlencode

FIGURES = ("network", "startups", "programs", "hosting", "impact", "surveys", "federation")


class Page(NamedTuple):
    apps: tuple[str, ...]  # the apps whose records the page shows
    params: tuple[str, ...] = ()  # the query parameters its view (and template) reads


# The public pages, by URL name.
DIRECTORY_PARAMS = ("q", "site", "sector", "region", "program", "status", "page")
PAGES: dict[str, Page] = {
    "core:home": Page((*FIGURES, "publishing", "community")),
    "publishing:figures": Page((*FIGURES, "publishing"), ("site",)),
    "publishing:figures_json": Page((*FIGURES, "publishing"), ("site",)),
    "publishing:figures_csv": Page((*FIGURES, "publishing"), ("site",)),
    "publishing:datapackage": Page(("publishing",)),
    "publishing:sites_csv": Page(("network",)),
    "publishing:reuse": Page(("publishing",)),
    "publishing:showcase": Page(
        ("publishing", "startups", "network", "hosting", "programs"),
        ("q", "sector", "site", "program", "region", "looking_for", "page"),
    ),
    "publishing:showcase_detail": Page(
        ("publishing", "startups", "network", "hosting", "programs")
    ),
    "startups:directory": Page(
        ("startups", "network", "hosting", "programs", "publishing"), DIRECTORY_PARAMS
    ),
    "network:site_list": Page(("network", "hosting", "startups", "community", "federation")),
    "network:site_detail": Page(
        (
            "network",
            "hosting",
            "startups",
            "programs",
            "community",
            "desk",
            "booking",
            "federation",
            "publishing",
        ),
        ("date",),
    ),
    "community:event_list": Page(
        ("community", "network"), ("site", "kind", "view", "month", "page")
    ),
}
WATCHED_APPS = {app for page in PAGES.values() for app in page.apps}
# Models whose writes never change what a public page shows (noise on busy tables).
IGNORED_MODELS = {"booking.booking", "desk.appointment", "community.registration"}
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')
CSRF_HEADER = re.compile(rb'("X-CSRFToken": ")[^"]+(")')
PLACEHOLDER = b"__technopark_csrf__"
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    # open data: CORS and the validators a conditional request is answered from
    "Access-Control-Allow-Origin",
    "ETag",
    "Last-Modified",
    "Cache-Control",
)


def _version_key(app: str) -> str:
    return f"public:v:{app}"


def bump(*apps: str) -> None:
    """Make every cached page that shows these apps' records (all pages: none given) stale."""
    for app in apps or WATCHED_APPS:
        try:
            cache.incr(_version_key(app))
        except ValueError:  # not set yet (or evicted): any new value invalidates
            cache.set(_version_key(app), 1, None)


def _on_write(sender, **kwargs) -> None:
    meta = sender._meta
    if meta.app_label in WATCHED_APPS and meta.label_lower not in IGNORED_MODELS:
        app = meta.app_label
        transaction.on_commit(lambda: bump(app))


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_write, dispatch_uid=f"public-cache-{signal!r}")


def canonical_query(query: QueryDict, params: tuple[str, ...]) -> str:
    """The parameters a page reads, as its view reads them (the last value), sorted, blank
    ones left out; every other parameter dropped."""
    kept = sorted((name, query[name].strip()) for name in params if name in query)
    return urlencode([(name, value) for name, value in kept if value])


def _canonicalise(request: HttpRequest, params: tuple[str, ...]) -> None:
    """Make the view see (and echo, in links and the language form) only what it reads."""
    canonical = canonical_query(request.GET, params)
    if canonical != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = canonical
        request.GET = QueryDict(canonical)


def _key(request: HttpRequest, apps: tuple[str, ...]) -> str:
    versions = cache.get_many([_version_key(a) for a in apps])
    stamp = ".".join(str(versions.get(_version_key(a), 0)) for a in apps)
    htmx = "h" if request.headers.get("HX-Request") else "p"
    return f"public:page:{translation.get_language()}:{htmx}:{stamp}:{request.get_full_path()}"


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.TECHNOPARK_PUBLIC_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES  # a flash message is for this visitor only
    )


def _with_token(content: bytes, request: HttpRequest) -> bytes:
    if PLACEHOLDER not in content:
        return content
    return content.replace(PLACEHOLDER, get_token(request).encode())


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        page = PAGES.get(match.view_name) if match else None
        if page is None or not _cacheable(request):
            return None
        _canonicalise(request, page.params)
        key = _key(request, page.apps)
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(_with_token(content, request), headers=headers)
            response["X-Public-Cache"] = "hit"
            if "ETag" in headers:  # a conditional request for what it already has: 304
                response = get_conditional_response(
                    request,
                    etag=headers["ETag"],
                    last_modified=parse_http_date_safe(headers.get("Last-Modified", "")),
                    response=response,
                )
                for header in ("Access-Control-Allow-Origin",):
                    if header in headers:
                        response[header] = headers[header]
            return response
        response = view_func(request, *view_args, **view_kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.streaming:
            content = CSRF_INPUT.sub(rb"\1" + PLACEHOLDER + rb"\2", response.content)
            content = CSRF_HEADER.sub(rb"\1" + PLACEHOLDER + rb"\2", content)
            headers = {h: response[h] for h in KEPT_HEADERS if h in response}
            cache.set(key, (content, headers), settings.TECHNOPARK_PUBLIC_CACHE_SECONDS)
            response["X-Public-Cache"] = "miss"
        return response

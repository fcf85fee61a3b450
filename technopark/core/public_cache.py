"""The public pages, cached per language for anonymous visitors (a press-day spike).

A middleware layer, so the views stay as they are: `PublicPageCacheMiddleware` answers
an anonymous GET of a page listed in `PAGES` from the cache (Redis in production, the
process's memory in the demo). The key holds the language, the full path with its query
string, whether htmx asked, and the version of each app whose records the page shows.
Saving or deleting a record of one of those apps bumps that app's version once the
transaction commits, so the next visitor gets a fresh page; writes that bypass signals
(bulk imports, `QuerySet.update`) call `bump()` themselves or expire with the freshness
window `TECHNOPARK_PUBLIC_CACHE_SECONDS` (5 minutes by default; 0 turns the cache off).

Signed-in people never get a cached page (what they just changed shows at once). A
cached page carries no cookie; its CSRF tokens are replaced with the visitor's own.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

# URL name -> the apps whose records the page shows.
FIGURES = ("network", "startups", "programs", "hosting", "impact", "surveys", "federation")
PAGES: dict[str, tuple[str, ...]] = {
    "core:home": (*FIGURES, "publishing", "community"),
    "publishing:figures": (*FIGURES, "publishing"),
    "publishing:figures_json": (*FIGURES, "publishing"),
    "publishing:figures_csv": (*FIGURES, "publishing"),
    "publishing:showcase": ("publishing", "startups", "network", "hosting", "programs"),
    "publishing:showcase_detail": ("publishing", "startups", "network", "hosting", "programs"),
    "startups:directory": ("startups", "network", "hosting", "programs", "publishing"),
    "network:site_list": ("network", "hosting", "startups", "community", "federation"),
    "network:site_detail": (
        "network",
        "hosting",
        "startups",
        "programs",
        "community",
        "desk",
        "booking",
        "federation",
    ),
    "community:event_list": ("community", "network"),
}
WATCHED_APPS = {app for apps in PAGES.values() for app in apps}
# Models whose writes never change what a public page shows (noise on busy tables).
IGNORED_MODELS = {"booking.booking", "desk.appointment", "community.registration"}
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')
CSRF_HEADER = re.compile(rb'("X-CSRFToken": ")[^"]+(")')
PLACEHOLDER = b"__technopark_csrf__"
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


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
        apps = PAGES.get(match.view_name) if match else None
        if not apps or not _cacheable(request):
            return None
        key = _key(request, apps)
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(_with_token(content, request), headers=headers)
            response["X-Public-Cache"] = "hit"
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

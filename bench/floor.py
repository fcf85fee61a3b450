"""The floor every signed-in page stands on, for the benches (docs/performance.md).

A URL module: two views in front of the project's own URLs, for the benches only
(`bench/staff_pages.py` sets ROOT_URLCONF to this module in its process,
`bench/floor_wsgi.py` in the gunicorn servers of `bench/pages.py`):

- /bench-floor/bare/: signed in, nothing drawn: the middleware, the session and the user
  (a view that reads request.user and answers two bytes);
- /bench-floor/empty/: signed in, an empty page: `base.html` with no content (the top
  bar and its bell, the breadcrumbs, the footer).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from technopark import urls

BARE = "/bench-floor/bare/"
EMPTY = "/bench-floor/empty/"


def bare(request: HttpRequest) -> HttpResponse:
    request.user.pk  # noqa: B018 - what every signed-in page does first: load the user
    return HttpResponse("ok")


def empty(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html", {})


urlpatterns = [
    path(BARE.strip("/") + "/", bare),
    path(EMPTY.strip("/") + "/", empty),
    *urls.urlpatterns,
]

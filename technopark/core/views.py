"""The home page, the privacy notice and the health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from technopark.core.hooks import today_items
from technopark.core.selectors import home_figures


def home(request: HttpRequest) -> HttpResponse:
    """The public home for visitors; for a signed-in person, what needs them today."""
    if not request.user.is_authenticated:
        return render(request, "core/home.html", {"figures": home_figures()})
    items = today_items(request)
    return render(
        request,
        "core/home_today.html",
        {
            "work": [item for item in items if item.section == "work"],
            "mine": [item for item in items if item.section == "mine"],
        },
    )


def privacy(request: HttpRequest) -> HttpResponse:
    """The full notice lives with the privacy app; this address stays for old links."""
    return redirect("privacy:notice", permanent=True)


def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})

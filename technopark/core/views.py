"""The home page, the privacy notice and the health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from technopark.core.selectors import home_figures


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"figures": home_figures()})


def privacy(request: HttpRequest) -> HttpResponse:
    """The full notice lives with the privacy app; this address stays for old links."""
    return redirect("privacy:notice", permanent=True)


def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})

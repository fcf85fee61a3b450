"""The home page and the privacy notice (the health checks are in operations.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from technopark.core.selectors import home_figures


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"figures": home_figures()})


def privacy(request: HttpRequest) -> HttpResponse:
    """The full notice lives with the privacy app; this address stays for old links."""
    return redirect("privacy:notice", permanent=True)

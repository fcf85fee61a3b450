"""Programs: the public list and one program's page (calls, applications, plans: submodules)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from technopark.accounts.permissions import get_visible_or_404
from technopark.programs.permissions import visible_calls, visible_programs


def program_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "programs/program_list.html", {"programs": visible_programs(request.user)}
    )


def program_detail(request: HttpRequest, code: str) -> HttpResponse:
    program = get_visible_or_404(visible_programs(request.user), code=code)
    today = timezone.localdate()
    calls = visible_calls(request.user).filter(
        program=program, published_at__isnull=False, closes_on__gte=today
    )
    return render(
        request,
        "programs/program_detail.html",
        {"program": program, "sites": program.sites.all(), "calls": calls},
    )

"""Programs: the public list and one program's page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from technopark.accounts.permissions import get_visible_or_404
from technopark.programs.permissions import visible_programs


def program_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "programs/program_list.html", {"programs": visible_programs(request.user)}
    )


def program_detail(request: HttpRequest, code: str) -> HttpResponse:
    program = get_visible_or_404(visible_programs(request.user), code=code)
    return render(
        request, "programs/program_detail.html", {"program": program, "sites": program.sites.all()}
    )

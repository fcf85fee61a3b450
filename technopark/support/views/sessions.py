"""Expert sessions: the expert accepts or declines; either side cancels with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.support import services
from technopark.support.models import ExpertSession
from technopark.support.permissions import visible_sessions


def _back(request: HttpRequest, session: ExpertSession) -> HttpResponse:
    if request.POST.get("next") == "expert":
        return redirect("support:expert_profile")
    return redirect("support:request", pk=session.request_id)


@login_required
@require_POST
def session_answer(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_visible_or_404(visible_sessions(request.user), pk=pk)
    require(request.user, "expert_session.answer", session)
    accept = request.POST.get("answer") == "accept"
    try:
        services.session_answer(
            session=session,
            accept=accept,
            reason=request.POST.get("reason", ""),
            by=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("You accepted the session: the startup is told.")
            if accept
            else _("You declined the session: the startup is told."),
        )
    return _back(request, session)


@login_required
@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_visible_or_404(visible_sessions(request.user), pk=pk)
    require(request.user, "expert_session.cancel", session)
    try:
        services.session_cancel(
            session=session, reason=request.POST.get("reason", ""), by=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The session is cancelled: the other side is told."))
    return _back(request, session)

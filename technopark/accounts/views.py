"""A person's profile page: roles, memberships and personal API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.forms import TokenForm
from technopark.accounts.models import ApiToken
from technopark.accounts.permissions import get_visible_or_404
from technopark.accounts.services import token_create, token_revoke


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "roles": user.roles.select_related("site", "desk", "operator"),
            "memberships": user.memberships.select_related("startup"),
            "tokens": user.api_tokens.filter(revoked_at__isnull=True),
            "token_form": TokenForm(),
            "new_token": request.session.pop("new_token", None),
        },
    )


@login_required
@require_POST
def token_new(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the token a name."))
        return redirect("accounts:profile")
    _token, raw = token_create(user=request.user, name=form.cleaned_data["name"])
    request.session["new_token"] = raw
    messages.success(request, _("Token created. Copy it now: it will not be shown again."))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_visible_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    token_revoke(token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")

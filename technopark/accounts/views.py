"""A person's profile page: roles, memberships and personal API tokens; their private
calendar address (make, renew, revoke) and the feed it serves."""

from __future__ import annotations

from allauth.account.views import EmailView as AllauthEmailView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.forms import TokenForm
from technopark.accounts.ical import DAYS_AHEAD, DAYS_BACK, personal_calendar
from technopark.accounts.permissions import (
    get_visible_or_404,
    require,
    visible_api_tokens,
    visible_personal_calendars,
)
from technopark.accounts.services import (
    email_address_sync,
    personal_calendar_open,
    personal_calendar_renew,
    personal_calendar_revoke,
    token_create,
    token_revoke,
)
from technopark.core.errors import DomainError


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "roles": user.roles.select_related("site", "desk", "operator"),
            "memberships": user.memberships.select_related("startup"),
            "tokens": visible_api_tokens(user).order_by("-created_at", "-pk"),
            "token_form": TokenForm(user=user),
            "new_token": request.session.pop("new_token", None),
        },
    )


@login_required
@require_POST
def token_new(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("accounts:profile")
    try:
        _token, raw = token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            expires_at=form.cleaned_data["expires_at"],
            operator=form.cleaned_data["organisation"],
            by=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("accounts:profile")
    request.session["new_token"] = raw
    messages.success(request, _("Token created. Copy it now: it will not be shown again."))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_visible_or_404(visible_api_tokens(request.user), pk=pk)
    token_revoke(token=token, by=request.user)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")


def calendar_address(request: HttpRequest, token: str) -> str:
    """The absolute https (or http) address of a personal calendar feed."""
    return request.build_absolute_uri(reverse("accounts:calendar_feed", args=[token]))


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """One's private calendar address: what it holds, how to subscribe, renew or revoke."""
    require(request.user, "accounts.calendar")
    feed = visible_personal_calendars(request.user).filter(revoked_at__isnull=True).first()
    address = calendar_address(request, feed.token) if feed else ""
    return render(
        request,
        "accounts/calendar.html",
        {
            "feed": feed,
            "address": address,
            "webcal": "webcal://" + address.split("://", 1)[-1] if address else "",
            "days_back": DAYS_BACK,
            "months_ahead": round(DAYS_AHEAD / 30.44),
        },
    )


@login_required
@require_POST
def calendar_renew(request: HttpRequest) -> HttpResponse:
    require(request.user, "accounts.calendar")
    had = visible_personal_calendars(request.user).filter(revoked_at__isnull=True).exists()
    personal_calendar_renew(user=request.user, by=request.user)
    if had:
        messages.success(
            request,
            _(
                "Your calendar has a new address. The old one no longer works: update your calendar application."
            ),
        )
    else:
        messages.success(
            request, _("Your calendar address is ready: copy it into your calendar application.")
        )
    return redirect("accounts:calendar")


@login_required
@require_POST
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    require(request.user, "accounts.calendar")
    if personal_calendar_revoke(user=request.user, by=request.user):
        messages.success(request, _("Your calendar address no longer works."))
    return redirect("accounts:calendar")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: the unguessable token is the key. A revoked or renewed address, or an
    inactive person's, is a 404. The feed holds only the owner's own commitments."""
    feed = personal_calendar_open(token=token)
    if feed is None:
        raise Http404
    response = HttpResponse(
        personal_calendar(feed.user), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Disposition"] = 'inline; filename="technopark.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


class EmailView(AllauthEmailView):
    """allauth's page to change one's address (`/accounts/email/`), starting from the
    account's own address as verified: allauth's change of address assumes the current one
    is, and lets an unverified address become the login of an account that has none."""

    def dispatch(self, request, *args, **kwargs):
        email_address_sync(user=request.user)
        return super().dispatch(request, *args, **kwargs)


email = login_required(EmailView.as_view())

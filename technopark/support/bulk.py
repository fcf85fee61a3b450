"""Acting on many service requests of the queue at once (`core/selection.py`): give them
to an expert or an officer, close them with an outcome; each through the same service as
on the request's page."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from technopark.accounts.models import User
from technopark.accounts.permissions import can
from technopark.core.selection import BulkAction, BulkSet, register
from technopark.support import services
from technopark.support.models import ServiceRequest
from technopark.support.permissions import queue

SELECT = forms.Select(attrs={"class": "form-select"})


class AssignForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=gettext_lazy("Give to"),
        queryset=User.objects.filter(
            is_active=True,
            roles__kind__in=["expert", "site_manager", "program_officer", "network_admin"],
        )
        .distinct()
        .order_by("full_name", "email"),
        widget=SELECT,
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[
            c for c in ServiceRequest.Outcome.choices if c[0] != ServiceRequest.Outcome.OBTAINED
        ],
        widget=SELECT,
    )


def _handles(user, request) -> bool:
    return can(user, "service_request.handle", request)


REQUESTS = register(
    BulkSet(
        name="support.requests",
        visible=lambda user, scope: queue(user),
        matching=lambda request, scope: _matching(request),
        back=lambda scope: reverse("support:queue"),
        label=lambda r: f"{r.title} · {r.startup.name}",
        noun=lambda n: ngettext("%(n)s request", "%(n)s requests", n) % {"n": n},
        actions=(
            BulkAction(
                "assign",
                gettext_lazy("Give to an expert or an officer"),
                gettext_lazy(
                    "The %(count)s requests are given to the person chosen below. Closed "
                    "requests, and people who do not handle a request's site, are refused."
                ),
                run=lambda r, *, by, owner: services.request_assign(
                    request=r, owner=owner, by=by
                ),  # fmt: skip
                form=AssignForm,
                offered=lambda user, scope: can(user, "support.queue"),
                allowed=_handles,
                primary=True,
            ),
            BulkAction(
                "close",
                gettext_lazy("Close with an outcome"),
                gettext_lazy(
                    "The %(count)s requests are closed with the outcome below; each startup is "
                    "told. Requests already closed are refused."
                ),
                run=lambda r, *, by, outcome: services.request_close(
                    request=r, outcome=outcome, by=by
                ),  # fmt: skip
                form=CloseForm,
                offered=lambda user, scope: can(user, "support.queue"),
                allowed=_handles,
            ),
        ),
    )
)


def _matching(request):
    from technopark.support.views.requests import queue_listing

    return queue_listing(request).queryset

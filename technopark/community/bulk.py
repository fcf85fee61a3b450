"""Acting on many registrations of an event at once (`core/selection.py`): approve,
decline, give a seat from the waiting list; each through the same service as one at a
time."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from technopark.accounts.permissions import can
from technopark.community import services
from technopark.community.models import Registration
from technopark.community.permissions import managed_events, visible_registrations
from technopark.core.selection import BulkAction, BulkSet, register


def _event(user, scope: str):
    return managed_events(user).filter(pk=int(scope)).first() if scope.isdigit() else None


def _visible(user, scope: str):
    event = _event(user, scope)
    if event is None:
        return Registration.objects.none()
    return visible_registrations(user).filter(event=event)


def _matching(request, scope: str):
    from technopark.community.views import registration_listing

    event = _event(request.user, scope)
    if event is None:
        return Registration.objects.none()
    return registration_listing(request, event).queryset


def _offered(user, scope: str) -> bool:
    return _event(user, scope) is not None


def _allowed(user, registration) -> bool:
    return can(user, "registration.decide", registration)


def _label(r: Registration) -> str:
    return f"{r.person_name} · {r.person_email}"


def _write_to_them(registrations, request):
    """Hand the selection to the messages' form (`messaging`), which reads it again
    through the permission layer."""
    request.session["messaging_selection"] = list(registrations.values_list("pk", flat=True))
    return redirect(reverse("messaging:compose") + "?audience=selection")


REGISTRATIONS = register(
    BulkSet(
        name="community.registrations",
        visible=_visible,
        matching=_matching,
        back=lambda scope: reverse("community:event_manage", args=[int(scope)]),
        label=_label,
        noun=lambda n: ngettext("%(n)s registration", "%(n)s registrations", n) % {"n": n},
        actions=(
            BulkAction(
                "approve",
                gettext_lazy("Approve"),
                gettext_lazy(
                    "The %(count)s registrations awaiting approval get a seat (or the waiting "
                    "list when the event is full); each person is told. Those already "
                    "decided are refused."
                ),
                run=lambda r, *, by: services.registration_decide(
                    registration=r, approve=True, by=by
                ),  # fmt: skip
                offered=_offered,
                allowed=_allowed,
                primary=True,
            ),
            BulkAction(
                "decline",
                gettext_lazy("Decline"),
                gettext_lazy(
                    "The %(count)s registrations awaiting approval are declined; each person "
                    "is told. Those already decided are refused."
                ),
                run=lambda r, *, by: services.registration_decide(
                    registration=r, approve=False, by=by
                ),  # fmt: skip
                offered=_offered,
                allowed=_allowed,
            ),
            BulkAction(
                "promote",
                gettext_lazy("Give a seat from the waiting list"),
                gettext_lazy(
                    "The %(count)s people on the waiting list get a seat while seats are free, "
                    "in the order of the list below; each is told. Once the event is full, "
                    "the others are refused."
                ),
                run=lambda r, *, by: services.registration_promote(registration=r, by=by),
                offered=_offered,
                allowed=_allowed,
            ),
            BulkAction(
                "write",
                gettext_lazy("Write to them"),
                export=_write_to_them,
                offered=lambda user, scope: _offered(user, scope) and can(user, "message.write"),
            ),
        ),
    )
)

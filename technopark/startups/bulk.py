"""Acting on many startups of the staff's directory at once (`core/selection.py`): export
the selection (Excel, CSV), or write to their members (the messages' form, `messaging`,
which reads the selection again through the permission layer).

The directory spans every startup the person may see (`visible_startups`), so its one
scope is "all". Only staff (of the network, a site, a partner) are offered the actions,
as only they get the directory; writing needs `message.write` besides.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from technopark.accounts.permissions import can, principal
from technopark.core.listing import rows_response
from technopark.core.selection import BulkAction, BulkSet, register
from technopark.startups.models import Membership, Startup
from technopark.startups.permissions import private_startups, visible_startups

SCOPE = "all"
# Where the messages' form finds the selected startups (messaging reads it, by this name).
SESSION_STARTUPS = "messaging_startups"


def _staff(user, scope: str) -> bool:
    return scope == SCOPE and principal(user).is_staff


def _visible(user, scope: str):
    if not _staff(user, scope):
        return Startup.objects.none()
    return visible_startups(user)


def _matching(request, scope: str):
    from technopark.startups.views import directory_matching

    if not _staff(request.user, scope):
        return Startup.objects.none()
    return directory_matching(request)


def _export(fmt: str):
    def export(startups, request):
        """The selection as a file: what the directory shows of each startup, and, for
        those whose private records the person may read, their e-mail and team size."""
        startups = startups.select_related("region").order_by("name", "pk")
        private = set(
            private_startups(request.user)
            .filter(pk__in=startups.values("pk"))
            .values_list("pk", flat=True)
        )
        members: dict[int, int] = {}
        for startup_id in Membership.objects.filter(startup_id__in=private).values_list(
            "startup_id", flat=True
        ):
            members[startup_id] = members.get(startup_id, 0) + 1
        headers = [
            _("Reference"),
            _("Name"),
            _("Legal form"),
            _("Sector"),
            _("City"),
            _("Region"),
            _("Founded on"),
            _("Website"),
            _("E-mail"),
            _("Members"),
            _("Listed publicly"),
        ]
        rows = (
            [
                s.ref,
                s.name,
                s.get_legal_form_display() if s.legal_form else "",
                s.sector,
                s.city,
                s.region.name if s.region_id else "",
                s.founded_on,
                s.website,
                s.email if s.pk in private else "",
                members.get(s.pk, 0) if s.pk in private else "",
                _("yes") if s.public else _("no"),
            ]
            for s in startups
        )
        return rows_response(fmt, "startups-selection", [str(h) for h in headers], rows)

    return export


def _write_to_them(startups, request):
    """Hand the selection to the messages' form, which reads it again through the
    permission layer and says which startups' members will get the message."""
    request.session[SESSION_STARTUPS] = list(startups.values_list("pk", flat=True))
    return redirect(reverse("messaging:compose") + "?audience=startups")


DIRECTORY = register(
    BulkSet(
        name="startups.directory",
        visible=_visible,
        matching=_matching,
        back=lambda scope: reverse("startups:directory"),
        label=lambda s: f"{s.name} · {s.ref}",
        noun=lambda n: ngettext("%(n)s startup", "%(n)s startups", n) % {"n": n},
        actions=(
            BulkAction(
                "write",
                gettext_lazy("Write to their members"),
                export=_write_to_them,
                offered=lambda user, scope: _staff(user, scope) and can(user, "message.write"),
                primary=True,
            ),
            BulkAction(
                "export_xlsx",
                gettext_lazy("Export to Excel"),
                export=_export("xlsx"),
                offered=_staff,
            ),
            BulkAction(
                "export_csv", gettext_lazy("Export to CSV"), export=_export("csv"), offered=_staff
            ),
        ),
    )
)

"""The people a message goes to, read through the permission layer of each app: staff
reach the audiences of their own sites only (a forged id finds nobody)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from technopark.accounts.models import User
from technopark.accounts.permissions import principal
from technopark.billing.permissions import visible_invoices
from technopark.billing.selectors import invoices_with_balance
from technopark.community.models import Registration
from technopark.community.permissions import managed_events, visible_registrations
from technopark.core import clock
from technopark.hosting.models import Lease
from technopark.hosting.permissions import visible_leases
from technopark.messaging.models import Message
from technopark.programs.permissions import visible_enrollments
from technopark.startups.models import Membership, Startup
from technopark.startups.permissions import private_startups, visible_startups
from technopark.surveys.permissions import visible_campaigns, visible_requests

# A message goes to this many people at most (a larger audience: split it).
MAX_RECIPIENTS = 2000

PRESENCE = (("", "all"), ("present", "present"), ("absent", "absent"))


def _members(startup_ids, *, founders_only: bool = False) -> QuerySet[User]:
    members = Membership.objects.filter(startup_id__in=startup_ids)
    if founders_only:
        members = members.filter(is_founder=True)
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True)


def _staff_sites(user):
    p = principal(user)
    return None if p.is_network_admin else p.staff_site_ids


def event_attendees(user, event_id, presence: str = ""):
    event = managed_events(user).filter(pk=event_id).first()
    if event is None:
        return None, User.objects.none()
    regs = event.registrations.filter(status=Registration.Status.CONFIRMED, user__isnull=False)
    if presence == "present":
        regs = regs.filter(checked_in_at__isnull=False)
    elif presence == "absent":
        regs = regs.filter(checked_in_at__isnull=True)
    label = str(event)
    if presence:
        label += " · " + (_("checked in") if presence == "present" else _("not checked in"))
    return label, User.objects.filter(pk__in=regs.values("user_id"), is_active=True)


def cohort(user, program, site):
    enrollments = visible_enrollments(user).filter(program=program, ended_on__isnull=True)
    sites = _staff_sites(user)
    if site is not None:
        enrollments = enrollments.filter(site=site)
    if sites is not None:
        enrollments = enrollments.filter(site_id__in=sites)
    label = str(program) + (f" · {site}" if site is not None else "")
    return label, _members(enrollments.values("startup_id"))


def residents(user, site):
    sites = _staff_sites(user)
    if sites is not None and site.pk not in sites:
        return str(site), User.objects.none()
    leases = visible_leases(user).filter(
        site=site, status__in=[Lease.Status.ACTIVE, Lease.Status.NOTICE]
    )
    return _("Residents of %(site)s") % {"site": site}, _members(leases.values("startup_id"))


def late_payers(user, site):
    sites = _staff_sites(user)
    if sites is not None and site.pk not in sites:
        return str(site), User.objects.none()
    late = invoices_with_balance(
        visible_invoices(user).filter(site=site, due_on__lt=clock.today())
    ).filter(balance_mad__gt=0)
    return (
        _("Late payers of %(site)s") % {"site": site},
        _members(late.values("startup_id"), founders_only=True),
    )


def non_respondents(user, campaign_id):
    campaign = visible_campaigns(user).filter(pk=campaign_id).first()
    if campaign is None:
        return None, User.objects.none()
    waiting = visible_requests(user, campaign).filter(answered_at__isnull=True)
    sites = _staff_sites(user)
    if sites is not None:
        waiting = waiting.filter(site_id__in=sites)
    return (
        _("Not answered: %(campaign)s") % {"campaign": campaign.title},
        _members(waiting.values("startup_id"), founders_only=True),
    )


def selection(user, ids: list[int]):
    """A hand-made selection of an event's registrations (`community/bulk.py`: write to
    them), read again through the permission layer."""
    regs = visible_registrations(user).filter(
        pk__in=ids, event__in=managed_events(user), user__isnull=False
    )
    return (
        _("A selection of %(n)s registrations") % {"n": regs.count()},
        User.objects.filter(pk__in=regs.values("user_id"), is_active=True),
    )


def startups_selection(user, ids: list[int]):
    """The startups selected in the directory (`startups/bulk.py`: write to their
    members), read again through the permission layer: (those whose members get the
    message, those left out with the reason). Staff reach the members of the startups
    their sites or programs follow (their private records); network administrators, any."""
    chosen = list(visible_startups(user).filter(pk__in=ids).order_by("name", "pk"))
    followed = set(
        private_startups(user).filter(pk__in=[s.pk for s in chosen]).values_list("pk", flat=True)
    )
    with_members = set(
        Membership.objects.filter(startup_id__in=followed, user__is_active=True).values_list(
            "startup_id", flat=True
        )
    )
    included: list[Startup] = []
    left_out: list[tuple[Startup, str]] = []
    for startup in chosen:
        if startup.pk not in followed:
            left_out.append((startup, _("Not one your sites or programs follow.")))
        elif startup.pk not in with_members:
            left_out.append((startup, _("No member to write to.")))
        else:
            included.append(startup)
    return included, left_out


def startups_members(user, ids: list[int]):
    included, _left_out = startups_selection(user, ids)
    n = len(included)
    label = (
        _("The members of %(name)s") % {"name": included[0].name}
        if n == 1
        else ngettext(
            "The members of %(n)s selected startup",
            "The members of %(n)s selected startups",
            n,
        )
        % {"n": n}
    )
    return label, _members([s.pk for s in included])


def recipients_of(user, data: dict, chosen: list[int] | None = None,
                  startups: list[int] | None = None):  # fmt: skip
    """(label, users) of the audience a compose form describes."""
    kind = data["audience"]
    if kind == Message.Audience.EVENT:
        return event_attendees(user, data["event"].pk, data.get("presence") or "")
    if kind == Message.Audience.COHORT:
        return cohort(user, data["program"], data.get("site"))
    if kind == Message.Audience.RESIDENTS:
        return residents(user, data["site"])
    if kind == Message.Audience.LATE_PAYERS:
        return late_payers(user, data["site"])
    if kind == Message.Audience.NON_RESPONDENTS:
        return non_respondents(user, data["campaign"].pk)
    if kind == Message.Audience.STARTUPS:
        return startups_members(user, startups or [])
    return selection(user, chosen or [])


def languages(users, written: list[str]) -> dict[str, int]:
    """How many read it in each language: their own where written, else French."""
    counts: dict[str, int] = {}
    for lang in users.values_list("language", flat=True):
        got = lang if lang in written else "fr"
        counts[got] = counts.get(got, 0) + 1
    return counts

"""Writes of the services catalogue: requests and their SLA, experts and sessions,
opportunities and participations, GIEs and mergers (recorded as startups.Grouping)."""

from __future__ import annotations

import contextvars
import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technopark.accounts.models import Role
from technopark.accounts.services import role_grant, user_upsert
from technopark.core import ical
from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import Conflict, DomainError
from technopark.hosting.selectors import resident_access
from technopark.programs.models import Enrollment
from technopark.programs.services.applications import SIGNATURES
from technopark.startups.models import Funding, Grouping, Startup
from technopark.startups.services import funding_create, grouping_create
from technopark.support.models import (
    Consortium,
    ConsortiumDocument,
    Expert,
    ExpertHoursBudget,
    ExpertSession,
    Family,
    Opportunity,
    Participation,
    RequestMessage,
    ServiceRequest,
    SlaTarget,
)
from technopark.support.selectors import hours_budget_of, hours_text, period_of
from technopark.surveys.models import SatisfactionAnswer
from technopark.surveys.services.satisfaction import satisfaction_record

FUNDING_KIND = {
    "innov_invest": Funding.Kind.GRANT,
    "innov_idea": Funding.Kind.GRANT,
    "innov_start": Funding.Kind.GRANT,
    "intelaka": Funding.Kind.LOAN,
    "forsa": Funding.Kind.GRANT,
    "prize": Funding.Kind.PRIZE,
    "loan": Funding.Kind.LOAN,
    "equity": Funding.Kind.EQUITY,
    "other": Funding.Kind.OTHER,
}


# --- Notifications (kinds in support/notifications.py) ----------------------------------

_SILENT = contextvars.ContextVar("support_silent", default=False)


@contextmanager
def silent():
    """Tell nobody (seeding the demo writes history; nobody is waiting for news)."""
    token = _SILENT.set(True)
    try:
        yield
    finally:
        _SILENT.reset(token)


def _request_url(request: ServiceRequest) -> str:
    return reverse("support:request", args=[request.pk])


def _askers(request: ServiceRequest) -> list:
    """Who asked: the person who wrote the request, else the startup's founders."""
    if request.created_by_id and request.created_by.is_active:
        return [request.created_by]
    return [
        m.user for m in request.startup.memberships.filter(is_founder=True, user__is_active=True)
    ]


def _queue_staff(request: ServiceRequest) -> list:
    """The staff who handle the request's queue: the site's program officers, else its
    managers; the network administrators for a request of a startup without a site."""
    if request.site_id is None:
        kinds, site = [Role.Kind.NETWORK_ADMIN], {}
    else:
        kinds, site = [Role.Kind.PROGRAM_OFFICER], {"site_id": request.site_id}
    roles = Role.objects.filter(kind__in=kinds, user__is_active=True, **site)
    if not roles.exists() and site:
        roles = Role.objects.filter(kind=Role.Kind.SITE_MANAGER, user__is_active=True, **site)
    return list(dict.fromkeys(r.user for r in roles.select_related("user")))


def _request_context(request: ServiceRequest, **extra) -> dict:
    return {
        "title": request.title,
        "startup": request.startup.name,
        "family": request.get_family_display(),
        **extra,
    }


def _notify_request(request: ServiceRequest, kind: str, to: list, **extra) -> None:
    from technopark.notifications.services import notification_send

    if _SILENT.get():
        return
    notification_send(
        to=to,
        kind=f"support.{kind}",
        context=_request_context(request, **extra),
        url=_request_url(request),
    )


def _notify_session(session: ExpertSession, kind: str, to: list, method: str | None) -> None:
    """Tell each of `to` in their language, with the invite.ics when `method` is given."""
    from technopark.notifications.services import notification_send
    from technopark.support.ical import session_invitation

    if _SILENT.get():
        return
    local = timezone.localtime(session.starts_at)
    for user in dict.fromkeys(u for u in to if u is not None and u.is_active):
        with translation.override(user.language):
            attachments = [session_invitation(session, method)] if method else []
        notification_send(
            to=user,
            kind=f"support.{kind}",
            context=_request_context(
                session.request,
                expert=str(session.expert),
                starts=local.replace(tzinfo=None),
                ends=timezone.localtime(session.ends_at).replace(tzinfo=None),
                hours=session.hours,
                reason=session.cancel_reason or session.decline_reason,
            ),
            url=_request_url(session.request),
            attachments=attachments,
        )


# --- Requests ---------------------------------------------------------------------------


def _site_of(startup: Startup):
    """The site whose staff answer: the current enrollment's; else, for a resident outside
    any program, the hosting site when its rule opens the catalogue to its residents
    (`hosting.ResidentAccess.services`, docs/experts.md); else the last enrollment's."""
    current = startup.enrollments.filter(ended_on__isnull=True).order_by("-started_on").first()
    if current:
        return current.site
    rule = resident_access(startup, timezone.localdate())
    if rule and rule.services:
        return rule.site
    enrollment = startup.enrollments.order_by("-started_on").first()
    return enrollment.site if enrollment else None


def _resident_hours_left(startup: Startup, day: dt.date):
    """(rule, hours left this calendar year) for a resident outside any program whose site
    gives its residents expert hours; None otherwise."""
    rule = resident_access(startup, day)
    if rule is None or not rule.services or rule.expert_hours_per_year <= 0:
        return None
    used = ExpertSession.objects.filter(
        request__startup=startup,
        enrollment__isnull=True,
        status__in=ExpertSession.LIVE,
        starts_at__year=day.year,
    ).aggregate(total=Sum("hours"))["total"] or Decimal("0")
    return rule, rule.expert_hours_per_year - used


@transaction.atomic
def request_create(
    *,
    startup: Startup,
    family: str,
    title: str,
    text: str,
    instrument: str = "",
    amount_requested: Decimal | None = None,
    by,
) -> ServiceRequest:
    if family not in Family.values:
        raise DomainError(_("Choose market, financing or network access."), field="family")
    if not title.strip() or not text.strip():
        raise DomainError(_("Give a subject and describe your need."), field="text")
    if family == Family.FINANCING and instrument not in ServiceRequest.Instrument.values:
        raise DomainError(_("Choose the kind of financing you seek."), field="instrument")
    if amount_requested is not None and amount_requested <= 0:
        raise DomainError(_("The amount must be positive."), field="amount_requested")
    site = _site_of(startup)
    if site is None:
        raise DomainError(
            _(
                "The catalogue serves the startups of the programs, and the residents of "
                "the sites that open it to them: %(startup)s is neither."
            )
            % {"startup": startup.name},
            code="not_eligible",
        )
    request = ServiceRequest.objects.create(
        startup=startup,
        site=site,
        family=family,
        title=title.strip(),
        text=text.strip(),
        instrument=instrument if family == Family.FINANCING else "",
        amount_requested=amount_requested,
        created_by=by,
    )
    record("support_request.created", request, by=by, payload={"family": request.family})
    _notify_request(request, "request_new", _queue_staff(request), text=request.text)
    return request


def _open(request: ServiceRequest) -> ServiceRequest:
    request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if request.status in (ServiceRequest.Status.CLOSED, ServiceRequest.Status.CANCELLED):
        raise DomainError(_("This request is closed."), code="closed")
    return request


def _answered(request: ServiceRequest) -> None:
    if request.first_answered_at is None:
        request.first_answered_at = timezone.now()
    if request.status == ServiceRequest.Status.NEW:
        request.status = ServiceRequest.Status.IN_PROGRESS


@transaction.atomic
def request_take(*, request: ServiceRequest, by) -> ServiceRequest:
    request = _open(request)
    request.owner = by
    _answered(request)
    request.save()
    record("support_request.assigned", request, by=by, payload={"owner": by.pk})
    return request


@transaction.atomic
@acts_for_by
def request_assign(*, request: ServiceRequest, owner, by) -> ServiceRequest:
    """Give the request to someone who answers it: an expert of the network, or a
    manager or program officer of the request's site (or a network administrator)."""
    request = _open(request)
    kinds = set(
        Role.objects.filter(user=owner)
        .filter(
            Q(kind="expert")
            | Q(kind="network_admin")
            | Q(kind__in=["site_manager", "program_officer"], site_id=request.site_id)
        )
        .values_list("kind", flat=True)
    )
    if not owner.is_active or not kinds:
        raise DomainError(
            _(
                "%(name)s does not handle this site's requests: choose one of its staff or an expert."
            )  # fmt: skip
            % {"name": owner.get_full_name() or owner.email},
            code="not_staff",
            field="owner",
        )
    request.owner = owner
    if request.status == ServiceRequest.Status.NEW:
        request.status = ServiceRequest.Status.IN_PROGRESS
    request.save()
    record("support_request.assigned", request, by=by, payload={"owner": owner.pk})
    return request


@transaction.atomic
def request_message(*, request: ServiceRequest, text: str, staff: bool, by) -> RequestMessage:
    request = _open(request)
    if not text.strip():
        raise DomainError(_("Write a message."), field="text")
    message = RequestMessage.objects.create(request=request, author=by, text=text.strip())
    if staff:
        if request.owner_id is None:
            request.owner = by
        _answered(request)
        request.save()
        _notify_request(
            request,
            "request_answered",
            [u for u in _askers(request) if u != by],
            text=message.text,
            author=by.get_full_name() if by else "",
        )
    record(
        "support_request.message",
        request,
        by=by,
        payload={"message": message.pk, "staff": bool(staff)},
    )
    return message


@transaction.atomic
def request_close(
    *,
    request: ServiceRequest,
    outcome: str,
    amount: Decimal | None = None,
    obtained_on: dt.date | None = None,
    source: str = "",
    by,
) -> ServiceRequest:
    """Close a request; financing obtained becomes a funding record the bilan counts."""
    request = _open(request)
    if outcome not in ServiceRequest.Outcome.values:
        raise DomainError(_("Choose the outcome."), field="outcome")
    if outcome == ServiceRequest.Outcome.OBTAINED:
        if request.family != Family.FINANCING:
            raise DomainError(_("Only financing requests obtain an amount."), field="outcome")
        if amount is None or amount <= 0:
            raise DomainError(_("Give the amount obtained, in MAD."), field="amount")
        obtained_on = obtained_on or timezone.localdate()
        if obtained_on > timezone.localdate():
            raise DomainError(_("The date obtained cannot be in the future."), field="obtained_on")
        label = source.strip() or request.get_instrument_display()
        try:
            with transaction.atomic():
                request.funding = funding_create(
                    by=by,
                    startup=request.startup,
                    obtained_on=obtained_on,
                    source=label[:120],
                    kind=FUNDING_KIND.get(request.instrument, Funding.Kind.OTHER),
                    amount_mad=amount,
                )
        except IntegrityError:
            raise Conflict(
                _("A funding from %(source)s on that date is already recorded.") % {"source": label}
            ) from None
        request.amount_obtained = amount
    request.outcome = outcome
    request.status = ServiceRequest.Status.CLOSED
    request.closed_at = timezone.now()
    if request.owner_id is None:
        request.owner = by
    _answered(request)
    request.status = ServiceRequest.Status.CLOSED
    request.save()
    record("support_request.closed", request, by=by, payload={"outcome": outcome})
    _notify_request(
        request, "request_closed", _askers(request), outcome=request.get_outcome_display()
    )
    return request


def _satisfaction(startup, channel: str, subject: str, score: int, comment: str, by) -> None:
    if not 1 <= score <= 5:
        raise DomainError(_("Rate from 1 to 5."), field="score")
    satisfaction_record(
        startup=startup,
        score=score,
        comment=comment,
        channel=channel,
        subject=subject[:120],
        replace=True,
        by=by,
    )


@transaction.atomic
@acts_for_by
def request_rate(*, request: ServiceRequest, score: int, comment: str = "", by) -> ServiceRequest:
    request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ServiceRequest.Status.CLOSED:
        raise DomainError(_("Rate the service once the request is closed."), code="not_closed")
    _satisfaction(
        request.startup,
        SatisfactionAnswer.Channel.SERVICE,
        f"request:{request.pk}",
        score,
        comment,
        by,
    )
    request.satisfaction = score
    request.save(update_fields=["satisfaction"])
    return request


@dataclass
class Sla:
    first_answer_due: dt.datetime
    close_due: dt.datetime
    first_answer_late: bool
    close_late: bool


def sla_targets() -> dict[str, SlaTarget]:
    found = {t.family: t for t in SlaTarget.objects.all()}
    return {f: found.get(f) or SlaTarget(family=f) for f in Family.values}


def late_q(now: dt.datetime | None = None) -> Q:
    """Open requests past a service-level target: no first answer in time, or not closed in
    time (what `sla_of` says of one request, for a whole queue in SQL)."""
    now = now or timezone.now()
    late = Q(pk__in=[])
    for family, target in sla_targets().items():
        late |= Q(family=family) & (
            Q(created_at__lt=now - dt.timedelta(days=target.close_days))
            | Q(
                first_answered_at__isnull=True,
                created_at__lt=now - dt.timedelta(hours=target.first_answer_hours),
            )
        )
    return Q(status__in=[ServiceRequest.Status.NEW, ServiceRequest.Status.IN_PROGRESS]) & late


def sla_of(
    request: ServiceRequest, targets: dict[str, SlaTarget], now: dt.datetime | None = None
) -> Sla:
    now = now or timezone.now()
    target = targets[request.family]
    first_due = request.created_at + dt.timedelta(hours=target.first_answer_hours)
    close_due = request.created_at + dt.timedelta(days=target.close_days)
    return Sla(
        first_answer_due=first_due,
        close_due=close_due,
        first_answer_late=(request.first_answered_at or now) > first_due,
        close_late=(request.closed_at or now) > close_due
        and request.status != ServiceRequest.Status.CANCELLED,
    )


# --- Experts ----------------------------------------------------------------------------


@transaction.atomic
@acts_for_by
def expert_upsert(
    *,
    email: str,
    full_name: str,
    skills: str,
    sectors: str = "",
    languages: str = "fr",
    availability: str = "",
    headline: str = "",
    by,
) -> Expert:
    if not skills.strip():
        raise DomainError(_("List the expert's skills."), field="skills")
    user, _created = user_upsert(email=email, full_name=full_name)
    role_grant(user=user, kind="expert")
    expert, _new = Expert.objects.update_or_create(
        user=user,
        defaults={
            "skills": skills,
            "sectors": sectors,
            "languages": languages,
            "availability": availability,
            "headline": headline,
        },
    )
    return expert


def _clash(expert: Expert, starts_at: dt.datetime, hours: Decimal) -> bool:
    """Does a session of `expert` that still holds its slot overlap [starts_at, +hours)?"""
    near = expert.sessions.filter(
        status__in=ExpertSession.LIVE,
        starts_at__lt=starts_at + dt.timedelta(hours=float(hours)),
        starts_at__gt=starts_at - dt.timedelta(hours=8),
    )
    return any(other.ends_at > starts_at for other in near)


def _check_period_hours(period: Enrollment, hours: Decimal) -> None:
    """Within the startup's expert hours of its enrollment period (the row locked, so two
    bookings at once cannot both spend the last hours)."""
    period = Enrollment.objects.select_for_update().get(pk=period.pk)
    budget = hours_budget_of(period)
    if hours > budget.left:
        raise DomainError(
            _(
                "This booking would go beyond your expert hours for the period: "
                "%(used)s of %(total)s hours used, %(left)s left."
            )
            % {
                "used": hours_text(budget.used),
                "total": hours_text(budget.total),
                "left": hours_text(budget.left),
            },
            code="budget",
            field="hours",
        )


@transaction.atomic
@acts_for_by
def session_book(
    *, request: ServiceRequest, expert: Expert, starts_at: dt.datetime, hours: Decimal, by
) -> ExpertSession:
    """Propose a session to an expert, within the startup's hours for the period.

    The startup's enrollment row is locked for the check and the insert, so two bookings
    at once cannot both spend the last hours (SQLite's IMMEDIATE transactions serialise
    writers anyway). Refused bookings change nothing.
    """
    request = _open(request)
    if request.family != Family.NETWORK:
        raise DomainError(_("Experts are booked on network-access requests."), code="family")
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    if not expert.active:
        raise DomainError(_("This expert is not available."), field="expert")
    if starts_at <= timezone.now():
        raise DomainError(_("Choose a time in the future."), field="starts_at")
    if not Decimal("0") < hours <= Decimal("8"):
        raise DomainError(_("A session lasts from half an hour to 8 hours."), field="hours")
    period = period_of(request.startup_id, timezone.localtime(starts_at).date())
    resident = None
    if period is None:
        resident = _resident_hours_left(request.startup, timezone.localtime(starts_at).date())
    if period is None and resident is not None:
        Startup.objects.select_for_update().filter(pk=request.startup_id).first()
        resident = _resident_hours_left(request.startup, timezone.localtime(starts_at).date())
        if hours > resident[1]:
            raise DomainError(
                _(
                    "This booking would go beyond the expert hours %(site)s gives its "
                    "residents this year: %(left)s left."
                )
                % {"site": resident[0].site.name, "left": hours_text(max(resident[1], 0))},
                code="budget",
                field="hours",
            )
    elif period is None:
        raise DomainError(
            _(
                "Expert hours come with a programme: %(startup)s is not enrolled in a "
                "program on that date."
            )
            % {"startup": request.startup.name},
            code="no_period",
            field="starts_at",
        )
    if period is not None:
        _check_period_hours(period, hours)
    if _clash(expert, starts_at, hours):
        raise Conflict(_("%(name)s is already booked at that time.") % {"name": expert})
    try:
        with transaction.atomic():
            session = ExpertSession.objects.create(
                request=request,
                expert=expert,
                enrollment=period,
                starts_at=starts_at,
                hours=hours,
                booked_by=by,
            )
    except IntegrityError:
        raise Conflict(_("%(name)s is already booked at that time.") % {"name": expert}) from None
    _answered(request)
    request.save()
    _notify_session(session, "session_proposed", [expert.user], ical.REQUEST)
    _session_recorded("expert_session.booked", session, by, hours=str(hours))
    return session


def _session_recorded(name: str, session: ExpertSession, by, **payload) -> None:
    request = session.request
    record(
        name,
        session,
        by=by,
        startup=request.startup_id,
        site=request.site_id,
        label=f"{request} {timezone.localtime(session.starts_at):%d/%m/%Y %H:%M}",
        payload={"request": request.pk, "expert": session.expert_id, **payload},
    )


def _locked_session(session: ExpertSession) -> ExpertSession:
    return (
        ExpertSession.objects.select_for_update(of=("self",))
        .select_related("expert__user", "request__startup", "booked_by")
        .get(pk=session.pk)
    )


def _startup_side(session: ExpertSession) -> list:
    return [session.booked_by, *_askers(session.request)]


@transaction.atomic
@acts_for_by
def session_answer(*, session: ExpertSession, accept: bool, reason: str = "", by) -> ExpertSession:
    """The expert accepts or declines a proposed session; the startup is told.

    A declined session frees the expert's slot and the startup's hours.
    """
    session = _locked_session(session)
    if session.status != ExpertSession.Status.PROPOSED:
        raise DomainError(_("This session was already answered."), code="answered")
    if accept and session.starts_at <= timezone.now():
        raise DomainError(_("This session's time has passed."), code="past")
    session.status = ExpertSession.Status.ACCEPTED if accept else ExpertSession.Status.DECLINED
    session.decline_reason = "" if accept else reason.strip()
    session.answered_at = timezone.now()
    session.ical_sequence += 1
    session.save(update_fields=["status", "decline_reason", "answered_at", "ical_sequence"])
    if accept:
        _notify_session(session, "session_accepted", _startup_side(session), ical.REQUEST)
    else:
        _notify_session(session, "session_declined", _startup_side(session), None)
    _session_recorded("expert_session.answered", session, by, status=session.status)
    return session


@transaction.atomic
@acts_for_by
def session_cancel(*, session: ExpertSession, reason: str, by) -> ExpertSession:
    """Either side cancels a coming session, with a reason; the others are told (CANCEL)."""
    session = _locked_session(session)
    if not reason.strip():
        raise DomainError(_("Say why the session is cancelled."), field="reason")
    if session.status not in (ExpertSession.Status.PROPOSED, ExpertSession.Status.ACCEPTED):
        raise DomainError(_("Only a coming session can be cancelled."), code="not_coming")
    from technopark.support.services_slots import cancel_window_problem

    if problem := cancel_window_problem(session, by):  # a slot's session: the notice rule
        raise DomainError(problem, code="too_late")
    session.status = ExpertSession.Status.CANCELLED
    session.cancel_reason = reason.strip()
    session.cancelled_by = by
    session.ical_sequence += 1
    session.save(update_fields=["status", "cancel_reason", "cancelled_by", "ical_sequence"])
    others = [u for u in (session.expert.user, *_startup_side(session)) if u != by]
    _notify_session(session, "session_cancelled", others, ical.CANCEL)
    _session_recorded("expert_session.cancelled", session, by)
    return session


@transaction.atomic
@acts_for_by
def session_record(*, session: ExpertSession, notes: str, held: bool, by) -> ExpertSession:
    if session.status in ExpertSession.FREED:
        raise DomainError(_("This session was cancelled or declined."))
    if held and session.status == ExpertSession.Status.PROPOSED:
        raise DomainError(_("The expert has not accepted this session yet."), code="proposed")
    if held and session.starts_at > timezone.now():
        raise DomainError(_("A session is held once its time has come."), code="future")
    session.notes = notes
    session.status = ExpertSession.Status.HELD if held else session.status
    session.save(update_fields=["notes", "status"])
    _session_recorded("expert_session.recorded", session, by, status=session.status)
    return session


@transaction.atomic
@acts_for_by
def session_rate(*, session: ExpertSession, score: int, comment: str = "", by) -> ExpertSession:
    if session.status != ExpertSession.Status.HELD:
        raise DomainError(_("Rate the session once it is held."), code="not_held")
    _satisfaction(
        session.request.startup,
        SatisfactionAnswer.Channel.EXPERT,
        f"expert:{session.expert_id}:session:{session.pk}",
        score,
        comment,
        by,
    )
    session.rating = score
    session.save(update_fields=["rating"])
    return session


# --- Opportunities ----------------------------------------------------------------------


@transaction.atomic
def opportunity_publish(*, data: dict, by) -> Opportunity:
    opportunity = Opportunity(created_by=by, **data)
    if (
        opportunity.starts_on
        and opportunity.ends_on
        and opportunity.ends_on < opportunity.starts_on
    ):
        raise DomainError(_("The end is before the start."), field="ends_on")
    if opportunity.cost_mad is not None and opportunity.cost_mad < 0:
        raise DomainError(_("The cost cannot be negative."), field="cost_mad")
    opportunity.save()
    record(
        "opportunity.published",
        opportunity,
        by=by,
        payload={"kind": opportunity.kind, "deadline": opportunity.deadline},
    )
    return opportunity


@transaction.atomic
@acts_for_by
def participation_apply(
    *, opportunity: Opportunity, startup: Startup, motivation: str, by
) -> Participation:
    if opportunity.deadline < timezone.localdate():
        raise DomainError(_("The deadline to apply is past."), code="deadline")
    if not motivation.strip():
        raise DomainError(_("Say why you want to take part."), field="motivation")
    participation, created = Participation.objects.get_or_create(
        opportunity=opportunity, startup=startup, defaults={"motivation": motivation.strip()}
    )
    if not created:
        raise Conflict(_("Your startup already applied."), code="already_applied")
    _participation_recorded("participation.applied", participation, by)
    return participation


def _participation_recorded(name: str, participation: Participation, by, **payload) -> None:
    record(
        name,
        participation,
        by=by,
        site=participation.opportunity.site_id,
        label=f"{participation.opportunity} · {participation.startup}",
        payload={"opportunity": participation.opportunity_id, **payload},
    )


@transaction.atomic
@acts_for_by
def participation_select(*, participation: Participation, selected: bool, by) -> Participation:
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    opportunity = participation.opportunity
    if selected and opportunity.places is not None:
        taken = opportunity.participations.filter(status=Participation.Status.SELECTED).exclude(
            pk=participation.pk
        )
        if taken.count() >= opportunity.places:
            raise Conflict(
                _("All %(n)d places are taken.") % {"n": opportunity.places}, code="full"
            )
    participation.status = (
        Participation.Status.SELECTED if selected else Participation.Status.NOT_SELECTED
    )
    participation.save(update_fields=["status"])
    _participation_recorded(
        "participation.selected", participation, by, status=participation.status
    )
    return participation


@transaction.atomic
@acts_for_by
def participation_result(*, participation: Participation, data: dict, by) -> Participation:
    if participation.status != Participation.Status.SELECTED:
        raise DomainError(_("Record results for selected startups only."), code="not_selected")
    for key in (
        "attended",
        "contacts",
        "contracts",
        "contracts_mad",
        "export_countries",
        "result_notes",
    ):
        if key in data:
            setattr(participation, key, data[key])
    if participation.contracts_mad < 0:
        raise DomainError(_("The amount cannot be negative."), field="contracts_mad")
    participation.save()
    _participation_recorded(
        "participation.result",
        participation,
        by,
        fields=sorted(k for k in data if k != "result_notes"),
    )
    return participation


# --- GIEs, consortia and mergers --------------------------------------------------------


def _grouping_code(kind: str, day: dt.date) -> str:
    prefix = f"{'GIE' if kind == Grouping.Kind.GIE else 'FUS'}-{day.year}-"
    n = Grouping.objects.filter(code__startswith=prefix).count() + 1
    while Grouping.objects.filter(code=f"{prefix}{n:03d}").exists():
        n += 1
    return f"{prefix}{n:03d}"


@transaction.atomic
def grouping_form(
    *,
    kind: str,
    name: str,
    startups: list[Startup],
    lead: Startup,
    formed_on: dt.date,
    opportunity: Opportunity | None = None,
    notes: str = "",
    by,
) -> Consortium:
    """A GIE or consortium (to answer a tender together) or a merger, with its lead."""
    if kind not in Grouping.Kind.values:
        raise DomainError(_("Choose GIE or merger."), field="kind")
    members = list(dict.fromkeys(startups))
    if len(members) < 2:
        raise DomainError(_("A grouping has at least two startups."), field="startups")
    if lead not in members:
        raise DomainError(_("The lead must be one of the members."), field="lead")
    if not name.strip():
        raise DomainError(_("Name the grouping."), field="name")
    if formed_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="formed_on")
    grouping = grouping_create(
        code=_grouping_code(kind, formed_on),
        kind=kind,
        name=name.strip(),
        formed_on=formed_on,
        members=members,
        lead=lead,
        by=by,
    )
    return Consortium.objects.create(
        grouping=grouping, opportunity=opportunity, notes=notes, created_by=by
    )


@transaction.atomic
@acts_for_by
def consortium_document_add(
    *, consortium: Consortium, label: str, upload, by
) -> ConsortiumDocument:
    from django.conf import settings

    if upload.size > settings.TECHNOPARK_MAX_UPLOAD_BYTES:
        raise DomainError(_("The file is too large."), code="too_large")
    head = upload.read(16)
    upload.seek(0)
    kind = next((v for sig, v in SIGNATURES.items() if head.startswith(sig)), None)
    if kind is None:
        raise DomainError(_("Upload a PDF, JPEG or PNG file."), code="file_type")
    document = ConsortiumDocument(
        consortium=consortium, label=label.strip() or upload.name, content_type=kind[0]
    )
    document.file.save(f"doc.{kind[1]}", upload, save=False)
    document.save()
    grouping = consortium.grouping
    lead = grouping.memberships.filter(is_lead=True).values_list("startup_id", flat=True).first()
    record(
        "consortium_document.added",
        document,
        by=by,
        startup=lead,
        label=str(grouping),
        payload={"consortium": consortium.pk, "content_type": document.content_type},
    )
    return document


@transaction.atomic
@acts_for_by
def expert_hours_budget_set(*, program, hours: Decimal, by) -> ExpertHoursBudget:
    """The expert hours each startup of `program` may use per enrollment period."""
    if hours < 0:
        raise DomainError(_("The hours budget cannot be negative."), field="hours")
    budget, _created = ExpertHoursBudget.objects.update_or_create(
        program=program, defaults={"hours": hours}
    )
    record("expert_budget.set", budget, by=by, payload={"program": program.pk, "hours": str(hours)})
    return budget


@transaction.atomic
@acts_for_by
def expert_profile_update(*, expert: Expert, data: dict, by) -> Expert:
    """The expert keeps their own skills, sectors, languages and availability up to date."""
    if "skills" in data and not data["skills"].strip():
        raise DomainError(_("List your skills."), field="skills")
    for key in ("headline", "skills", "sectors", "languages", "availability"):
        if key in data:
            setattr(expert, key, data[key].strip())
    expert.save()
    record(
        "expert.updated",
        expert,
        by=by,
        label=f"#{expert.pk}",
        payload={"fields": sorted(k for k in data if k in EXPERT_FIELDS)},
    )
    return expert


EXPERT_FIELDS = ("headline", "skills", "sectors", "languages", "availability")

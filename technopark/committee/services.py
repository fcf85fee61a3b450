"""Writes of the committee: a session and its agenda, the attendance, the members'
declarations and votes, the chair's decisions (through programs' `application_decide`, so
the applicant's letter and notifications go as for any decision) and the minutes' approval.

Every write refuses once the minutes are approved: the record is frozen.
"""

from __future__ import annotations

import datetime as dt
import inspect

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.models import User
from technopark.committee.models import AgendaItem, Declaration, Member, Session, Vote
from technopark.core.actions import record
from technopark.core.audit import acts_for_by, set_actor
from technopark.core.errors import Conflict, DomainError
from technopark.programs.models import Application, Call
from technopark.programs.services.selection import application_decide


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update(of=("self",)).select_related("call").get(pk=session.pk)


def _not_frozen(session: Session) -> None:
    if session.is_frozen:
        raise DomainError(
            _("The minutes are approved: this session can no longer change."), code="frozen"
        )


def agenda_candidates(call: Call, session: Session | None = None):
    """The call's applications the committee may put on its agenda: those under review (and
    those already on this session's agenda)."""
    q = Application.objects.filter(call=call, status__in=Application.UNDER_REVIEW)
    if session is not None and session.pk:
        q = q | Application.objects.filter(committee_items__session=session)
    return q.distinct().order_by("project_name")


@transaction.atomic
@acts_for_by
def session_save(
    *,
    call: Call,
    starts_at: dt.datetime,
    place: str,
    quorum: int,
    chair: User,
    members: list[User],
    applications: list[Application],
    session: Session | None = None,
    by,
) -> Session:
    """Create a session, or change one not yet held: its date, place, quorum, chair, members
    (the chair is always one) and agenda (the call's applications under review)."""
    if session is not None:
        session = _locked(session)
        _not_frozen(session)
        if session.is_held:
            raise DomainError(
                _("The session is held: its members and agenda can no longer change."),
                code="held",
            )
        call = session.call
    if starts_at is None:
        raise DomainError(_("Give the session's date and time."), field="starts_at")
    if not place.strip():
        raise DomainError(_("Give the place of the session."), field="place")
    people = {u.pk: u for u in members}
    people.setdefault(chair.pk, chair)
    if quorum is None or quorum < 1:
        raise DomainError(_("The quorum is at least one member."), field="quorum")
    if quorum > len(people):
        raise DomainError(
            _("The quorum (%(quorum)s) cannot exceed the number of members (%(n)s).")
            % {"quorum": quorum, "n": len(people)},
            field="quorum",
        )
    allowed = set(agenda_candidates(call, session).values_list("pk", flat=True))
    wrong = [a.project_name for a in applications if a.pk not in allowed]
    if wrong:
        raise DomainError(
            _("Only the call's applications under review go on the agenda: %(list)s.")
            % {"list": ", ".join(wrong)},
            field="applications",
        )
    if not applications:
        raise DomainError(_("Put at least one application on the agenda."), field="applications")
    created = session is None
    if created:
        session = Session(call=call, created_by=by)
    session.starts_at = starts_at
    session.place = place.strip()
    session.quorum = quorum
    session.chair = chair
    session.save()
    session.members.exclude(user_id__in=people).delete()
    known = set(session.members.values_list("user_id", flat=True))
    Member.objects.bulk_create(
        [Member(session=session, user=u) for pk, u in people.items() if pk not in known]
    )
    wanted = [a.pk for a in applications]
    session.items.exclude(application_id__in=wanted).delete()
    for position, pk in enumerate(wanted):
        AgendaItem.objects.update_or_create(
            session=session, application_id=pk, defaults={"position": position}
        )
    record(
        "committee.session_planned",
        session,
        by=by,
        site=call.site_id,
        payload={
            "call": call.pk,
            "created": created,
            "starts_at": starts_at,
            "members": len(people),
            "items": len(wanted),
        },
    )
    return session


@transaction.atomic
def session_hold(*, session: Session, present: list[int], by) -> Session:
    """Record the attendance (the user ids of the members present): the session is held and
    its present members may declare their conflicts and vote."""
    session = _locked(session)
    _not_frozen(session)
    members = list(session.members.all())
    present_ids = {int(pk) for pk in present}
    if not present_ids & {m.user_id for m in members}:
        raise DomainError(_("Tick the members present."), field="present")
    voted = set(Vote.objects.filter(item__session=session).values_list("member_id", flat=True))
    for member in members:
        is_present = member.user_id in present_ids
        if not is_present and member.pk in voted:
            raise DomainError(
                _("%(name)s has already voted: they were present.") % {"name": member},
                code="voted",
            )
        member.present = is_present
    with set_actor(by):
        Member.objects.bulk_update(members, ["present"])
        first = session.held_at is None
        if first:
            session.held_at = timezone.now()
            session.save(update_fields=["held_at", "updated_at"])
    record("committee.session_held", session, by=by, payload={"call": session.call_id, "present": sum(m.present for m in members), "members": len(members)})  # fmt: skip
    return session


def _seat(session: Session, user: User) -> Member:
    member = session.members.filter(user=user).first()
    if member is None:
        raise DomainError(_("You do not sit on this committee."), code="not_member")
    return member


def _open_item(item: AgendaItem) -> tuple[Session, AgendaItem]:
    session = _locked(item.session)
    _not_frozen(session)
    if not session.is_held:
        raise DomainError(
            _("The attendance is not recorded yet: the session has not started."),
            code="not_held",
        )
    item = AgendaItem.objects.select_related("application").get(pk=item.pk)
    if item.decision:
        raise DomainError(
            _("The committee has decided on %(project)s.") % {"project": item.application},
            code="decided",
        )
    return session, item


@transaction.atomic
@acts_for_by
def declare(*, item: AgendaItem, conflict: bool, note: str = "", by) -> Declaration:
    """The member's declaration on one application: a conflict of interest, or none. It may
    change until the member has voted on it."""
    session, item = _open_item(item)
    member = _seat(session, by)
    if Vote.objects.filter(item=item, member=member).exists():
        raise DomainError(
            _("You have voted on this application: your declaration can no longer change."),
            code="voted",
        )
    if conflict and not note.strip():
        raise DomainError(_("Say briefly what the conflict is."), field="note")
    declaration, _created = Declaration.objects.update_or_create(
        item=item, member=member, defaults={"conflict": conflict, "note": note.strip()}
    )
    record(
        "committee.conflict_declared",
        declaration,
        by=by,
        site=session.call.site_id,
        label=f"#{declaration.pk} — {item.application}",
        payload={"session": session.pk, "application": item.application_id, "conflict": conflict},
    )
    return declaration


@transaction.atomic
def vote_cast(*, item: AgendaItem, choice: str, by) -> Vote:
    """A present member without a conflict votes for, against or abstains, once."""
    session, item = _open_item(item)
    member = _seat(session, by)
    if choice not in Vote.Choice.values:
        raise DomainError(_("Vote for, against or abstain."), field="choice")
    if not member.present:
        raise DomainError(_("Only the members present vote."), code="absent")
    declaration = Declaration.objects.filter(item=item, member=member).first()
    if declaration is None:
        raise DomainError(
            _("Declare first whether you have a conflict of interest with this application."),
            code="undeclared",
        )
    if declaration.conflict:
        raise DomainError(
            _("You declared a conflict of interest: you do not vote on this application."),
            code="conflict",
        )
    try:
        with transaction.atomic(), set_actor(by):
            vote = Vote.objects.create(item=item, member=member, choice=choice)
    except IntegrityError:
        raise Conflict(
            _("You have already voted on this application."), code="already_voted"
        ) from None
    record("committee.vote_recorded", vote, by=by, site=session.call.site_id, payload={"session": session.pk, "application": item.application_id})  # fmt: skip
    return vote


def eligible_present(item: AgendaItem) -> int:
    """The members present who declared no conflict on the application: the quorum's count."""
    return Declaration.objects.filter(item=item, conflict=False, member__present=True).count()


def tally(item: AgendaItem) -> dict[str, int]:
    counts = dict.fromkeys(Vote.Choice.values, 0)
    for choice in item.votes.values_list("choice", flat=True):
        counts[choice] += 1
    return counts


def reviews_missing(application: Application) -> bool:
    """A reviewer assigned to the application has not submitted their scores."""
    return application.assignments.filter(submitted_at__isnull=True).exists()


def _decide_kwargs(reasons: str, override_reason: str) -> dict:
    """What programs' `application_decide` accepts: the reasons and the override reason as
    their own arguments where it takes them, else the reasons as the decision's note."""
    params = inspect.signature(application_decide).parameters
    kwargs = {}
    if "reasons" in params:
        kwargs["reasons"] = reasons
    else:
        note = reasons
        if override_reason:
            note += "\n" + _("Decided without every review: %(reason)s") % {
                "reason": override_reason
            }
        kwargs["note"] = note
    if "override_reason" in params:
        kwargs["override_reason"] = override_reason
    return kwargs


@transaction.atomic
def item_decide(
    *,
    item: AgendaItem,
    decision: str,
    reasons: str,
    override_reason: str = "",
    by,
) -> AgendaItem:
    """The chair records the committee's decision on one application, with its reasons (and,
    when reviews are missing, why the committee decides without them). Refused without the
    quorum of present members who declared no conflict."""
    session, item = _open_item(item)
    if session.chair_id != by.pk:
        raise DomainError(_("Only the chair records the decisions."), code="not_chair")
    if decision not in Application.DECISIONS:
        raise DomainError(_("Choose admitted, waiting list or declined."), field="decision")
    if not reasons.strip():
        raise DomainError(_("Give the reasons of the decision."), field="reasons")
    count = eligible_present(item)
    if count < session.quorum:
        raise DomainError(
            _(
                "No quorum for %(project)s: %(count)s present member(s) without a conflict, "
                "%(quorum)s needed. The decision is not recorded."
            )
            % {"project": item.application.project_name, "count": count, "quorum": session.quorum},
            code="quorum",
        )
    override_reason = override_reason.strip()
    if reviews_missing(item.application):
        if not override_reason:
            raise DomainError(
                _(
                    "Some reviews of %(project)s are missing: give the reason for deciding "
                    "without them."
                )
                % {"project": item.application.project_name},
                code="reviews_missing",
                field="override_reason",
            )
    else:
        override_reason = ""
    application_decide(
        application=item.application,
        decision=decision,
        by=by,
        **_decide_kwargs(reasons.strip(), override_reason),
    )
    item.decision = decision
    item.reasons = reasons.strip()
    item.override_reason = override_reason
    item.decided_at = timezone.now()
    item.decided_by = by
    with set_actor(by):
        item.save()
    return item


@transaction.atomic
def minutes_approve(*, session: Session, by) -> Session:
    """The chair approves the minutes: from then on the session, its votes and decisions are
    frozen, and the approval is dated."""
    session = _locked(session)
    _not_frozen(session)
    if session.chair_id != by.pk:
        raise DomainError(_("Only the chair approves the minutes."), code="not_chair")
    if not session.is_held:
        raise DomainError(_("The session has not been held yet."), code="not_held")
    undecided = [i.application.project_name for i in session.items.filter(decision="")]
    if undecided:
        raise DomainError(
            _("Decide on every application of the agenda first: %(list)s.")
            % {"list": ", ".join(undecided)},
            code="undecided",
        )
    session.minutes = Session.Minutes.APPROVED
    session.minutes_approved_at = timezone.now()
    session.minutes_approved_by = by
    with set_actor(by):
        session.save()
    record("committee.minutes_approved", session, by=by, payload={"call": session.call_id, "items": session.items.count()})  # fmt: skip
    return session

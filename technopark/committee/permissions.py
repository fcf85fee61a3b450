"""Who sees and runs a committee session.

Those who run the call (`programs.permissions.runs_call`: the network's administrators,
the officers and managers of the site for a direct program, the partner's staff for the
partner's program) create and edit sessions, record the attendance and see everything.
A member sees the sessions they sit on, declares their conflicts and votes; the chair
records the decisions and approves the minutes. A member with a conflict on an application
does not see the others' votes on it. Nobody else sees a session: not a founder, not an
expert who does not sit on it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, can, principal, rule
from technopark.committee.models import AgendaItem, Session
from technopark.programs.permissions import managed_calls, runs_call


def visible_sessions(user) -> QuerySet[Session]:
    p = principal(user)
    qs = Session.objects.select_related("call", "call__program", "call__site", "chair")
    if not p.is_authenticated:
        return qs.none()
    if p.is_network_admin:
        return qs
    q = Q(members__user_id=p.user_id) | Q(chair_id=p.user_id)
    calls = managed_calls(user)
    if calls.exists():
        q |= Q(call__in=calls.values("pk"))
    return qs.filter(pk__in=Session.objects.filter(q).values("pk"))


def sits_on(p: Principal, session: Session) -> bool:
    """The chair is always one of the members (`services.session_save` sees to it)."""
    return p.is_authenticated and session.members.filter(user_id=p.user_id).exists()


def runs_session(p: Principal, session: Session) -> bool:
    return runs_call(p, session.call)


@rule("committee.add")
def _add(p: Principal, call) -> bool:
    """A session on a call (or, without a call, on some call the person runs)."""
    if call is None:
        return p.is_authenticated and can_run_some_call(p)
    return runs_call(p, call)


def can_run_some_call(p: Principal) -> bool:
    return p.is_network_admin or bool(p.operator_ids or p.managed_site_ids or p.officer_scopes)


@rule("committee.view")
def _view(p: Principal, session: Session) -> bool:
    return runs_session(p, session) or sits_on(p, session)


@rule("committee.manage")
def _manage(p: Principal, session: Session) -> bool:
    return runs_session(p, session)


@rule("committee.vote")
def _vote(p: Principal, session: Session) -> bool:
    return sits_on(p, session)


@rule("committee.chair")
def _chair(p: Principal, session: Session) -> bool:
    return p.is_authenticated and session.chair_id == p.user_id


@rule("committee.minutes")
def _minutes(p: Principal, session: Session) -> bool:
    """The draft minutes: those who run the call and the chair; once approved, every member
    (a member with a conflict reads the tallies only in the approved minutes)."""
    if runs_session(p, session) or (p.is_authenticated and session.chair_id == p.user_id):
        return True
    return session.is_frozen and sits_on(p, session)


def conflicted(user, item: AgendaItem) -> bool:
    """The person declared a conflict on this application: its votes are hidden from them."""
    p = principal(user)
    return item.declarations.filter(member__user_id=p.user_id, conflict=True).exists()


def sees_votes(user, item: AgendaItem) -> bool:
    return can(user, "committee.view", item.session) and not conflicted(user, item)

"""Who sees and handles service requests, expert sessions, opportunities and consortia.

A request is seen by its startup's members, by the staff of its site (or of the partner
whose program enrolled the startup), by the expert booked on it, and by network admins.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.support.models import (
    Consortium,
    ExpertSession,
    Opportunity,
    Participation,
    ServiceRequest,
)


def _staff_q(p: Principal) -> Q:
    q = Q(pk__in=[])
    if p.staff_site_ids:
        q |= Q(site_id__in=p.staff_site_ids)
    if p.operator_ids:
        q |= Q(startup__enrollments__program__operator_id__in=p.operator_ids)
    return q


def handles(p: Principal, request: ServiceRequest) -> bool:
    """Staff who answer this request."""
    if p.is_network_admin:
        return True
    if not (p.staff_site_ids or p.operator_ids):
        return False
    return ServiceRequest.objects.filter(_staff_q(p), pk=request.pk).exists()


def queue(user) -> QuerySet[ServiceRequest]:
    p = principal(user)
    qs = ServiceRequest.objects.select_related("startup", "owner", "site")
    if p.is_network_admin:
        return qs
    if not (p.staff_site_ids or p.operator_ids):
        return qs.none()
    return qs.filter(pk__in=ServiceRequest.objects.filter(_staff_q(p)).values("pk"))


def visible_requests(user) -> QuerySet[ServiceRequest]:
    p = principal(user)
    qs = ServiceRequest.objects.select_related("startup", "owner", "site")
    if not p.is_authenticated:
        return qs.none()
    if p.is_network_admin:
        return qs
    q = Q(startup_id__in=p.startup_ids) | Q(sessions__expert__user_id=p.user_id) | _staff_q(p)
    return qs.filter(pk__in=ServiceRequest.objects.filter(q).values("pk"))


def visible_sessions(user) -> QuerySet[ExpertSession]:
    """The sessions of the requests a user sees (another startup's are a 404)."""
    qs = ExpertSession.objects.select_related("expert__user", "request__startup", "booked_by")
    return qs.filter(request__in=visible_requests(user).values("pk"))


def visible_opportunities(user) -> QuerySet[Opportunity]:
    """Opportunities are for the network's startups and staff; not public."""
    p = principal(user)
    if not p.is_authenticated:
        return Opportunity.objects.none()
    return Opportunity.objects.all()


def visible_consortia(user) -> QuerySet[Consortium]:
    p = principal(user)
    qs = Consortium.objects.select_related("grouping", "opportunity")
    if not p.is_authenticated:
        return qs.none()
    if p.is_network_admin:
        return qs
    q = Q(grouping__memberships__startup_id__in=p.startup_ids)
    if p.staff_site_ids:
        q |= Q(grouping__memberships__startup__enrollments__site_id__in=p.staff_site_ids)
    return qs.filter(pk__in=Consortium.objects.filter(q).values("pk"))


@rule("support.request")
def _may_request(p: Principal, obj) -> bool:
    return bool(p.startup_ids)


@rule("support.queue")
def _queue(p: Principal, obj) -> bool:
    return p.is_network_admin or bool(p.staff_site_ids or p.operator_ids)


@rule("service_request.view")
def _request_view(p: Principal, request: ServiceRequest) -> bool:
    return (
        p.is_member_of(request.startup_id)
        or handles(p, request)
        or (p.is_authenticated and request.sessions.filter(expert__user_id=p.user_id).exists())
    )


@rule("service_request.handle")
def _request_handle(p: Principal, request: ServiceRequest) -> bool:
    return handles(p, request)


@rule("service_request.own")
def _request_own(p: Principal, request: ServiceRequest) -> bool:
    """The startup's side: write, book an expert, rate."""
    return p.is_member_of(request.startup_id)


@rule("expert_session.answer")
def _session_answer(p: Principal, session: ExpertSession) -> bool:
    """Only the expert booked accepts or declines."""
    return p.is_authenticated and session.expert.user_id == p.user_id


@rule("expert_session.cancel")
def _session_cancel(p: Principal, session: ExpertSession) -> bool:
    """The expert, the startup's people, or the staff who handle the request."""
    return (
        _session_answer(p, session)
        or p.is_member_of(session.request.startup_id)
        or handles(p, session.request)
    )


@rule("expert.manage")
def _expert_manage(p: Principal, obj) -> bool:
    return p.is_network_admin or bool(p.staff_site_ids or p.operator_ids)


@rule("opportunity.add")
def _opportunity_add(p: Principal, obj) -> bool:
    return p.is_network_admin or bool(p.staff_site_ids or p.operator_ids)


@rule("opportunity.manage")
def _opportunity_manage(p: Principal, opportunity: Opportunity) -> bool:
    if p.is_network_admin:
        return True
    if opportunity.site_id is None:
        return opportunity.created_by_id == p.user_id and p.is_staff
    return opportunity.site_id in p.staff_site_ids


@rule("participation.record")
def _participation_record(p: Principal, participation: Participation) -> bool:
    return _opportunity_manage(p, participation.opportunity)


@rule("grouping.form")
def _grouping_form(p: Principal, obj) -> bool:
    return bool(p.founder_startup_ids) or p.is_network_admin or bool(p.staff_site_ids)


# --- Experts' weekly slots (support/services_slots.py) ----------------------------------------


@rule("expert_slot.publish")
def _slot_publish(p: Principal, obj) -> bool:
    """An expert publishes and withdraws their own weekly slots."""
    return p.is_expert and (obj is None or obj.expert.user_id == p.user_id)


@rule("expert_slot.book")
def _slot_book(p: Principal, obj) -> bool:
    """A startup's members book a slot for their startup."""
    return bool(p.startup_ids)


@rule("expert_session.no_show")
def _slot_no_show(p: Principal, session: ExpertSession) -> bool:
    return p.is_authenticated and session.expert.user_id == p.user_id

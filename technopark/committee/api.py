"""API: the committee sessions a person may see (those who run the call, the members), with
their agenda, and, for who may see them, the declarations' conflicts, the votes and the
decisions; a member declares a conflict (or none) and votes through the same services as
the page (a member with a conflict does not vote, nor see the others' votes)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.committee import services
from technopark.committee.models import AgendaItem, Member, Session
from technopark.committee.permissions import sees_votes, visible_sessions
from technopark.core.api_common import ErrorOut

router = Router(tags=["committee"])


class VoteOut(Schema):
    member: str
    choice: str


class AgendaItemOut(Schema):
    id: int
    position: int
    application: int
    project_name: str
    decision: str
    reasons: str
    decided_at: dt.datetime | None
    votes_hidden: bool = Field(description="True when the caller declared a conflict on it")
    tally: dict[str, int] | None
    votes: list[VoteOut]
    my_declaration: str | None = Field(description="conflict, none, or null (not declared)")
    my_vote: str | None


class SessionOut(Schema):
    id: int
    call: int
    call_title: str
    site: str
    starts_at: dt.datetime
    place: str
    quorum: int
    chair: str
    held: bool
    minutes: str
    member: bool = Field(description="Whether the caller sits on the session")
    updated_at: dt.datetime | None

    @staticmethod
    def resolve_call(obj: Session) -> int:
        return obj.call_id

    @staticmethod
    def resolve_call_title(obj: Session) -> str:
        return str(obj.call)

    @staticmethod
    def resolve_site(obj: Session) -> str:
        return obj.call.site.code if obj.call.site_id else ""

    @staticmethod
    def resolve_chair(obj: Session) -> str:
        return obj.chair.get_full_name() or obj.chair.email

    @staticmethod
    def resolve_held(obj: Session) -> bool:
        return obj.is_held

    @staticmethod
    def resolve_member(obj: Session) -> bool:
        return bool(getattr(obj, "caller_member", False))


class SessionDetailOut(SessionOut):
    members: list[str]
    agenda: list[AgendaItemOut]

    @staticmethod
    def resolve_members(obj: Session) -> list[str]:
        return obj.members_shown

    @staticmethod
    def resolve_agenda(obj: Session) -> list[dict]:
        return obj.agenda_shown


class DeclarationIn(Schema):
    conflict: bool
    note: str = Field("", max_length=300, description="What the conflict is (when there is one)")


class VoteIn(Schema):
    choice: str = Field(description="for, against or abstain")


def _item_out(user, item: AgendaItem, me) -> dict:
    declarations = list(item.declarations.all())
    mine = next((d for d in declarations if me is not None and d.member_id == me.pk), None)
    my_vote = next((v for v in item.votes.all() if me is not None and v.member_id == me.pk), None)
    shown = sees_votes(user, item)
    return {
        "id": item.pk,
        "position": item.position,
        "application": item.application_id,
        "project_name": item.application.project_name,
        "decision": item.decision,
        "reasons": item.reasons,
        "decided_at": item.decided_at,
        "votes_hidden": not shown,
        "tally": services.tally(item) if shown else None,
        "votes": [{"member": str(v.member), "choice": v.choice} for v in item.votes.all()]
        if shown
        else [],
        "my_declaration": None if mine is None else ("conflict" if mine.conflict else "none"),
        "my_vote": my_vote.choice if my_vote is not None else None,
    }


def _detail(user, pk: int) -> Session:
    session = get_visible_or_404(visible_sessions(user), pk=pk)
    require(user, "committee.view", session)
    members = list(session.members.select_related("user"))
    me = next((m for m in members if m.user_id == user.pk), None)
    session.caller_member = me is not None
    items = session.items.select_related("application").prefetch_related(
        "declarations", "votes__member__user"
    )
    session.members_shown = [str(m) for m in members]
    session.agenda_shown = [_item_out(user, item, me) for item in items]
    return session


def _item(user, pk: int) -> AgendaItem:
    return get_visible_or_404(
        AgendaItem.objects.select_related("session", "application").filter(
            session__in=visible_sessions(user).values("pk")
        ),
        pk=pk,
    )


@router.get(
    "/committee-sessions",
    response=list[SessionOut],
    summary="Committee sessions you may see (you run their call, or sit on them)",
)
@paginate
def sessions_list(request, upcoming: bool = False, call: int | None = None):
    qs = visible_sessions(request.user).select_related("call__site", "chair")
    if upcoming:
        qs = qs.filter(starts_at__gte=timezone.now() - dt.timedelta(hours=12))
    if call is not None:
        qs = qs.filter(call_id=call)
    if request.user.is_authenticated:
        qs = qs.annotate(
            caller_member=Exists(
                Member.objects.filter(session=OuterRef("pk"), user_id=request.user.pk)
            )
        )
    return qs.order_by("-starts_at", "-pk")


@router.get(
    "/committee-sessions/{session_id}",
    response=SessionDetailOut,
    summary="One session, its members and agenda; the votes of an application unless you "
    "declared a conflict on it",
)
def session_get(request, session_id: int):
    return _detail(request.user, session_id)


@router.post(
    "/committee-items/{item_id}/declaration",
    response={200: SessionDetailOut, 400: ErrorOut},
    summary="Declare whether you have a conflict of interest on an application (a member, "
    "before voting on it)",
)
def item_declare(request, item_id: int, payload: DeclarationIn):
    item = _item(request.user, item_id)
    require(request.user, "committee.vote", item.session, view_perm="committee.view")
    services.declare(item=item, conflict=payload.conflict, note=payload.note, by=request.user)
    return _detail(request.user, item.session_id)


@router.post(
    "/committee-items/{item_id}/vote",
    response={200: SessionDetailOut, 400: ErrorOut, 409: ErrorOut},
    summary="Vote for, against or abstain on an application (a present member who declared "
    "no conflict, once)",
)
def item_vote(request, item_id: int, payload: VoteIn):
    item = _item(request.user, item_id)
    require(request.user, "committee.vote", item.session, view_perm="committee.view")
    services.vote_cast(item=item, choice=payload.choice, by=request.user)
    return _detail(request.user, item.session_id)

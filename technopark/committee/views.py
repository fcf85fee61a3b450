"""The committee's pages: the sessions, a session (the members' phone-friendly page to
declare and vote, the chair's decisions), creating and editing a session, the minutes."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.committee import services
from technopark.committee.forms import (
    AttendanceForm,
    DecideForm,
    DeclarationForm,
    SessionForm,
    VoteForm,
)
from technopark.committee.minutes import LANGUAGES, minutes_pdf
from technopark.committee.models import AgendaItem, Session
from technopark.committee.permissions import (
    can_run_some_call,
    visible_sessions,
)
from technopark.core.errors import DomainError
from technopark.programs.permissions import managed_calls


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    sessions = visible_sessions(request.user)
    now = timezone.now()
    mine = sessions.filter(members__user=request.user)
    return render(
        request,
        "committee/session_list.html",
        {
            "upcoming": sessions.filter(starts_at__gte=now - dt.timedelta(hours=12)).order_by(
                "starts_at"
            ),
            "past": sessions.filter(starts_at__lt=now - dt.timedelta(hours=12))[:50],
            "mine": set(mine.values_list("pk", flat=True)),
            "may_add": can_run_some_call(principal(request.user)),
        },
    )


def _form_error(form, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "committee.add")
    calls = managed_calls(request.user).order_by("-opens_on")
    call_id = request.GET.get("call") or request.POST.get("call")
    if not call_id:
        return render(request, "committee/session_pick_call.html", {"calls": calls[:100]})
    call = get_visible_or_404(calls, pk=call_id)
    require(request.user, "committee.add", call)
    candidates = services.agenda_candidates(call)
    form = SessionForm(
        request.POST or None,
        candidates=candidates,
        initial={"quorum": 3, "chair": request.user, "members": [request.user]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_save(call=call, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The session is planned."))
            return redirect("committee:detail", pk=session.pk)
    return render(request, "committee/session_form.html", {"form": form, "call": call})


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_visible_or_404(visible_sessions(request.user), pk=pk)
    require(request.user, "committee.manage", session, view_perm="committee.view")
    candidates = services.agenda_candidates(session.call, session)
    initial = {
        "starts_at": timezone.localtime(session.starts_at),
        "place": session.place,
        "quorum": session.quorum,
        "chair": session.chair,
        "members": [m.user for m in session.members.select_related("user")],
        "applications": [i.application for i in session.items.select_related("application")],
    }
    form = SessionForm(request.POST or None, candidates=candidates, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_save(
                session=session, call=session.call, by=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("committee:detail", pk=session.pk)
    return render(
        request,
        "committee/session_form.html",
        {"form": form, "call": session.call, "session": session},
    )


def _item_rows(
    request: HttpRequest, session: Session, decide_forms: dict | None = None
) -> list[dict]:
    me = session.members.filter(user=request.user).first()
    rows = []
    items = session.items.select_related("application", "application__applicant").prefetch_related(
        "declarations__member__user", "votes__member__user", "application__assignments"
    )
    for item in items:
        declarations = list(item.declarations.all())
        mine = next((d for d in declarations if me and d.member_id == me.pk), None)
        my_vote = next((v for v in item.votes.all() if me and v.member_id == me.pk), None)
        hidden = mine is not None and mine.conflict
        votes = [] if hidden else list(item.votes.all())
        rows.append(
            {
                "item": item,
                "declaration": mine,
                "my_vote": my_vote,
                "votes_hidden": hidden,
                "votes": votes,
                "tally": None if hidden else services.tally(item),
                "conflicts": [d for d in declarations if d.conflict],
                "eligible": services.eligible_present(item),
                "reviews_missing": any(
                    a.submitted_at is None for a in item.application.assignments.all()
                ),
                # A refused decision comes back with what the chair wrote.
                "decide_form": (decide_forms or {}).get(item.pk)
                or DecideForm(prefix=f"i{item.pk}"),
            }
        )
    return rows


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_visible_or_404(visible_sessions(request.user), pk=pk)
    require(request.user, "committee.view", session)
    return _detail_page(request, session)


def _detail_page(
    request: HttpRequest, session: Session, decide_forms: dict | None = None, status: int = 200
) -> HttpResponse:
    me = session.members.filter(user=request.user).first()
    members = list(session.members.select_related("user"))
    return render(
        request,
        "committee/session_detail.html",
        {
            "session": session,
            "me": me,
            "members": members,
            "rows": _item_rows(request, session, decide_forms),
            "manages": can(request.user, "committee.manage", session),
            "is_chair": can(request.user, "committee.chair", session),
            "may_read_minutes": can(request.user, "committee.minutes", session),
            "attendance": AttendanceForm(
                session=session, initial={"present": [m.user for m in members if m.present]}
            ),
            "vote_choices": VoteForm.base_fields["choice"].choices,
            "starts_at": timezone.localtime(session.starts_at),
            "languages": LANGUAGES,
        },
        status=status,
    )


def _done(request: HttpRequest, session: Session, message: str, action) -> HttpResponse:
    try:
        action()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return redirect("committee:detail", pk=session.pk)


@login_required
@require_POST
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_visible_or_404(visible_sessions(request.user), pk=pk)
    require(request.user, "committee.manage", session, view_perm="committee.view")
    form = AttendanceForm(request.POST, session=session)
    present = [u.pk for u in form.cleaned_data["present"]] if form.is_valid() else []
    return _done(
        request,
        session,
        _("The attendance is recorded: the session is held."),
        lambda: services.session_hold(session=session, present=present, by=request.user),
    )


def _item(request: HttpRequest, pk: int) -> AgendaItem:
    item = get_visible_or_404(
        AgendaItem.objects.select_related("session", "application").filter(
            session__in=visible_sessions(request.user).values("pk")
        ),
        pk=pk,
    )
    return item


@login_required
@require_POST
def item_declare(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    require(request.user, "committee.vote", item.session, view_perm="committee.view")
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether you have a conflict of interest."))
        return redirect("committee:detail", pk=item.session_id)
    return _done(
        request,
        item.session,
        _("Your declaration is recorded."),
        lambda: services.declare(
            item=item,
            conflict=form.cleaned_data["conflict"],
            note=form.cleaned_data["note"],
            by=request.user,
        ),
    )


@login_required
@require_POST
def item_vote(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    require(request.user, "committee.vote", item.session, view_perm="committee.view")
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vote for, against or abstain."))
        return redirect("committee:detail", pk=item.session_id)
    return _done(
        request,
        item.session,
        _("Your vote is recorded."),
        lambda: services.vote_cast(item=item, choice=form.cleaned_data["choice"], by=request.user),
    )


@login_required
@require_POST
def item_decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    require(request.user, "committee.chair", item.session, view_perm="committee.view")
    form = DecideForm(request.POST, prefix=f"i{item.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose a decision and give its reasons."))
        return _detail_page(request, item.session, {item.pk: form}, status=400)
    try:
        services.item_decide(item=item, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        # Refused (the quorum not reached, say): the page again, with the reasons typed.
        messages.error(request, exc.message)
        item.session.refresh_from_db()
        return _detail_page(request, item.session, {item.pk: form}, status=400)
    messages.success(request, _("The decision is recorded and the applicant informed."))
    return redirect("committee:detail", pk=item.session_id)


@login_required
@require_POST
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_visible_or_404(visible_sessions(request.user), pk=pk)
    require(request.user, "committee.chair", session, view_perm="committee.view")
    return _done(
        request,
        session,
        _("The minutes are approved: the session is now frozen."),
        lambda: services.minutes_approve(session=session, by=request.user),
    )


@login_required
def minutes_download(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_visible_or_404(visible_sessions(request.user), pk=pk)
    require(request.user, "committee.minutes", session, view_perm="committee.view")
    lang = request.GET.get("lang", "fr")
    lang = lang if lang in LANGUAGES else "fr"
    response = HttpResponse(minutes_pdf(session, lang), content_type="application/pdf")
    day = timezone.localtime(session.starts_at).date()
    response["Content-Disposition"] = f'inline; filename="pv-comite-{session.pk}-{day}-{lang}.pdf"'
    return response

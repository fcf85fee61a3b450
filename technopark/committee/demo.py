"""Demo: a selection committee on a START call of Casablanca — one session held a week ago
(four members, a conflict declared, votes, three decisions, one taken without a missing
review, minutes approved) and one coming session the expert sits on."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from technopark.committee import services
from technopark.committee.models import AgendaItem, Session
from technopark.core.demo import DemoContext
from technopark.network.models import Site
from technopark.programs import services as programs_services
from technopark.programs.demo import (
    _application,
    _compose,
    _program,
    _score,
    decisions_backdate,
    demo_call,
)
from technopark.programs.models import Application, Call
from technopark.programs.notifications import quiet

PLACE = "Technopark Casablanca — salle Atlas"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def seed(ctx: DemoContext) -> None:
    officer = ctx.users.get("program_officer")
    expert = ctx.users.get("expert")
    manager = ctx.users.get("site_manager")
    partner = ctx.users.get("partner_admin")
    casa = Site.objects.filter(code="CASA").first()
    if None in (officer, expert, manager, casa):
        ctx.log("no officer, expert, manager or Casablanca: committee skipped")
        return
    with quiet():
        call, applications = _call(ctx, casa, officer, expert)
        past = _past_session(ctx, call, applications[:3], officer, expert, manager, partner)
        coming = services.session_save(
            call=call,
            starts_at=_at(ctx.today + dt.timedelta(days=8), 10),
            place=PLACE,
            quorum=2,
            chair=officer,
            members=[officer, expert, manager],
            applications=applications[3:],
            by=officer,
        )
    ctx.log(
        f"2 committee sessions: {past.items.count()} applications decided with approved "
        f"minutes, {coming.items.count()} on the coming session's agenda"
    )


def _call(ctx: DemoContext, casa: Site, officer, expert) -> tuple[Call, list[Application]]:
    """A START call closed three weeks ago, its applications scored (one review pending)."""
    today = ctx.today
    call = demo_call(
        program=_program("START", "START — incubation", "incubation"),
        site=casa,
        title=f"START — promotion d'hiver {today.year}",
        title_ar=f"START — دفعة الشتاء {today.year}",
        title_en=f"START — winter intake {today.year}",
        description="Incubation de six mois : le comité de sélection auditionne les finalistes.",
        opens_on=today - dt.timedelta(days=80),
        closes_on=today - dt.timedelta(days=21),
        published_at=timezone.now() - dt.timedelta(days=82),
        max_company_age_years=3,
        created_by=officer,
    )
    _compose(call)
    applications = []
    for i in range(5):
        application = _application(ctx, call, i + 5, "submitted", 30 + i)
        _score(ctx, application, officer, 4 - i % 3)
        if i == 2:
            # The expert was asked, and has not scored yet: the committee decides without.
            programs_services.reviewer_assign(application=application, reviewer=expert, by=officer)
        else:
            _score(ctx, application, expert, 4 - i % 2)
        applications.append(application)
    return call, applications


def _past_session(ctx, call, applications, officer, expert, manager, partner) -> Session:
    members = [officer, expert, manager] + ([partner] if partner else [])
    starts = _at(ctx.today - dt.timedelta(days=7), 9, 30)
    session = services.session_save(
        call=call,
        starts_at=starts,
        place=PLACE,
        quorum=3 if partner else 2,
        chair=officer,
        members=members,
        applications=applications,
        by=officer,
    )
    services.session_hold(session=session, present=[u.pk for u in members], by=officer)
    items = list(session.items.order_by("position"))
    decisions = [
        ("admitted", "Équipe complète et premiers clients pilotes ; marché régional porteur.", ""),
        ("waitlisted", "Projet solide mais modèle économique à préciser.", ""),
        (
            "declined",
            "Projet trop précoce pour l'incubation ; orienté vers la pré-incubation.",
            "L'évaluation de l'expert n'a pas été remise ; le comité a auditionné le "
            "porteur et dispose de l'évaluation de la chargée de programme.",
        ),
    ]
    # Per item, each member's vote in the order of `members`; None: a declared conflict.
    ballots = [
        ["for", "for", "for", "for"],
        ["for", None, "for", "abstain"],
        ["against", "against", "against", "abstain"],
    ]
    for item, choices, (decision, reasons, override) in zip(items, ballots, decisions, strict=True):
        for member, choice in zip(members, choices, strict=False):
            services.declare(
                item=item,
                conflict=choice is None,
                note="A conseillé le porteur de projet en 2025." if choice is None else "",
                by=member,
            )
            if choice is not None:
                services.vote_cast(item=item, choice=choice, by=member)
        services.item_decide(
            item=item, decision=decision, reasons=reasons, override_reason=override, by=officer
        )
    services.minutes_approve(session=session, by=officer)
    # Dated as they happened, a week ago.
    Session.objects.filter(pk=session.pk).update(
        held_at=starts + dt.timedelta(minutes=5),
        minutes_approved_at=starts + dt.timedelta(hours=3),
    )
    AgendaItem.objects.filter(session=session).update(decided_at=starts + dt.timedelta(hours=2))
    decisions_backdate(
        Application.objects.filter(committee_items__session=session).values("pk"), starts.date()
    )
    return session

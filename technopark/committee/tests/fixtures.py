"""Records the committee's tests and the permission matrix share: a session on site A's call.

The officer of site A chairs it; the site's manager and an expert who is not the cast's
expert sit on it (the cast's expert, who does not sit on it, must see nothing)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from technopark.committee import services
from technopark.committee.models import Session
from technopark.house.testing import UserFactory, make_role
from technopark.programs.models import Application, ReviewAssignment
from technopark.programs.tests.fixtures import make_application, make_call


def sitting_expert(cast):
    from technopark.accounts.models import User

    user = User.objects.filter(email="juror@example.ma").first()
    return user or make_role(
        UserFactory(email="juror@example.ma", full_name="Leila Berrada"), "expert"
    )


def second_application(cast) -> Application:
    call = make_call(cast)
    applicant = UserFactory(email="applicant2@example.ma", full_name="Hicham Tahiri")
    application, _ = Application.objects.get_or_create(
        call=call,
        applicant=applicant,
        defaults={
            "project_name": "Dar Pay",
            "status": Application.Status.SUBMITTED,
            "submitted_at": timezone.now(),
        },
    )
    return application


def make_session(cast, *, quorum: int = 2, held: bool = False) -> Session:
    """Site A's session on its call: two applications (AgriSense, whose review by the cast's
    expert is pending, and Dar Pay, with no reviewer), three members."""
    existing = Session.objects.filter(call__site=cast.site).first()
    if existing is not None:
        return existing
    first = make_application(cast)
    second = second_application(cast)
    session = services.session_save(
        call=first.call,
        starts_at=timezone.now() + dt.timedelta(days=3),
        place="Technopark Casablanca, salle du conseil",
        quorum=quorum,
        chair=cast.officer,
        members=[cast.officer, cast.site_manager, sitting_expert(cast)],
        applications=[first, second],
        by=cast.officer,
    )
    if held:
        services.session_hold(
            session=session,
            present=[cast.officer.pk, cast.site_manager.pk, sitting_expert(cast).pk],
            by=cast.officer,
        )
    return session


def item_of(session: Session, project: str):
    return session.items.get(application__project_name=project)


def reviews_done(application: Application) -> None:
    ReviewAssignment.objects.filter(application=application).update(submitted_at=timezone.now())

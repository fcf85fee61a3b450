"""Test data for community life: events at a site, registrations, amenities."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from technopark.community.models import Amenity, Event, OpeningHours, Question, Registration
from technopark.community.services import guest_confirm_token


def make_event(site, *, title="Atelier pitch", audience="public", capacity=10, days=7, **kw):
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    return Event.objects.create(
        site=site,
        title=title,
        kind=kw.pop("kind", "workshop"),
        audience=audience,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        capacity=capacity,
        **kw,
    )


def register(event, user, status="confirmed") -> Registration:
    if status == "confirmed":
        Event.objects.filter(pk=event.pk).update(confirmed=event.confirmed + 1)
        event.refresh_from_db()
    return Registration.objects.create(event=event, user=user, status=status)


def make_amenity(site, kind="restaurant", name="Restaurant Le Patio") -> Amenity:
    amenity = Amenity.objects.create(site=site, kind=kind, name_fr=name, location="Rez-de-chaussée")
    for day in range(5):
        OpeningHours.objects.create(
            amenity=amenity, weekday=day, opens=dt.time(8), closes=dt.time(18)
        )
        OpeningHours.objects.create(
            amenity=amenity, weekday=day, opens=dt.time(10), closes=dt.time(15), ramadan=True
        )
    return amenity


def event_world(c) -> None:
    """For the matrix: a public and a residents' event at site A, with registrations."""
    c.event = make_event(c.site)
    c.residents_event = make_event(
        c.site, title="Tournoi de foot", audience="residents", kind="sport"
    )
    c.approval_event = make_event(c.site, title="Demo day", kind="demo_day", requires_approval=True)
    c.registration = register(c.event, c.owner)
    c.pending = register(c.approval_event, c.colleague, status="pending")
    make_amenity(c.site)
    # A guest (no account) of the public event, confirmed; a question on its form.
    c.guest = Registration.objects.create(
        event=c.event,
        guest_name="Hind Alaoui",
        guest_email="hind@example.org",
        language="fr",
        status=Registration.Status.CONFIRMED,
    )
    Event.objects.filter(pk=c.event.pk).update(confirmed=c.event.confirmed + 1)
    c.guest_token = guest_confirm_token(c.guest)
    c.question = Question.objects.create(event=c.event, label="Votre entreprise ?")
    # Yesterday's workshop, where the owner was checked in: their certificate exists.
    c.past_event = make_event(c.site, title="Atelier passé", days=-1)
    c.attended = register(c.past_event, c.owner)
    Registration.objects.filter(pk=c.attended.pk).update(checked_in_at=c.past_event.starts_at)

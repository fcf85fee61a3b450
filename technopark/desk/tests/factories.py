"""Test data for the guichet unique: a desk at a site with a service and slots."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from technopark.desk.models import Appointment, Case, Desk, Service, Slot
from technopark.desk.services import CASABLANCA


def make_desk(site, code: str = "SA-OMPIC", partner: str = "OMPIC") -> Desk:
    """Idempotent: the cast's desk agent and the matrix's desk world share site A's desk."""
    desk, created = Desk.objects.get_or_create(
        site=site,
        code=code,
        defaults={
            "partner": partner,
            "name": f"{partner} desk",
            "kind": "ompic",
            "location": "Bâtiment A, rez-de-chaussée",
        },
    )
    if not created:
        return desk
    Service.objects.create(
        desk=desk,
        code="certificat-negatif",
        name_fr="Certificat négatif",
        name_en="Negative certificate",
        name_ar="الشهادة السلبية",
        documents_fr="Copie de la CIN\nFormulaire CN1 rempli",
        documents_en="Copy of the national ID card\nCompleted CN1 form",
        price_mad="230.00",
        delay_fr="24 heures",
        delay_en="24 hours",
    )
    return desk


def at(day_offset: int, hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=day_offset)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=CASABLANCA)


def make_slot(desk: Desk, *, day_offset: int = 1, hour: int = 10, capacity: int = 2) -> Slot:
    start = at(day_offset, hour)
    return Slot.objects.create(
        desk=desk, starts_at=start, ends_at=start + dt.timedelta(minutes=30), capacity=capacity
    )


def make_appointment(slot: Slot, startup, user, status: str = "booked") -> Appointment:
    """Written directly (past slots cannot be booked through the service)."""
    slot.booked += 1
    slot.save(update_fields=["booked"])
    return Appointment.objects.create(
        slot=slot,
        service=slot.desk.services.first(),
        startup=startup,
        booked_by=user,
        status=status,
        outcome="Dossier déposé" if status == "done" else "",
    )


def desk_world(c) -> None:
    """For the matrix: site A's OMPIC desk, a coming slot, own's appointments and case."""
    c.desk = make_desk(c.site)
    c.slot = make_slot(c.desk, day_offset=1, hour=10)
    coming = make_slot(c.desk, day_offset=2, hour=11)
    c.appointment = make_appointment(coming, c.own, c.owner)
    earlier_today = Slot.objects.create(
        desk=c.desk,
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() - dt.timedelta(minutes=30),
        capacity=1,
    )
    c.today_appointment = make_appointment(earlier_today, c.own, c.owner)
    past = Slot.objects.create(
        desk=c.desk,
        starts_at=at(-3, 10),
        ends_at=at(-3, 10) + dt.timedelta(minutes=30),
        capacity=1,
    )
    c.done_appointment = make_appointment(past, c.own, c.owner, status="done")
    c.case = Case.objects.create(desk=c.desk, startup=c.own, title="Dépôt de marque")

"""The demo's bell: the founder and the site manager have unread notifications to open."""

from __future__ import annotations

from django.test import Client

from technopark.accounts.models import User


def test_the_demo_founder_sees_their_unread_notifications(demo_network, db):
    founder = User.objects.get(email="founder@demo.technopark.ma")
    client = Client()
    client.force_login(founder)
    client.cookies["technopark_language"] = "fr"
    page = client.get("/me/notifications/").content.decode()
    assert "Réservation déplacée d&#x27;une heure" in page
    unread = founder.notifications.filter(read_at__isnull=True).count()
    # At least: two from the notifications demo (bookings), the invitation to the selection
    # interview of the project the founder is a co-founder of (programs' demo; in their
    # calendar too), and the half-year declaration still due (surveys); the other apps' demos
    # add theirs (documents asked, signatures, milestones, desk files, messages).
    kinds = set(founder.notifications.filter(read_at__isnull=True).values_list("kind", flat=True))
    assert unread >= 4 and len(kinds) >= 3
    assert founder.notifications.filter(kind="programs.interview_scheduled").exists()
    assert founder.notifications.filter(kind__startswith="surveys.declaration_").exists()
    home = client.get("/").content.decode()
    assert f'tp-bell-count" aria-hidden="true">{unread}</span>' in home  # the bell's count

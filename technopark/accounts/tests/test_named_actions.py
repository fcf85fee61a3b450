"""What changes a person's access says so (core/actions.py): roles granted, API tokens made
and revoked, the calendar address renewed or switched off, a second factor set up or
removed; no token value, calendar token or e-mail address is in an action's label."""

from __future__ import annotations

from technopark.accounts.services import role_grant
from technopark.core.models import Action
from technopark.house.testing import UserFactory


def test_a_role_granted_once(cast):
    person = UserFactory(email="new.manager@example.ma")
    role_grant(user=person, kind="site_manager", site=cast.site, by=cast.admin)
    role_grant(user=person, kind="site_manager", site=cast.site, by=cast.admin)  # held already
    granted = Action.objects.get(name="role.granted")
    assert (granted.actor, granted.site_id) == (cast.admin, cast.site.pk)
    assert granted.payload == {"user": person.pk, "kind": "site_manager", "desk": None, "operator": None}  # fmt: skip


def test_a_token_made_and_revoked_on_the_settings_page(cast):
    from technopark.accounts.models import ApiToken

    client = cast.client("owner")
    response = client.post(
        "/me/tokens/", {"name": "tableur", "scope_startups": "read", "expires": "30"}
    )
    assert response.status_code == 302
    token = ApiToken.objects.get(user=cast.owner)
    client.post(f"/me/tokens/{token.pk}/revoke/")
    made, revoked = Action.objects.filter(name__startswith="api_token.").order_by("pk")
    assert [made.name, revoked.name] == ["api_token.created", "api_token.revoked"]
    for action in (made, revoked):
        assert (action.actor, action.channel, action.label) == (cast.owner, "page", "tableur")
        assert token.hint not in action.label
    assert made.payload == {"user": cast.owner.pk, "operator": None, "scopes": ["startups:read"]}


def test_the_calendar_address_renewed_and_switched_off(cast):
    from technopark.accounts.models import PersonalCalendar

    client = cast.client("owner")
    client.post("/me/calendar/renew/")
    client.post("/me/calendar/renew/")
    client.post("/me/calendar/revoke/")
    client.post("/me/calendar/revoke/")  # nothing left to switch off
    names = list(
        Action.objects.filter(name__startswith="personal_calendar.")
        .order_by("pk")
        .values_list("name", flat=True)
    )
    assert names == [
        "personal_calendar.renewed",
        "personal_calendar.renewed",
        "personal_calendar.revoked",
    ]
    for action in Action.objects.filter(name__startswith="personal_calendar."):
        feed = PersonalCalendar.objects.get(pk=action.object_id)
        assert feed.token[:6] not in action.label and action.actor == cast.owner


def test_a_second_factor_set_up_and_removed_is_said_once_each(cast):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.signals import authenticator_added, authenticator_removed

    totp = Authenticator.objects.create(user=cast.admin, type=Authenticator.Type.TOTP, data={})
    codes = Authenticator.objects.create(
        user=cast.admin, type=Authenticator.Type.RECOVERY_CODES, data={}
    )
    for authenticator in (totp, codes):
        authenticator_added.send(
            sender=Authenticator, request=None, user=cast.admin, authenticator=authenticator
        )
    authenticator_removed.send(
        sender=Authenticator, request=None, user=cast.admin, authenticator=totp
    )
    actions = list(Action.objects.filter(name__startswith="second_factor.").order_by("pk"))
    assert [a.name for a in actions] == ["second_factor.enabled", "second_factor.disabled"]
    for action in actions:
        assert (action.actor, action.label) == (cast.admin, "totp")
        assert action.payload == {"user": cast.admin.pk, "type": "totp"}

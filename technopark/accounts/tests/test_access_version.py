"""Each worker keeps a person's principal and menu per access version; a change of roles or
memberships bumps the version in the database, so it shows at once in every worker."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation

from technopark.accounts import permissions
from technopark.accounts.models import Role, User
from technopark.accounts.permissions import principal
from technopark.accounts.services import role_grant
from technopark.core import navigation
from technopark.house.testing import SiteFactory, StartupFactory, UserFactory
from technopark.startups.models import Membership
from technopark.startups.services import member_add

pytestmark = pytest.mark.django_db


def version(user) -> int:
    return User.objects.values_list("access_version", flat=True).get(pk=user.pk)


def fresh(user) -> User:
    """The user as the next request loads it."""
    return User.objects.get(pk=user.pk)


def test_roles_and_memberships_bump_the_access_version():
    user = UserFactory()
    site = SiteFactory()
    startup = StartupFactory()
    start = version(user)
    role_grant(user=user, kind="site_manager", site=site)
    assert version(user) == start + 1
    Role.objects.filter(user=user).delete()
    assert version(user) == start + 2
    member_add(startup=startup, user=user)
    assert version(user) == start + 3
    Membership.objects.get(user=user).delete()
    assert version(user) == start + 4
    # Somebody else's change leaves this person's version alone.
    role_grant(user=UserFactory(), kind="network_admin")
    assert version(user) == start + 4


def test_another_worker_sees_a_granted_role_at_its_next_request():
    user = UserFactory()
    site = SiteFactory()
    assert principal(fresh(user)).managed_site_ids == frozenset()
    # What another worker kept before the change: this process drops its own copies at
    # once, a worker elsewhere only sees the new version in the user's row.
    kept = dict(permissions._KNOWN)
    role_grant(user=user, kind="site_manager", site=site)
    permissions._KNOWN.update(kept)
    assert principal(fresh(user)).managed_site_ids == frozenset({site.pk})

    kept = dict(permissions._KNOWN)
    Role.objects.filter(user=user).delete()
    permissions._KNOWN.update(kept)
    assert principal(fresh(user)).managed_site_ids == frozenset()


def test_saving_a_user_loaded_before_a_change_keeps_the_new_version():
    user = UserFactory()
    stale = fresh(user)
    role_grant(user=user, kind="site_manager", site=SiteFactory())
    stale.full_name = "Nouveau Nom"
    stale.save()
    assert version(user) == 1
    assert fresh(user).full_name == "Nouveau Nom"


def test_a_role_granted_or_removed_shows_in_the_menu_of_the_next_page(client):
    user = UserFactory()
    site = SiteFactory(code="CASA")
    client.force_login(user)
    assert 'href="/hosting/"' not in client.get("/programs/").content.decode()
    kept = dict(navigation._ITEMS), dict(permissions._KNOWN)
    role_grant(user=user, kind="site_manager", site=site)
    # As in a worker that drew this person's menu before the change.
    navigation._ITEMS.update(kept[0])
    permissions._KNOWN.update(kept[1])
    assert 'href="/hosting/"' in client.get("/programs/").content.decode()
    Role.objects.filter(user=user).delete()
    assert 'href="/hosting/"' not in client.get("/programs/").content.decode()


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_kept_menu_is_the_menu(cast, language):
    """The menu kept per principal and language is what the apps answer afresh."""
    people = [cast.owner, cast.site_manager, cast.officer, cast.admin, cast.expert]
    people += [cast.desk_agent, cast.partner_admin, cast.partner_officer]
    with translation.override(language):
        for user in people:
            request = RequestFactory().get("/hosting/")
            request.user = fresh(user)
            who = principal(request.user)
            kept = navigation.build_menu(request, who)
            again = navigation.build_menu(request, who)  # from what was kept
            afresh = navigation.build_menu(request)
            assert again == kept == afresh

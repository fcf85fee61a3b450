"""Saved views: one's own, or shared with a site's team; refused when they cannot be."""

from __future__ import annotations

import pytest

from technopark.core.errors import DomainError
from technopark.core.models import Action
from technopark.search.models import SavedView
from technopark.search.services import saved_view_create

pytestmark = pytest.mark.django_db


def _save(cast, who, **data):
    return cast.client(who).post("/search/views/save/", data)


def test_a_personal_view_is_seen_by_its_owner_only(cast):
    url = "/startups/?sector=Fintech&page=3"
    response = _save(cast, "site_manager", name="Fintech à Casa", url=url)
    view = SavedView.objects.get()
    assert (view.owner, view.path, view.query, view.shared_site) == (
        cast.site_manager,
        "/startups/",
        "sector=Fintech",
        None,
    )
    assert response.status_code == 302 and response["Location"] == "/startups/?sector=Fintech"
    assert Action.objects.filter(name="saved_view.created").count() == 1
    mine = cast.client("site_manager").get("/startups/").content.decode()
    assert "Fintech à Casa" in mine
    assert 'href="/startups/?sector=Fintech"' in mine
    assert "Fintech à Casa" in cast.client("site_manager").get("/search/views/").content.decode()
    for other in ("officer", "admin"):
        assert "Fintech à Casa" not in cast.client(other).get("/startups/").content.decode()
        assert "Fintech à Casa" not in cast.client(other).get("/search/views/").content.decode()


def test_a_founder_saves_a_view_of_their_applications(cast):
    _save(cast, "owner", name="Mes candidatures", url="/programs/applications/?status=submitted")
    page = cast.client("owner").get("/programs/applications/").content.decode()
    assert "Mes candidatures" in page
    assert (
        "Mes candidatures"
        not in cast.client("colleague").get("/programs/applications/").content.decode()
    )


def test_a_team_view_is_seen_by_the_sites_team_and_no_one_else(cast):
    url = "/support/queue/?status=open&sort=-created"
    _save(cast, "site_manager", name="Demandes ouvertes", url=url, shared_site="SA")
    view = SavedView.objects.get()
    assert view.shared_site == cast.site
    queue = cast.client("officer").get("/support/queue/").content.decode()
    assert "Demandes ouvertes" in queue
    listing = cast.client("officer").get("/search/views/").content.decode()
    assert "Demandes ouvertes" in listing
    assert f"/search/views/{view.pk}/delete/" not in listing  # only its owner deletes it
    for outsider in ("other_site_staff", "owner"):
        page = cast.client(outsider).get("/search/views/").content.decode()
        assert "Demandes ouvertes" not in page


def test_sharing_with_a_site_one_does_not_work_at_is_refused(cast):
    response = _save(cast, "other_site_staff", name="Vue", url="/startups/", shared_site="SA")
    assert response.status_code == 302
    assert not SavedView.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("site you work at" in m or "site où vous travaillez" in m for m in messages)
    with pytest.raises(DomainError) as error:
        saved_view_create(by=cast.owner, name="Vue", url="/startups/", site_code="SA")
    assert error.value.code == "bad_site"


@pytest.mark.parametrize(
    "name,url,code",
    [
        ("", "/startups/", "name_missing"),
        ("x" * 81, "/startups/", "name_too_long"),
        ("Ailleurs", "https://evil.example/startups/", "bad_page"),
        ("Ailleurs", "//evil.example/", "bad_page"),
        ("Nulle part", "/no-such-page/", "bad_page"),
    ],
)
def test_bad_views_are_refused_and_nothing_is_saved(cast, name, url, code):
    with pytest.raises(DomainError) as error:
        saved_view_create(by=cast.owner, name=name, url=url)
    assert error.value.code == code
    assert not SavedView.objects.exists()


def test_a_name_is_used_once_per_person(cast):
    saved_view_create(by=cast.owner, name="Mes factures", url="/startups/")
    with pytest.raises(DomainError) as error:
        saved_view_create(by=cast.owner, name="mes FACTURES", url="/startups/?q=a")
    assert error.value.code == "name_taken"
    saved_view_create(by=cast.colleague, name="Mes factures", url="/startups/")
    assert SavedView.objects.count() == 2


def test_only_the_owner_deletes_a_view(cast):
    view = saved_view_create(by=cast.site_manager, name="Équipe", url="/startups/", site_code="SA")
    assert cast.client("officer").post(f"/search/views/{view.pk}/delete/").status_code == 403
    assert SavedView.objects.filter(pk=view.pk).exists()
    assert (
        cast.client("other_site_staff").post(f"/search/views/{view.pk}/delete/").status_code == 404
    )
    response = cast.client("site_manager").post(f"/search/views/{view.pk}/delete/")
    assert response.status_code == 302
    assert not SavedView.objects.exists()
    assert Action.objects.filter(name="saved_view.deleted").count() == 1


def test_the_menu_links_to_my_views(cast):
    page = cast.client("owner").get("/").content.decode()
    assert 'href="/search/views/"' in page

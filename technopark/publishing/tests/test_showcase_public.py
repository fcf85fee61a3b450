"""The showcase's logos, what each startup chose to show, and the directory's filters."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from technopark.house.testing import EnrollmentFactory, ProgramFactory, SiteFactory, StartupFactory
from technopark.network.models import Region
from technopark.publishing.models import ShowcaseProfile
from technopark.publishing.services import LOGO_MAX_BYTES, LOGO_SIZE
from technopark.startups.models import Headcount

EVERYTHING = {field: True for field in ShowcaseProfile.CHOICES}


def _png(width=400, height=200, colour=(200, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def own(cast):
    cache.clear()
    cast.own.public = True
    cast.own.save()
    ShowcaseProfile.objects.create(startup=cast.own, tagline="Avant", show_tagline=True)
    return cast


def _upload(client, data: bytes, name: str, **fields):
    form = {"tagline": "Après", "products": "", **fields}
    form["logo"] = SimpleUploadedFile(name, data)
    return client.post("/open/startups/OWN-1/profile/", form)


def test_a_png_named_jpg_is_read_by_content_and_served_as_a_square_thumbnail(own):
    response = _upload(own.client("owner"), _png(), "logo.jpg", show_logo="on", show_tagline="on")
    assert response.status_code == 302
    profile = ShowcaseProfile.objects.get(startup=own.own)
    assert profile.logo.name.endswith(".png") and profile.show_logo

    served = own.client(None).get("/open/startups/OWN-1/logo.png")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"].startswith("inline")
    assert "max-age=31536000" in served["Cache-Control"]
    thumb = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert thumb.size == (LOGO_SIZE, LOGO_SIZE)

    page = own.client(None).get("/open/startups/OWN-1/").content.decode()
    assert 'src="/open/startups/OWN-1/logo.png?v=' in page and 'alt="Own Startup"' in page
    assert 'og:image" content="http://testserver/open/startups/OWN-1/logo.png?v=' in page
    directory = own.client(None).get("/open/startups/").content.decode()
    assert "/open/startups/OWN-1/logo.png?v=" in directory


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"<html><script>alert(1)</script></html>", "logo.png", "invalid_file"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "logo.svg",
            "invalid_file",
        ),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * (LOGO_MAX_BYTES + 1), "big.png", "too_large"),
        (b"\x89PNG\r\n\x1a\n" + b"broken" * 50, "broken.png", "invalid_image"),
    ],
    ids=["html named png", "svg", "too big", "not a real png"],
)
def test_a_refused_logo_says_why_and_changes_nothing(own, data, name, code):
    from technopark.core.errors import DomainError
    from technopark.publishing.services import logo_thumbnail

    with pytest.raises(DomainError) as refused:
        logo_thumbnail(SimpleUploadedFile(name, data))
    assert refused.value.code == code

    response = _upload(own.client("owner"), data, name, show_logo="on", show_website="on")
    assert response.status_code == 400
    assert response.context["form"].errors["logo"]
    profile = ShowcaseProfile.objects.get(startup=own.own)
    assert (profile.tagline, bool(profile.logo), profile.show_logo, profile.show_website) == (
        "Avant",
        False,
        False,
        False,
    )


@pytest.fixture
def rich(cast):
    """A listed startup whose records hold every field a public page might show."""
    cache.clear()
    site = SiteFactory(code="SECRETSITE", name="Technopark Caché")
    program = ProgramFactory(code="SECRETPROG", name="Programme Caché")
    startup = StartupFactory(
        ref="RICH-1",
        name="Riche Données",
        sector="Secteur-Caché",
        description="Description-cachée",
        website="https://cache.example.ma",
        founded_on=dt.date(1999, 5, 1),
        public=True,
    )
    EnrollmentFactory(startup=startup, site=site, program=program, started_on=dt.date(2022, 1, 1))
    Headcount.objects.create(startup=startup, as_of=dt.date(2023, 1, 1), direct_jobs=4321)
    profile = ShowcaseProfile(startup=startup, tagline="Ligne-cachée")
    profile.logo.save("logo.png", SimpleUploadedFile("logo.png", _png()), save=False)
    profile.save()
    cast.rich, cast.rich_profile = startup, profile
    return cast


SECRETS = (
    "Secteur-Caché",
    "Description-cachée",
    "cache.example.ma",
    "1999",
    "Technopark Caché",
    "SECRETSITE",
    "Programme Caché",
    "4321",
    "Ligne-cachée",
    "/open/startups/RICH-1/logo.png",
    "/open/startups/RICH-1/contact/",
)
PUBLIC = (
    "/open/startups/",
    "/open/startups/RICH-1/",
    "/open/startups/widget/",
    "/open/startups/feed.json",
    "/",
)


def _public_text(client) -> str:
    return "\n".join(client.get(url).content.decode() for url in PUBLIC)


def test_a_field_not_chosen_never_appears_anywhere_public(rich):
    client = rich.client(None)
    text = _public_text(client)
    assert "Riche Données" in text
    assert [secret for secret in SECRETS if secret in text] == []
    assert client.get("/open/startups/RICH-1/logo.png").status_code == 404
    post = {"name": "Nadia", "email": "n@example.ma", "message": "Bonjour, un devis svp."}
    assert client.post("/open/startups/RICH-1/contact/", post).status_code == 404
    # filtering by a hidden field finds nothing (it would reveal the field)
    for query in ("sector=Secteur-Caché", "site=SECRETSITE", "program=SECRETPROG"):
        page = client.get(f"/open/startups/?{query}")
        assert page.context["page_obj"].paginator.count == 0, query

    ShowcaseProfile.objects.filter(pk=rich.rich_profile.pk).update(**EVERYTHING)
    cache.clear()
    text = _public_text(client)
    assert [secret for secret in SECRETS if secret not in text] == []
    assert client.get("/open/startups/RICH-1/logo.png").status_code == 200


def test_founders_choose_field_by_field_and_preview_their_page(own):
    client = own.client("owner")
    response = client.post(
        "/open/startups/OWN-1/profile/",
        {"tagline": "Une ligne", "products": "", "show_sector": "on", "show_contact": "on"},
    )
    assert response.status_code == 302
    profile = ShowcaseProfile.objects.get(startup=own.own)
    assert [f for f in ShowcaseProfile.CHOICES if getattr(profile, f)] == [
        "show_sector",
        "show_contact",
    ]
    preview = client.get("/open/startups/OWN-1/preview/")
    assert preview.status_code == 200
    card = preview.context["card"]
    assert (card["sector"], card["tagline"], card["contact"]) == ("Fintech", "", True)
    assert own.client("other_member").get("/open/startups/OWN-1/profile/").status_code == 404
    assert own.client("other_member").get("/open/startups/OWN-1/preview/").status_code == 404


def test_new_profiles_show_nothing_but_the_name(cast):
    assert [f for f in ShowcaseProfile.CHOICES if getattr(ShowcaseProfile(), f)] == []


@pytest.fixture
def many(db):
    cache.clear()
    north = SiteFactory(
        code="TNG", name="Technopark Tanger", region=Region.objects.get(code="MA-01")
    )
    south = SiteFactory(
        code="AGA", name="Technopark Agadir", region=Region.objects.get(code="MA-09")
    )
    incubation = ProgramFactory(code="INC", name="Incubation")
    accel = ProgramFactory(code="ACC", name="Accélération")
    made = {}
    for n, (name, sector, site, program) in enumerate(
        [
            ("Énergie Verte", "Green tech", north, incubation),
            ("Eau Claire", "Agritech", south, accel),
            ("Atlas Pay", "Fintech", north, accel),
        ]
    ):
        startup = StartupFactory(ref=f"F-{n}", name=name, sector=sector, public=True)
        EnrollmentFactory(
            startup=startup, site=site, program=program, started_on=dt.date(2022, 1, 1)
        )
        ShowcaseProfile.objects.create(
            startup=startup, show_sector=True, show_site=True, show_program=True
        )
        made[name] = startup
    for n in range(30):
        StartupFactory(ref=f"Z-{n:02d}", name=f"Zeta {n:02d}", public=True)
    return made


def _names(client, query: str) -> tuple[int, list[str]]:
    response = client.get(f"/open/startups/?{query}")
    assert response.status_code == 200
    return (
        response.context["page_obj"].paginator.count,
        [card["name"] for card in response.context["cards"] if not card["name"].startswith("Zeta")],
    )


def test_the_directory_filters_searches_and_pages(many, client):
    assert _names(client, "q=ENERGIE") == (1, ["Énergie Verte"])
    assert _names(client, "q=eau")[0] == 1
    assert _names(client, "sector=fintech") == (1, ["Atlas Pay"])
    assert _names(client, "site=TNG") == (2, ["Atlas Pay", "Énergie Verte"])
    assert _names(client, "region=MA-09") == (1, ["Eau Claire"])
    assert _names(client, "program=ACC") == (2, ["Atlas Pay", "Eau Claire"])
    assert _names(client, "program=ACC&region=MA-01") == (1, ["Atlas Pay"])
    everyone = client.get("/open/startups/")
    assert everyone.context["page_obj"].paginator.count == 33
    assert 'data-count="33"' in everyone.content.decode()
    second = client.get("/open/startups/?q=zeta&page=2")
    assert len(second.context["cards"]) == 30 - 24
    assert "?q=zeta&amp;page=1" in second.content.decode()

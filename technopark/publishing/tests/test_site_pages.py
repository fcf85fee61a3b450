"""A site's public page: where it is, how to get there, its photos (staff upload them)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from technopark.publishing import services
from technopark.publishing.models import SiteGuide, SitePhoto


def _png(name: str = "facade.png", size: int = 40) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (size, size), (10, 90, 200)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def _upload(client, file, alt="La façade et son entrée"):
    return client.post("/open/sites/SA/media/", {"image": file, "alt_text": alt})


def test_a_site_manager_adds_a_photo_that_visitors_see_with_its_description(cast):
    manager = cast.client("site_manager")
    response = _upload(manager, _png())
    assert response.status_code == 302
    photo = SitePhoto.objects.get(site=cast.site)
    assert photo.content_type == "image/png" and photo.uploaded_by == cast.site_manager

    page = Client().get("/sites/SA/").content.decode()
    assert f'src="/open/sites/SA/photos/{photo.pk}/" alt="La façade et son entrée"' in page
    image = Client().get(f"/open/sites/SA/photos/{photo.pk}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image["X-Content-Type-Options"] == "nosniff"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("file", "alt"),
    [
        (SimpleUploadedFile("facade.png", b"MZ\x90\x00 not an image at all"), "Une photo"),
        (SimpleUploadedFile("facade.pdf", b"%PDF-1.4 a document"), "Une photo"),
        (None, "   "),  # a photo without its description
    ],
    ids=["executable-named-png", "pdf", "no-description"],
)
def test_a_bad_photo_is_refused_with_a_reason_and_nothing_is_stored(cast, file, alt):
    response = _upload(cast.client("site_manager"), file or _png(), alt)
    assert response.status_code == 400
    form = response.context["photo_form"]
    assert set(form.errors) & {"image", "alt_text"}
    assert not SitePhoto.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(cast, monkeypatch):
    monkeypatch.setattr(services, "PHOTO_MAX_BYTES", 200)
    response = _upload(cast.client("site_manager"), _png(size=200))
    assert response.status_code == 400 and "image" in response.context["photo_form"].errors
    assert not SitePhoto.objects.exists()


def test_staff_of_another_site_cannot_add_photos_here(cast):
    response = _upload(cast.client("other_site_staff"), _png())
    assert response.status_code == 403
    assert not SitePhoto.objects.exists()


def test_removing_a_photo_takes_it_off_the_page(cast):
    manager = cast.client("site_manager")
    _upload(manager, _png())
    photo = SitePhoto.objects.get()
    assert manager.post(f"/open/sites/SA/media/{photo.pk}/remove/").status_code == 302
    assert not SitePhoto.objects.exists()
    assert Client().get(f"/open/sites/SA/photos/{photo.pk}/").status_code == 404


def test_the_site_page_opens_with_its_address_directions_contact_and_map(cast):
    cast.site.address = "Route de Nouaceur, Sidi Maârouf"
    cast.site.email = "contact@site-a.ma"
    cast.site.latitude, cast.site.longitude = 33.53, -7.64
    cast.site.save()
    manager = cast.client("site_manager")
    response = manager.post(
        "/open/sites/SA/media/",
        {"part": "guide", "directions": "Tramway T1, station Sidi Maârouf\n\nParking à l'ouest"},
    )
    assert response.status_code == 302
    assert SiteGuide.objects.get(site=cast.site).direction_lines() == [
        "Tramway T1, station Sidi Maârouf",
        "Parking à l'ouest",
    ]

    body = Client(headers={"accept-language": "fr"}).get("/sites/SA/").content.decode()
    assert "Route de Nouaceur, Sidi Maârouf" in body
    assert "<li>Tramway T1, station Sidi Maârouf</li><li>Parking à l&#x27;ouest</li>" in body
    assert 'href="mailto:contact@site-a.ma"' in body
    # The site is the marked dot of the map, placed with dotted coordinates.
    x, y = body.split('tp-map-current" cx="')[1].split('" r=')[0].split('" cy="')
    assert float(x) > 0 and float(y) > 0
    # The address comes before the figures.
    assert body.index("Route de Nouaceur") < body.index('id="site-figures"')

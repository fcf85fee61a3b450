"""Sites and rooms in every language: each reader sees their language, French when staff
gave no translation; French stays the name in the database whatever language saves it."""

from __future__ import annotations

from django.utils import translation

from technopark.network.models import Site, Space


def _translate(site: Site) -> None:
    site.name_ar = "تكنوبارك الدار البيضاء"
    site.name_en = ""
    site.save(update_fields=["name_ar", "name_en"])


def test_the_api_follows_accept_language_and_gives_every_language_on_demand(cast):
    _translate(cast.site)
    client = cast.client("site_manager")
    url = f"/api/v1/sites/{cast.site.code}"
    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").json()
    assert arabic["name"] == "تكنوبارك الدار البيضاء"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert english["name"] == french["name"] != arabic["name"]  # no English: the French one
    assert arabic["name_i18n"] == {
        "fr": french["name"],
        "ar": "تكنوبارك الدار البيضاء",
        "en": french["name"],
    }


def test_saving_in_arabic_keeps_the_french_name_in_the_database(cast):
    _translate(cast.site)
    french = Site.objects.values_list("name", flat=True).get(pk=cast.site.pk)
    with translation.override("ar"):
        site = Site.objects.get(pk=cast.site.pk)
        assert site.name == str(site) == "تكنوبارك الدار البيضاء"
        site.city = "الدار البيضاء"
        site.save()
        Site.objects.bulk_update([site], ["name", "city"])
        site.refresh_from_db()
        site.save()
        assert site.name_fr == french
    assert Site.objects.values_list("name", flat=True).get(pk=cast.site.pk) == french
    with translation.override("fr"):
        assert Site.objects.get(pk=cast.site.pk).name == french


def test_a_room_without_translation_reads_in_french_in_every_language(cast):
    room = Space.objects.filter(site=cast.site).first()
    room.name, room.name_ar, room.name_en = "Salle de réunion 1", "", "Meeting room 1"
    room.save()
    for language, expected in (
        ("fr", "Salle de réunion 1"),
        ("ar", "Salle de réunion 1"),
        ("en", "Meeting room 1"),
    ):
        with translation.override(language):
            assert Space.objects.get(pk=room.pk).name == expected

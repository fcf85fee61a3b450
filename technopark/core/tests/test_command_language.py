"""One language per screen in the terminal: commands speak --language, else
TECHNOPARK_LANGUAGE, else LANGUAGE_CODE, and every line they print is in that language."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from technopark.interchange.tests.conftest import SAMPLE

HEADERS = {
    "fr": ["Table", "Créés", "Mis à jour", "Inchangés"],
    "ar": ["الجدول", "المنشأة", "المحدَّثة", "غير المعدَّلة"],
    "en": ["Table", "Created", "Updated", "Unchanged"],
}


def _import(*extra) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import-data",
        str(SAMPLE / "canonical"),
        "--dry-run",
        "--quiet-progress",
        *extra,
        stdout=out,
        stderr=err,
    )
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_import_report_is_in_one_language(language):
    lines = _import("--language", language).splitlines()
    for word in HEADERS[language]:
        assert word in lines[0]
    others = {w for code, words in HEADERS.items() if code != language for w in words}
    others -= set(HEADERS[language])
    assert not [w for w in others if w in lines[0]], lines[0]
    dry_run = {
        "fr": "Essai à blanc : rien n'a été enregistré.",
        "en": "Dry run: nothing was written.",
    }
    if language in dry_run:
        assert lines[-1] == dry_run[language]


@pytest.mark.django_db
def test_the_default_is_the_settings_language_then_the_environment(settings, monkeypatch):
    settings.LANGUAGE_CODE = "fr"
    assert "Inchangés" in _import().splitlines()[0]
    monkeypatch.setenv("TECHNOPARK_LANGUAGE", "en")
    assert "Unchanged" in _import().splitlines()[0]
    assert "Inchangés" in _import("--language", "fr").splitlines()[0]


@pytest.mark.django_db
def test_errors_of_other_commands_are_translated_too():
    with pytest.raises(CommandError, match="^Aucun site avec le code NOPE"):
        call_command("invoices-issue", "--month", "2026-10", "--site", "NOPE", "--language", "fr")
    with pytest.raises(CommandError, match="^--as-of 30/11/2022: Indiquez la date"):
        call_command("bilan", "--as-of", "30/11/2022", "--language", "fr")
    out = io.StringIO()
    call_command("demo-logins", "--language", "fr", stdout=out)
    assert "Comptes de démonstration (mot de passe : technopark-demo)" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("daily", ["--today", "2022-02-30"]),
        ("daily", ["--today", "0001-01-01"]),
        ("bilan", ["--as-of", "9999-12-31"]),
        ("invoices-issue", ["--month", "2026-11", "--issued-on", "2026-13-01"]),
        ("seed-demo", ["--today", "15/03/2026"]),
    ],
)
def test_a_bad_date_option_is_a_message_naming_it_in_the_persons_language(command, args):
    """An operator who mistypes a date reads which option and what to write, not a traceback."""
    option = args[-2]
    with pytest.raises(
        CommandError, match=f"^{option} {args[-1]}: (Indiquez la date|Choisissez une date)"
    ):
        call_command(command, *args, "--language", "fr", stdout=io.StringIO())
    with pytest.raises(CommandError, match=f"^{option} {args[-1]}: (Give the date|Choose a date)"):
        call_command(command, *args, "--language", "en", stdout=io.StringIO())

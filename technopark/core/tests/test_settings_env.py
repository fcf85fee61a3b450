"""Settings read from the environment: a value they cannot mean stops the start with a
message naming the variable, the value and what it accepts (it was a bare KeyError for
an unknown TASKS_BACKEND, and any word at all was a silent False for a yes/no setting)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from technopark import settings as module


def _start(**env: str) -> subprocess.CompletedProcess:
    """Load the settings in a new process, as `technopark runserver` or gunicorn would."""
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "technopark.settings", **env}
    environ.pop("TECHNOPARK_TESTING", None)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=environ,
        capture_output=True,
        text=True,
        cwd=settings.PROJECT_DIR,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "says"),
    [
        (
            {"TASKS_BACKEND": "rq"},
            "The environment variable TASKS_BACKEND is 'rq', which is not valid: "
            "use one of immediate, database.",
        ),
        (
            {"DEBUG": "maybe"},
            "The environment variable DEBUG is 'maybe', which is not valid: use one of "
            "1/0, true/false, yes/no, on/off, oui/non (in any case).",
        ),
        ({"DATABASE_URL": "mongo://db/technopark"}, "DATABASE_URL is 'mongo://…'"),
    ],
)
def test_a_bad_value_stops_the_start_and_says_which_and_what_is_accepted(env, says):
    started = _start(**env)
    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert says in started.stderr
    assert "KeyError" not in started.stderr


def test_the_documented_values_start():
    started = _start(TASKS_BACKEND="database", DEBUG="Off", SECURE_HTTPS="", EMAIL_PORT="587")
    assert started.returncode == 0, started.stderr
    assert "started" in started.stdout


@pytest.mark.parametrize(
    ("value", "meaning"),
    [("1", True), ("TRUE", True), ("Yes", True), ("on", True), (" oui ", True)]
    + [("0", False), ("false", False), ("NO", False), ("Off", False), ("non", False)],
)
def test_a_yes_no_setting_reads_the_documented_words(monkeypatch, value, meaning):
    monkeypatch.setenv("SOME_SWITCH", value)
    assert module.env_bool("SOME_SWITCH", default=not meaning) is meaning


@pytest.mark.parametrize("value", ["maybe", "2", "y", "enabled", "vrai"])
def test_a_yes_no_setting_refuses_other_words(monkeypatch, value):
    monkeypatch.setenv("SOME_SWITCH", value)
    with pytest.raises(ImproperlyConfigured, match=f"SOME_SWITCH is '{value}'"):
        module.env_bool("SOME_SWITCH")


def test_an_empty_value_is_the_default(monkeypatch):
    monkeypatch.setenv("SOME_SWITCH", "")
    monkeypatch.setenv("SOME_NUMBER", " ")
    assert module.env_bool("SOME_SWITCH", default=True) is True
    assert module.env_int("SOME_NUMBER", 42) == 42


@pytest.mark.parametrize("value", ["abc", "1.5", "-5", "٣", "10**9"])
def test_a_number_setting_refuses_what_is_not_a_whole_number(monkeypatch, value):
    monkeypatch.setenv("SOME_NUMBER", value)
    with pytest.raises(ImproperlyConfigured, match="use a whole number of at least 0"):
        module.env_int("SOME_NUMBER", 1)
    monkeypatch.setenv("SOME_NUMBER", "587")
    assert module.env_int("SOME_NUMBER", 1) == 587


def test_the_other_settings_say_what_they_accept(monkeypatch):
    monkeypatch.setenv("INVOICE_REMINDER_DAYS", "7,x,30")
    with pytest.raises(ImproperlyConfigured, match="whole numbers of at least 1"):
        module.env_int_list("INVOICE_REMINDER_DAYS", "7", minimum=1)
    monkeypatch.setenv("API_RATE_LIMIT_USER", "lots")
    with pytest.raises(ImproperlyConfigured, match='"600/m"'):
        module.env_rate("API_RATE_LIMIT_USER", "600/m")
    monkeypatch.setenv("API_RATE_LIMIT_USER", "100/5m")
    assert module.env_rate("API_RATE_LIMIT_USER", "600/m") == "100/5m"
    monkeypatch.setenv("LOG_LEVEL", "LOUD")
    with pytest.raises(ImproperlyConfigured, match="DEBUG, INFO, WARNING, ERROR, CRITICAL"):
        module.env_choice("LOG_LEVEL", "WARNING", module._LOG_LEVELS)

"""The base of every `technopark` command: one language per screen, in the terminal too.

A command speaks the language given by `--language fr|ar|en`, else the environment variable
TECHNOPARK_LANGUAGE, else settings.LANGUAGE_CODE (French by default); every string it
prints goes through the translation catalogue.
"""

from __future__ import annotations

import datetime as dt
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from technopark.core.actions import channel
from technopark.core.errors import DomainError
from technopark.core.query import parse_day


def command_language(option: str | None = None) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    for candidate in (option, os.environ.get("TECHNOPARK_LANGUAGE"), settings.LANGUAGE_CODE):
        if candidate and candidate in codes:
            return candidate
    return settings.LANGUAGE_CODE


class TranslatedCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the output (default: $TECHNOPARK_LANGUAGE, else LANGUAGE_CODE).",
        )
        return parser

    def execute(self, *args, **options):
        # What the command does is recorded as done from the command line (core/actions.py).
        with translation.override(command_language(options.get("language"))), channel("command"):
            return super().execute(*args, **options)


def day_option(options: dict, name: str, default: dt.date | None = None) -> dt.date | None:
    """The date a command was given as `--name YYYY-MM-DD` (`default` when absent); a
    CommandError naming the option and saying what is wrong, never a traceback."""
    try:
        day = parse_day(options.get(name), field=name)
    except DomainError as exc:
        option = "--" + name.replace("_", "-")
        raise CommandError(f"{option} {options.get(name)}: {exc.message}") from None
    return default if day is None else day

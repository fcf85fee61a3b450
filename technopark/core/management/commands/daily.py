"""`technopark daily`: the once-a-day jobs (reminders, alerts, campaigns), run by cron.

Each app may define `daily(today: date) -> str` in its `tasks.py`; it returns a line
saying what it did. Run it every morning (e.g. `0 7 * * * technopark daily`).
"""

import datetime as dt
from importlib import import_module

from django.apps import apps

from technopark.core.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = "Run every app's daily jobs: reminders, alerts, follow-up campaigns."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = dt.date.fromisoformat(options["today"]) if options["today"] else dt.date.today()
        for config in apps.get_app_configs():
            if not config.name.startswith("technopark."):
                continue
            try:
                module = import_module(f"{config.name}.tasks")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.tasks":
                    raise
                continue
            job = getattr(module, "daily", None)
            if job is not None:
                self.stdout.write(f"{config.label}: {job(today)}")

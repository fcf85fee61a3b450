"""`technopark daily`: the once-a-day jobs (reminders, alerts, campaigns), run by cron.

Each app may define `daily(today: date) -> str` in its `daily.py` (or its `tasks.py` when
the job calls no service: services queue tasks, so tasks never import services); it returns
a line saying what it did. Run it every morning (e.g. `0 7 * * * technopark daily`).
"""

from technopark.core import clock
from technopark.core.commands import TranslatedCommand, day_option
from technopark.core.hooks import app_labels, app_modules


class Command(TranslatedCommand):
    help = "Run every app's daily jobs: reminders, alerts, follow-up campaigns."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = day_option(options, "today", default=clock.today())
        jobs = {}
        for name in ("tasks", "daily"):  # an app's daily.py wins over its tasks.py
            for module in app_modules(name):
                if hasattr(module, "daily"):
                    jobs[module.__name__.split(".")[1]] = module.daily
        for label in app_labels():  # in INSTALLED_APPS order
            if label in jobs:
                self.stdout.write(f"{label}: {jobs[label](today)}")

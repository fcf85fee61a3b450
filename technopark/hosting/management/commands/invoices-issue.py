"""`technopark invoices-issue --month YYYY-MM [--site CODE]`: issue a month's rent invoices.

Safe to run again: a contract's invoice for a month is issued once.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from technopark.hosting.services import invoices_issue_month
from technopark.network.models import Site


class Command(BaseCommand):
    help = "Issue the month's rent invoice of every signed contract (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--site", help="Only this site (code).")
        parser.add_argument("--issued-on", help="Issue date, YYYY-MM-DD (default: today).")

    def handle(self, *args, **options):
        try:
            month = dt.datetime.strptime(options["month"], "%Y-%m").date()
        except ValueError:
            raise CommandError("--month must be YYYY-MM, e.g. 2026-11") from None
        issued_on = (
            dt.date.fromisoformat(options["issued_on"]) if options["issued_on"] else dt.date.today()
        )
        site = None
        if options["site"]:
            site = Site.objects.filter(code=options["site"]).first()
            if site is None:
                raise CommandError(f"No site with code {options['site']!r}.")
        result = invoices_issue_month(month=month, issued_on=issued_on, site=site)
        for lease, reason in result.refused:
            self.stderr.write(f"{lease}: {reason}")
        self.stdout.write(
            f"{month:%Y-%m}: {len(result.created)} invoice(s) issued, "
            f"{result.existing} already issued, {len(result.refused)} refused."
        )

"""`technopark invoices-issue --month YYYY-MM [--site CODE]`: issue a month's rent invoices.

Safe to run again: a contract's invoice for a month is issued once.
"""

import datetime as dt

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from technopark.core import clock
from technopark.core.commands import TranslatedCommand, day_option
from technopark.hosting.services import invoices_issue_month
from technopark.network.models import Site


class Command(TranslatedCommand):
    help = "Issue the month's rent invoice of every signed contract (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--site", help="Only this site (code).")
        parser.add_argument("--issued-on", help="Issue date, YYYY-MM-DD (default: today).")

    def handle(self, *args, **options):
        try:
            month = dt.datetime.strptime(options["month"], "%Y-%m").date()
        except ValueError:
            raise CommandError(_("--month must be YYYY-MM, e.g. 2026-11")) from None
        issued_on = day_option(options, "issued_on", default=clock.today())
        site = None
        if options["site"]:
            site = Site.objects.filter(code=options["site"]).first()
            if site is None:
                raise CommandError(_("No site with code %(code)s.") % {"code": options["site"]})
        result = invoices_issue_month(month=month, issued_on=issued_on, site=site)
        for lease, reason in result.refused:
            self.stderr.write(f"{lease}: {reason}")
        self.stdout.write(
            _(
                "%(month)s: %(issued)d invoice(s) issued, %(existing)d already issued, %(refused)d refused."
            )
            % {
                "month": f"{month:%Y-%m}",
                "issued": len(result.created),
                "existing": result.existing,
                "refused": len(result.refused),
            }
        )

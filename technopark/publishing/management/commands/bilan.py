"""`technopark bilan`: the bilan as of a date, for the network or a site.

It lives in publishing, above impact, because its PDF and Excel formats are publishing's.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from technopark.core.commands import TranslatedCommand, command_language, day_option
from technopark.impact.definitions import FIGURE_BY_KEY
from technopark.impact.engine import UnknownScope, compute_bilan
from technopark.impact.formatting import format_value


class Command(TranslatedCommand):
    help = "Compute the bilan (every impact figure) as of a date, for the network or a site."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="The as-of date, YYYY-MM-DD (default: today).")
        parser.add_argument("--site", help="A site code (default: the whole network).")
        parser.add_argument(
            "--operator", help="Only startups enrolled in this operator's programs."
        )
        parser.add_argument("--format", choices=["json", "table", "pdf", "xlsx"], default="table")
        parser.add_argument("--output", help="Write to this file instead of the terminal.")

    def handle(self, *args, **options):
        day = day_option(options, "as_of", default=dt.date.today())
        fmt = options["format"]
        if fmt in ("pdf", "xlsx"):
            data = self.report(fmt, day, options)
        else:
            try:
                bilan = compute_bilan(as_of=day, site=options["site"], operator=options["operator"])
            except UnknownScope as exc:
                raise CommandError(
                    _("No site has the code %(code)s.") % {"code": exc.value}
                    if exc.kind == "site"
                    else _("No operator has the short name %(code)s.") % {"code": exc.value}
                ) from None
            text = json.dumps(bilan, indent=2) if fmt == "json" else self.table(bilan)
            data = (text + "\n").encode()
        if options["output"]:
            with open(options["output"], "wb") as fh:
                fh.write(data)
            self.stdout.write(_("Written to %(path)s.") % {"path": options["output"]})
        else:
            sys.stdout.buffer.write(data) if fmt in ("pdf", "xlsx") else self.stdout.write(
                data.decode(), ending=""
            )

    def report(self, fmt: str, day: dt.date, options) -> bytes:
        from technopark.publishing import reports

        if fmt == "pdf":
            return reports.bilan_pdf(
                as_of=day, site=options["site"], language=command_language(options["language"])
            )
        return reports.bilan_xlsx(as_of=day, site=options["site"])

    def table(self, bilan: dict) -> str:
        scope = (
            _("Network")
            if bilan["scope"] == "network"
            else _("Site %(code)s") % {"code": bilan["scope"]}
        )
        lines = [
            _("Bilan as of %(date)s — %(scope)s") % {"date": bilan["as_of"], "scope": scope},
            "",
        ]
        width = max(len(str(FIGURE_BY_KEY[key].label)) for key in bilan["kpis"])
        for key, value in bilan["kpis"].items():
            figure = FIGURE_BY_KEY[key]
            lines.append(
                f"  {str(figure.label):<{width}}  {format_value(figure, value):>16}  {key}"
            )
        return "\n".join(lines)

"""`technopark bilan`: the bilan as of a date, for the network or a site.

It lives in publishing, above impact, because its PDF and Excel formats are publishing's.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from technopark.impact.definitions import FIGURE_BY_KEY
from technopark.impact.engine import UnknownScope, compute_bilan
from technopark.impact.formatting import format_value


class Command(BaseCommand):
    help = "Compute the bilan (every impact figure) as of a date, for the network or a site."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="The as-of date, YYYY-MM-DD (default: today).")
        parser.add_argument("--site", help="A site code (default: the whole network).")
        parser.add_argument(
            "--operator", help="Only startups enrolled in this operator's programs."
        )
        parser.add_argument("--format", choices=["json", "table", "pdf", "xlsx"], default="table")
        parser.add_argument("--language", default="fr", help="Language of the PDF report.")
        parser.add_argument("--output", help="Write to this file instead of the terminal.")

    def handle(self, *args, **options):
        try:
            day = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else dt.date.today()
        except ValueError:
            raise CommandError(
                f"--as-of {options['as_of']!r} is not a date: write it YYYY-MM-DD."
            ) from None
        fmt = options["format"]
        if fmt in ("pdf", "xlsx"):
            data = self.report(fmt, day, options)
        else:
            try:
                bilan = compute_bilan(as_of=day, site=options["site"], operator=options["operator"])
            except UnknownScope as exc:
                raise CommandError(f"No {exc.kind} {exc.value!r}.") from None
            text = json.dumps(bilan, indent=2) if fmt == "json" else self.table(bilan)
            data = (text + "\n").encode()
        if options["output"]:
            with open(options["output"], "wb") as fh:
                fh.write(data)
            self.stdout.write(f"Written to {options['output']}.")
        else:
            sys.stdout.buffer.write(data) if fmt in ("pdf", "xlsx") else self.stdout.write(
                data.decode(), ending=""
            )

    def report(self, fmt: str, day: dt.date, options) -> bytes:
        from technopark.publishing import reports

        if fmt == "pdf":
            return reports.bilan_pdf(as_of=day, site=options["site"], language=options["language"])
        return reports.bilan_xlsx(as_of=day, site=options["site"])

    def table(self, bilan: dict) -> str:
        scope = "Network" if bilan["scope"] == "network" else f"Site {bilan['scope']}"
        lines = [f"Bilan as of {bilan['as_of']} — {scope}", ""]
        width = max(len(str(FIGURE_BY_KEY[key].label)) for key in bilan["kpis"])
        for key, value in bilan["kpis"].items():
            figure = FIGURE_BY_KEY[key]
            lines.append(
                f"  {str(figure.label):<{width}}  {format_value(figure, value):>16}  {key}"
            )
        return "\n".join(lines)

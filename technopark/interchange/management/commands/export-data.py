"""`technopark export-data DIR` or `technopark export-data --xlsx FILE`: write every table
of the interchange format (comma, ISO dates, the spec's columns and order)."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from technopark.core.commands import TranslatedCommand
from technopark.interchange.exporter import export_csv_dir, export_xlsx, export_zip


class Command(TranslatedCommand):
    help = "Export every table as CSV files into DIR, as a .zip, or as one .xlsx workbook."

    def add_arguments(self, parser):
        parser.add_argument("dir", nargs="?", help="Folder for the CSV files (or a .zip path)")
        parser.add_argument("--xlsx", metavar="FILE", help="Write one .xlsx workbook instead.")

    def handle(self, *args, **options):
        if options["xlsx"]:
            counts = export_xlsx(options["xlsx"])
            target = options["xlsx"]
        elif options["dir"]:
            target = options["dir"]
            counts = (
                export_zip(target) if target.lower().endswith(".zip") else export_csv_dir(target)
            )
        else:
            raise CommandError(_("Give a folder (or a .zip path), or --xlsx FILE."))
        for name, count in counts.items():
            self.stdout.write(f"{name:<14}{count:>10}")
        self.stdout.write(_("Exported to %(target)s.") % {"target": target})

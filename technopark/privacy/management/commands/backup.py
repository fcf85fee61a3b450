"""`technopark backup [--output FILE]`: database dump + uploaded files + manifest, one .tar.gz."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from technopark.core.commands import TranslatedCommand
from technopark.privacy.backup import create_archive


class Command(TranslatedCommand):
    help = "Write a consistent, restorable backup (database and uploaded files) to a .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="Where to write it (default: var/backups/).")

    def handle(self, *args, **options):
        if options["output"]:
            output = Path(options["output"])
        else:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.VAR_DIR) / "backups" / f"technopark-{stamp}.tar.gz"
        manifest = create_archive(output)
        total = sum(manifest.counts.values())
        self.stdout.write(
            _("%(path)s: %(records)d records (%(database)s), %(files)d files")
            % {
                "path": output,
                "records": total,
                "database": manifest.database,
                "files": manifest.files,
            }
        )

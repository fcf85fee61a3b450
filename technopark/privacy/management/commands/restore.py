"""`technopark restore FILE [--force]`: bring a backup back into an empty database."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from technopark.core.commands import TranslatedCommand
from technopark.privacy.backup import BackupError, restore_archive


class Command(TranslatedCommand):
    help = "Restore a backup made by `technopark backup` (the database must be empty)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--force", action="store_true", help="Replace the data of a non-empty database."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(_("%(path)s does not exist.") % {"path": path})
        try:
            manifest = restore_archive(path, force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        total = sum(manifest.counts.values())
        self.stdout.write(
            _("Restored %(records)d records of %(date)s and %(files)d files.")
            % {"records": total, "date": manifest.created_at, "files": manifest.files}
        )

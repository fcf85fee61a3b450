"""`technopark restore FILE [--force]`: bring a backup back into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from technopark.privacy.backup import BackupError, restore_archive


class Command(BaseCommand):
    help = "Restore a backup made by `technopark backup` (the database must be empty)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--force", action="store_true", help="Replace the data of a non-empty database."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            manifest = restore_archive(path, force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        total = sum(manifest.counts.values())
        self.stdout.write(
            f"Restored {total} records of {manifest.created_at} and {manifest.files} files."
        )

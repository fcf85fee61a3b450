"""`technopark signatures-make-cert [--force]`: make the self-signed demo certificate that
seals signed PDFs, under the var directory (docs/signatures.md says how to use a real one)."""

from django.utils.translation import gettext as _

from technopark.core.commands import TranslatedCommand
from technopark.signatures import pdf


class Command(TranslatedCommand):
    help = "Make the self-signed demo certificate that seals the signed PDFs."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Replace an existing one.")

    def handle(self, *args, **options):
        configured, _key = pdf.certificate_paths()
        cert, key = pdf.make_demo_certificate(force=options["force"])
        self.stdout.write(
            _("Demo certificate: %(cert)s (key: %(key)s).") % {"cert": cert, "key": key}
        )
        if configured != cert:
            self.stdout.write(
                _("SIGNATURES_CERT names another certificate (%(path)s): that one seals.")
                % {"path": configured}
            )

"""`technopark payments-import FILE [--site CODE] [--format F] [--mapping FILE] [--account A]`:
read a bank statement, record what matches, propose what is likely, leave the rest waiting."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from technopark.core.commands import TranslatedCommand
from technopark.core.errors import DomainError


class Command(TranslatedCommand):
    help = "Import a bank statement (MT940, CAMT.053 or CSV) and match its credits to invoices."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--site", help="Site code: match only this site's invoices.")
        parser.add_argument("--format", choices=["mt940", "camt053", "csv"])
        parser.add_argument("--mapping", help="CSV column mapping (a JSON file).")
        parser.add_argument("--account", default="", help="The account, when the file lacks it.")
        parser.add_argument("--by", help="E-mail of the person importing (the audit's actor).")

    def handle(self, *args, **options):
        from technopark.accounts.models import User
        from technopark.network.models import Site
        from technopark.payments import parsers, services

        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        site = None
        if options["site"]:
            site = Site.objects.filter(code=options["site"]).first()
            if site is None:
                raise CommandError(_("No site with code %(code)s.") % {"code": options["site"]})
        by = None
        if options["by"]:
            by = User.objects.filter(email__iexact=options["by"]).first()
            if by is None:
                raise CommandError(_("No user with e-mail %(email)s.") % {"email": options["by"]})
        data = path.read_bytes()
        fmt = options["format"] or parsers.guess_format(path.name, data)
        try:
            mapping = None
            if options["mapping"]:
                mapping = parsers.read_mapping(Path(options["mapping"]).read_bytes())
            account, credits = parsers.parse(fmt, data, mapping=mapping, account=options["account"])
            result = services.statement_import(
                account=account, fmt=fmt, credits=credits, site=site, filename=path.name, by=by
            )
        except (DomainError, OSError) as exc:
            raise CommandError(getattr(exc, "message", str(exc))) from None
        for tx in result.matched:
            self.stdout.write(
                _("Recorded: %(ref)s, %(amount)s MAD on invoice %(invoice)s")
                % {
                    "ref": tx.bank_reference,
                    "amount": tx.amount_mad,
                    "invoice": tx.invoice.reference,
                }
            )
        for tx in result.proposed:
            self.stdout.write(
                _("Proposed: %(ref)s, %(amount)s MAD for invoice %(invoice)s (to confirm)")
                % {
                    "ref": tx.bank_reference,
                    "amount": tx.amount_mad,
                    "invoice": tx.invoice.reference,
                }
            )
        for tx in result.unknown:
            self.stdout.write(
                _("Waiting for a person: %(ref)s, %(amount)s MAD, %(label)s")
                % {"ref": tx.bank_reference, "amount": tx.amount_mad, "label": tx.label}
            )
        self.stdout.write(
            _(
                "%(matched)d recorded, %(proposed)d proposed, %(unknown)d waiting, "
                "%(already)d already imported."
            )
            % {
                "matched": len(result.matched),
                "proposed": len(result.proposed),
                "unknown": len(result.unknown),
                "already": result.already,
            }
        )

"""`technopark adduser EMAIL --role ROLE [--site CODE] [--startup ID] [--desk CODE]`."""

import sys

from django.apps import apps
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from technopark.accounts.models import User
from technopark.core.commands import TranslatedCommand
from technopark.core.errors import DomainError
from technopark.network.models import Operator, Site
from technopark.startups.models import Startup
from technopark.startups.services import ROLE_CHOICES, user_add


class Command(TranslatedCommand):
    help = (
        "Create or update a user with a role. The password is read from standard input when one "
        "is piped; otherwise a one-time link to choose it is printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=ROLE_CHOICES)
        parser.add_argument("--site", help="site code (site_manager, program_officer)")
        parser.add_argument("--startup", help="startup reference (startup_member)")
        parser.add_argument("--desk", help="desk code (desk_agent)")
        parser.add_argument("--operator", help="partner organisation short name (partner roles)")
        parser.add_argument("--name", default="", help="full name")
        parser.add_argument(
            "--by", help="e-mail of the person running the command, recorded in the audit trail"
        )

    def handle(self, *args, **options):
        scope = {}
        lookups = [
            ("site", Site, "code"),
            ("startup", Startup, "ref"),
            # Desks are the guichet's, above startups: named, not imported.
            ("desk", apps.get_model("desk", "Desk"), "code"),
            ("operator", Operator, "slug"),
        ]
        for option, model, field in lookups:
            value = options[option]
            if value:
                try:
                    scope[option] = model.objects.get(**{field: value})
                except model.DoesNotExist:
                    raise CommandError(
                        _("No %(what)s with %(field)s %(value)s.")
                        % {"what": option, "field": field, "value": repr(value)}
                    ) from None
        by = None
        if options["by"]:
            by = User.objects.filter(email__iexact=options["by"]).first()
            if by is None:
                raise CommandError(
                    _("No user with e-mail %(email)s.") % {"email": repr(options["by"])}
                )
        password = None
        if not sys.stdin.isatty():
            password = sys.stdin.readline().rstrip("\n") or None
        try:
            result = user_add(
                email=options["email"],
                role=options["role"],
                password=password,
                full_name=options["name"],
                by=by,
                **scope,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        message = (
            _("Created %(email)s as %(role)s.")
            if result.created
            else _("Updated %(email)s as %(role)s.")
        )
        self.stdout.write(
            self.style.SUCCESS(message % {"email": result.user.email, "role": options["role"]})
        )
        if result.login_link:
            self.stdout.write(
                _("One-time link to choose a password: %(link)s") % {"link": result.login_link}
            )

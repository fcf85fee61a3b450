"""`technopark api-token EMAIL`: print a new personal API token for a user."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from technopark.accounts.models import User
from technopark.accounts.services import token_create
from technopark.core.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = "Create a personal API token for a user and print it (shown once)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="command line")

    def handle(self, *args, **options):
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(_("No user with e-mail %(email)s.") % {"email": options["email"]})
        _token, raw = token_create(user=user, name=options["name"])
        self.stdout.write(raw)

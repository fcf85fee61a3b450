"""`technopark demo-logins`: print the demo accounts, one per role."""

from django.utils.translation import gettext as _

from technopark.accounts.models import User
from technopark.core.commands import TranslatedCommand
from technopark.core.demo import DEMO_PASSWORD
from technopark.house.demo_logins import DEMO_LOGINS


class Command(TranslatedCommand):
    help = "Print the demo logins (one per role) and their password."

    def handle(self, *args, **options):
        existing = set(
            User.objects.filter(email__in=[e for _k, e, _n, _r in DEMO_LOGINS]).values_list(
                "email", flat=True
            )
        )
        self.stdout.write(
            "\n" + _("Demo logins (password: %(password)s)") % {"password": DEMO_PASSWORD}
        )
        for _key, email, name, role in DEMO_LOGINS:
            if email in existing:
                self.stdout.write(f"  {role:<16} {email:<40} {name}")
        self.stdout.write("")

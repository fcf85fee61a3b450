"""`technopark seed-demo`: build the deterministic demo network."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from technopark.core.commands import TranslatedCommand, day_option
from technopark.house.demo import seed_demo
from technopark.startups.models import Startup


class Command(TranslatedCommand):
    help = "Build the demo network (sites, startups since 2000, one login per role, ...)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has startups.",
        )
        parser.add_argument("--size", choices=["full", "small"], default="full")
        parser.add_argument("--seed", type=int, default=2022)
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Build the network at this many times its size (spaces, startups), e.g. 10.",
        )
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        if options["if_empty"] and Startup.objects.exists():
            self.stdout.write(_("The database already holds a network: keeping it."))
            return
        if Startup.objects.exists():
            raise CommandError(
                _("The database already holds startups; seed-demo only fills an empty database.")
            )
        today = day_option(options, "today")
        self.stdout.write(_("Building the demo network…"))
        if options["scale"] < 1:
            raise CommandError(_("The scale is a whole number from 1."))
        seed_demo(
            today=today,
            size=options["size"],
            seed=options["seed"],
            scale=options["scale"],
            log=self.stdout.write,
        )
        self.stdout.write(self.style.SUCCESS(_("Demo network ready.")))

"""`technopark payment-gateway-simulator --port 8025`: the card gateway simulator (payments/simulator.py)."""

import contextlib

from django.conf import settings
from django.utils.translation import gettext as _

from technopark.core.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = "Run the card gateway simulator (CMI protocol) for the demo and the tests."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8025)
        parser.add_argument("--client-id", default=settings.PAYMENTS_CMI_CLIENT_ID)
        parser.add_argument("--store-key", default=settings.PAYMENTS_CMI_STORE_KEY)

    def handle(self, *args, **options):
        from technopark.payments.simulator import serve

        def ready(address):
            self.stdout.write(
                _("Card gateway simulator listening on http://%(host)s:%(port)s/")
                % {"host": address[0], "port": address[1]}
            )
            self.stdout.flush()

        with contextlib.suppress(KeyboardInterrupt):
            serve(
                host=options["host"],
                port=options["port"],
                client_id=options["client_id"],
                store_key=options["store_key"],
                ready=ready,
            )

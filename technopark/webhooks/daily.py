"""Webhooks' once-a-day job: queue the deliveries whose retry is due (the in-process
backend cannot wait; a stopped worker leaves them), and tell owners of paused ones."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from technopark.webhooks.services import deliveries_retry_due, subscriptions_notify_paused


def daily(today: dt.date) -> str:
    queued = deliveries_retry_due()
    told = subscriptions_notify_paused()
    return _("%(queued)d webhook deliveries queued again; %(told)d paused subscriptions told") % {
        "queued": queued,
        "told": told,
    }

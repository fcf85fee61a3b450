"""Surveys' once-a-day jobs for `technopark daily`: yearly campaigns, requests and reminders.

They call the app's services, which queue its tasks; tasks never import services.
"""

from __future__ import annotations

import datetime as dt

from technopark.surveys.services import campaign_daily
from technopark.surveys.services.campaigns import yearly_campaigns


def daily(today: dt.date) -> str:
    opened = yearly_campaigns(today)
    counts = campaign_daily(today)
    return (
        f"{len(opened)} yearly campaigns opened, {counts['requests']} requests, {counts['first_reminders']} first and "
        f"{counts['second_reminders']} second reminders, {counts['officers']} officers told"
    )

"""Notification kinds of the campaigns (see docs/notifications.md).

A declaration is an obligation of the hosting contract and of the programs: asking for it and
reminding of it are always sent. Follow-ups and satisfaction surveys are a favour asked.
"""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind(
        "surveys.declaration_requested",
        _("The network asks for your half-year figures"),
        mandatory=True,
    ),
    Kind(
        "surveys.declaration_reminder",
        _("Reminder: your half-year figures are still due"),
        mandatory=True,
    ),
    Kind("surveys.survey_requested", _("A follow-up or satisfaction survey for your startup")),
    Kind("surveys.survey_reminder", _("Reminder of a follow-up or satisfaction survey")),
    Kind(
        "surveys.officer_digest",
        _("Startups that have not answered a campaign after two reminders"),
    ),
]

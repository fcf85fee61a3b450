from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    """Messages written by staff to a selection of people (docs/bulk.md)."""

    name = "technopark.messaging"
    label = "messaging"
    verbose_name = _("Messages")

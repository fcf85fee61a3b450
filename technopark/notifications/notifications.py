from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("notifications.digest", _("Daily digest of notifications"), mandatory=False),
]

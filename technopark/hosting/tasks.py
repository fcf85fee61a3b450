"""Background work of hosting: reminders before a contract ends; the daily job."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django_tasks import task


def lease_reminder_recipients(lease) -> list[str]:
    from technopark.accounts.models import Role
    from technopark.startups.models import Membership

    managers = Role.objects.filter(kind="site_manager", site_id=lease.site_id).values_list(
        "user__email", flat=True
    )
    members = Membership.objects.filter(startup_id=lease.startup_id).values_list(
        "user__email", flat=True
    )
    return sorted({email for email in [*managers, *members] if email})


@task()
def send_lease_reminder(lease_id: int, days: int) -> int:
    from technopark.hosting.models import Lease

    lease = Lease.objects.select_related("site", "space", "startup").filter(pk=lease_id).first()
    if lease is None or lease.planned_end is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        end = formats.date_format(lease.planned_end, "SHORT_DATE_FORMAT")
        subject = _("The hosting contract of %(startup)s ends on %(date)s") % {
            "startup": lease.startup.name,
            "date": end,
        }
        body = _(
            "The contract for space %(space)s at %(site)s ends in %(days)d days, on %(date)s.\n"
            "Renew it, plan the move, or give notice from the platform."
        ) % {"space": lease.space.code, "site": lease.site.name, "days": days, "date": end}
    return send_mail(subject, body, None, lease_reminder_recipients(lease), fail_silently=True)

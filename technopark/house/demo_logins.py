"""Demo logins: one per role, all with the demo password."""

from __future__ import annotations

from technopark.accounts.services import personal_calendar_renew, role_grant, user_upsert
from technopark.core.demo import DEMO_PASSWORD, DemoContext
from technopark.desk.services import desk_ensure
from technopark.hosting.models import Lease
from technopark.hosting.selectors import leases_active_on
from technopark.network.models import Operator, Site
from technopark.programs.models import Enrollment
from technopark.startups.services import member_set

DEMO_LOGINS = [
    # key, e-mail, name, role
    ("network_admin", "direction@demo.technopark.ma", "Salma Bennani", "network_admin"),
    ("site_manager", "manager.casa@demo.technopark.ma", "Youssef El Amrani", "site_manager"),
    ("program_officer", "officer.casa@demo.technopark.ma", "Nadia Chraibi", "program_officer"),
    ("founder", "founder@demo.technopark.ma", "Omar Tazi", "startup_member"),
    ("expert", "expert@demo.technopark.ma", "Karim Alaoui", "expert"),
    ("desk_agent", "agent.ompic@demo.technopark.ma", "Hind Berrada", "desk_agent"),
    ("partner_admin", "partner@demo.technopark.ma", "Rachid Ouazzani", "partner_admin"),
]

# The logins whose personal calendar address the demo makes.
CALENDAR_LOGINS = ("founder", "expert", "desk_agent", "site_manager")


def demo_startup(ctx: DemoContext):
    """The founder's startup: a public resident of Casablanca today, whose latest
    enrollment is at Casablanca too (the programs demo gives it a plan followed by the
    site's officer; at `--scale 10` the first resident by reference may be enrolled
    elsewhere, or nowhere)."""
    leases = (
        leases_active_on(ctx.today)
        .filter(site__code="CASA", startup__public=True)
        .select_related("startup")
        .order_by("startup__ref")
    )
    first = None
    for lease in leases[:50]:
        first = first or lease
        latest = (
            Enrollment.objects.filter(startup=lease.startup)
            .order_by("ended_on", "-started_on")
            .select_related("site", "program")
            .first()
        )
        # Enrolled, too: the desk's demo file opens at the site that follows it.
        if latest is not None and latest.site.code == "CASA" and latest.program.direct:
            return lease.startup
    lease = first or Lease.objects.select_related("startup").order_by("-starts_on").first()
    return lease.startup if lease else None


def seed(ctx: DemoContext) -> None:
    casa = Site.objects.filter(code="CASA").first() or Site.objects.order_by("opened_on").first()
    desk = desk_ensure(
        code=f"{casa.code}-OMPIC",
        site=casa,
        partner="OMPIC",
        name="OMPIC — Office marocain de la propriété industrielle et commerciale",
    )
    partner = Operator.objects.filter(is_network_operator=False).order_by("name").first()
    startup = demo_startup(ctx)
    for key, email, name, role in DEMO_LOGINS:
        user, _created = user_upsert(email=email, full_name=name, password=DEMO_PASSWORD)
        scope = {
            "site_manager": {"site": casa},
            "program_officer": {"site": casa},
            "desk_agent": {"desk": desk},
            "startup_member": {"startup": startup},
            "partner_admin": {"operator": partner},
        }.get(role, {})
        if role == "partner_admin" and partner is None:
            continue
        if role == "startup_member" and startup is None:
            continue
        if role == "startup_member":
            member_set(startup=startup, user=user, founder=True)
        else:
            role_grant(user=user, kind=role, **scope)
        if role == "network_admin":
            user.is_superuser = True
            user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        ctx.users[key] = user
    # Their personal calendar's address (the apps' demos then give them commitments of
    # each kind); the other logins show the page without one.
    for key in CALENDAR_LOGINS:
        if key in ctx.users:
            personal_calendar_renew(user=ctx.users[key], by=ctx.users[key])
    ctx.log(f"{len(ctx.users)} demo logins")

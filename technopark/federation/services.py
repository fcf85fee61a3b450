"""Writes of the federation: partner staff invitations, the site pipeline, opening a site."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.models import Role, User
from technopark.accounts.services import one_time_login_link, role_grant, user_upsert
from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import Conflict, DomainError
from technopark.desk.services import desks_open_standard
from technopark.federation.models import ChecklistItem, Milestone, PlannedSpace, SiteProject
from technopark.network.models import Operator, Site, Space
from technopark.network.services import (
    SPACE_FIELDS,
    operator_create,
    site_mark_opened,
    site_plan_opening,
    spaces_create,
)
from technopark.programs.models import Program
from technopark.programs.services import program_site_add

PARTNER_ROLES = (Role.Kind.PARTNER_ADMIN, Role.Kind.PARTNER_OFFICER)


# --- Partner organisations ------------------------------------------------------------------

PARTNER_FIELDS = ("name", "kind", "city", "region", "website", "description", "public")


def _check_partner_fields(*, name: str, kind: str, exclude_pk: int | None = None) -> None:
    if not name.strip():
        raise DomainError(_("Give the organisation's name."), field="name")
    if kind == Operator.Kind.NETWORK or kind not in Operator.Kind.values:
        raise DomainError(_("Choose the kind of partner organisation."), field="kind")
    clash = Operator.objects.filter(name__iexact=name.strip())
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise Conflict(
            _("An organisation named %(name)s is already in the network.") % {"name": name},
            field="name",
        )


@transaction.atomic
def partner_create(
    *,
    name: str,
    slug: str,
    kind: str,
    admin_email: str,
    admin_name: str = "",
    city: str = "",
    region=None,
    website: str = "",
    description: str = "",
    public: bool = True,
    by: User,
) -> Operator:
    """A partner organisation joins the network, with its first administrator invited."""
    _check_partner_fields(name=name, kind=kind)
    slug = (slug or "").strip().lower()
    try:
        validate_slug(slug)
    except ValidationError:
        raise DomainError(
            _("Give a short name of letters, digits and '-' only."), field="slug"
        ) from None
    if Operator.objects.filter(slug=slug).exists():
        raise Conflict(
            _("The short name %(slug)s is taken; choose another.") % {"slug": slug}, field="slug"
        )
    operator = operator_create(
        by=by,
        name=name.strip(),
        slug=slug,
        kind=kind,
        is_network_operator=False,
        city=city,
        region=region,
        website=website,
        description=description,
        public=public,
    )
    partner_staff_invite(
        operator=operator,
        email=admin_email,
        full_name=admin_name,
        role=Role.Kind.PARTNER_ADMIN,
        by=by,
    )
    return operator


@transaction.atomic
@acts_for_by
def partner_update(*, operator: Operator, by: User, **fields) -> Operator:
    """The partner's own profile in the directory (its name, kind and listing)."""
    if operator.is_network_operator:
        raise DomainError(_("The network's own operator is not a partner."), code="not_partner")
    unknown = set(fields) - set(PARTNER_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed here: %(f)s.") % {"f": unknown})
    _check_partner_fields(
        name=fields.get("name", operator.name),
        kind=fields.get("kind", operator.kind),
        exclude_pk=operator.pk,
    )
    for key, value in fields.items():
        setattr(operator, key, value.strip() if isinstance(value, str) else value)
    operator.save(update_fields=list(fields))
    record("operator.updated", operator, by=by, payload={"fields": sorted(fields)})
    return operator


# --- Partner staff ----------------------------------------------------------------------------


@transaction.atomic
def partner_staff_invite(
    *, operator: Operator, email: str, full_name: str = "", role: str, by: User
) -> User:
    """Give someone a role in a partner organisation and e-mail them a link to log in."""
    if operator.is_network_operator:
        raise DomainError(_("The network's own operator is not a partner."), code="not_partner")
    if role not in PARTNER_ROLES:
        raise DomainError(_("Choose a partner role."), field="role")
    email = (email or "").strip().lower()
    if not email:
        raise DomainError(_("Enter an e-mail address."), field="email")
    if Role.objects.filter(user__email__iexact=email, kind=role, operator=operator).exists():
        raise Conflict(
            _("%(email)s already has this role at %(partner)s.")
            % {"email": email, "partner": operator.name},
            code="already_member",
            field="email",
        )
    # Someone who has an account keeps their name: the inviter types one only for a newcomer.
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user, _created = user_upsert(email=email, full_name=full_name)
    role_grant(user=user, kind=role, operator=operator)
    from technopark.notifications.services import notification_send

    notification_send(
        to=user,
        kind="federation.partner_invitation",
        context={
            "partner": operator.name,
            "inviter": by.get_full_name(),
            # Someone new chooses a password first (the link works once).
            "password_link": "" if user.has_usable_password() else one_time_login_link(user),
        },
        url="/",
        by=by,
    )
    return user


@transaction.atomic
@acts_for_by
def partner_staff_remove(*, operator: Operator, user: User, by: User) -> None:
    """Take away a person's partner roles at one organisation (never the last administrator)."""
    roles = Role.objects.select_for_update().filter(operator=operator, kind__in=PARTNER_ROLES)
    mine = [r for r in roles if r.user_id == user.pk]
    if not mine:
        raise DomainError(_("This person is not on the partner's staff."), code="not_member")
    admins = {r.user_id for r in roles if r.kind == Role.Kind.PARTNER_ADMIN}
    if admins == {user.pk}:
        raise Conflict(
            _("A partner keeps at least one administrator; appoint another first."),
            code="last_admin",
        )
    for role in mine:
        payload = {"user": user.pk, "kind": role.kind, "operator": operator.pk}
        record("role.removed", role, by=by, payload=payload)
    Role.objects.filter(pk__in=[r.pk for r in mine]).delete()


# --- The pipeline -----------------------------------------------------------------------------


def _check_planned_spaces(spaces: list[dict]) -> None:
    codes = [space.get("code", "") for space in spaces]
    doubles = sorted({code for code in codes if codes.count(code) > 1})
    if doubles:
        raise DomainError(
            _("These space codes appear twice: %(codes)s.") % {"codes": ", ".join(doubles)},
            field="spaces",
        )
    for space in spaces:
        if not space.get("code"):
            raise DomainError(_("Every planned space needs a code."), field="spaces")
        if space.get("kind") not in Space.Kind.values:
            raise DomainError(
                _("Space %(code)s: unknown kind.") % {"code": space["code"]}, field="spaces"
            )
        if Decimal(space.get("area_m2") or 0) <= 0:
            raise DomainError(
                _("Space %(code)s: the area must be above 0 m².") % {"code": space["code"]},
                field="spaces",
            )


def _set_planned_opening(project: SiteProject, day: dt.date) -> None:
    """The site's own `planned_opening` follows the pipeline's date."""
    project.planned_opening_on = day
    project.save(update_fields=["planned_opening_on", "updated_at"])
    site_plan_opening(site_id=project.site_id, day=day, by=None)


@transaction.atomic
@acts_for_by
def project_create(
    *,
    site: Site,
    planned_opening_on: dt.date,
    budget_mad: Decimal,
    milestones: dict[str, dt.date],
    checklist: list[str],
    spaces: list[dict],
    notes: str = "",
    by: User | None = None,
) -> SiteProject:
    """Put a site that is not open yet in the pipeline with its plan."""
    if site.opened_on is not None:
        raise DomainError(_("%(site)s is already open.") % {"site": site}, code="already_open")
    if budget_mad < 0:
        raise DomainError(_("The budget cannot be negative."), field="budget_mad")
    if SiteProject.objects.filter(site=site).exists():
        raise Conflict(_("%(site)s is already in the pipeline.") % {"site": site})
    _check_planned_spaces(spaces)
    project = SiteProject.objects.create(
        site=site, planned_opening_on=planned_opening_on, budget_mad=budget_mad, notes=notes
    )
    _set_planned_opening(project, planned_opening_on)
    for kind in Milestone.ORDER:
        Milestone.objects.create(
            project=project, kind=kind, planned_on=milestones.get(kind, planned_opening_on)
        )
    for position, label in enumerate(checklist):
        ChecklistItem.objects.create(project=project, position=position, label=label)
    for space in spaces:
        PlannedSpace.objects.create(project=project, **space)
    return project


@transaction.atomic
@acts_for_by
def milestone_update(
    *,
    milestone: Milestone,
    planned_on: dt.date,
    status: str,
    actual_on: dt.date | None,
    note: str = "",
    by: User | None,
) -> Milestone:
    if status not in Milestone.Status.values:
        raise DomainError(_("Unknown status."), field="status")
    if status == Milestone.Status.DONE and actual_on is None:
        raise DomainError(_("Give the date it was done."), field="actual_on")
    if status != Milestone.Status.DONE and actual_on is not None:
        raise DomainError(_("Only a milestone that is done has an actual date."), field="actual_on")
    if actual_on and actual_on > timezone.localdate():
        raise DomainError(_("The actual date cannot be in the future."), field="actual_on")
    if milestone.kind == Milestone.Kind.OPENING:
        if milestone.status == Milestone.Status.DONE:
            raise DomainError(_("The site is open."), code="already_open")
        if status == Milestone.Status.DONE:
            raise DomainError(
                _("The opening is recorded by opening the site."),
                code="use_site_open",
                field="status",
            )
        _set_planned_opening(milestone.project, planned_on)
    milestone.planned_on = planned_on
    milestone.status = status
    milestone.actual_on = actual_on
    milestone.note = note
    milestone.save()
    return milestone


@transaction.atomic
def checklist_item_set(
    *, item: ChecklistItem, done: bool, by: User | None, on: dt.date | None = None
) -> ChecklistItem:
    if item.project.site.opened_on is not None:
        raise DomainError(_("The site is open; its checklist is closed."), code="already_open")
    today = timezone.localdate()
    if on is not None and on > today:
        raise DomainError(_("The date cannot be in the future."), field="done_on")
    item.done_on = (on or today) if done else None
    item.done_by = by if done else None
    item.save(update_fields=["done_on", "done_by"])
    record(
        "site_opening.checked",
        item,
        by=by,
        site=item.project.site_id,
        payload={"project": item.project_id, "done": done, "done_on": item.done_on},
    )
    return item


def standard_programs() -> list[Program]:
    """The network's own programs: direct accompaniment of the network's operator."""
    return list(
        Program.objects.filter(direct=True).filter(
            Q(operator__isnull=True) | Q(operator__is_network_operator=True)
        )
    )


@transaction.atomic
def site_open(*, site: Site, opened_on: dt.date, by: User) -> Site:
    """Open a site once its checklist is complete, with its spaces, programs and desks ready."""
    site = Site.objects.select_for_update().get(pk=site.pk)
    project = SiteProject.objects.filter(site=site).first()
    if project is None:
        raise DomainError(_("%(site)s is not in the pipeline.") % {"site": site}, code="no_project")
    if site.opened_on is not None:
        raise Conflict(
            _("%(site)s is already open (since %(date)s).")
            % {"site": site, "date": site.opened_on.strftime("%d/%m/%Y")},
            code="already_open",
        )
    if opened_on > timezone.localdate():
        raise DomainError(_("The opening date cannot be in the future."), field="opened_on")
    missing = [item.label for item in project.checklist.all() if not item.done]
    if missing:
        raise DomainError(
            _("The readiness checklist is not complete: %(items)s.")
            % {"items": "; ".join(missing)},
            code="checklist_incomplete",
        )
    planned = list(project.planned_spaces.all())
    if not planned:
        raise DomainError(_("Plan the site's spaces before opening it."), code="no_planned_spaces")
    taken = set(
        Space.objects.filter(site=site, code__in=[p.code for p in planned]).values_list(
            "code", flat=True
        )
    )
    if taken:
        raise Conflict(
            _("These spaces already exist at the site: %(codes)s.")
            % {"codes": ", ".join(sorted(taken))},
            code="spaces_exist",
        )
    site_mark_opened(site=site, opened_on=opened_on, by=by)
    spaces_create(
        site=site,
        spaces=[{name: getattr(p, name) for name in SPACE_FIELDS} for p in planned],
        by=by,
    )
    for program in standard_programs():
        program_site_add(program=program, site=site, by=by)
    desks_open_standard(site=site, by=by)
    Milestone.objects.filter(project=project, kind=Milestone.Kind.OPENING).update(
        status=Milestone.Status.DONE, actual_on=opened_on
    )
    project.opened_by = by
    project.save(update_fields=["opened_by", "updated_at"])
    return site

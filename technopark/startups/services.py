"""Writes about startups: profile changes, team members and invitations go through here."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.models import User
from technopark.accounts.permissions import forget
from technopark.accounts.services import ROLE_KINDS, one_time_login_link, role_grant, user_upsert
from technopark.core.actions import record as action_record
from technopark.core.audit import acts_for_by, set_actor
from technopark.core.bulk import Counts, NoCounts, Record, upsert
from technopark.core.errors import DomainError
from technopark.network.models import Operator, Site
from technopark.startups.models import (
    Export,
    FollowUp,
    Funding,
    Grouping,
    GroupingMember,
    Headcount,
    Invitation,
    Membership,
    Patent,
    StaffNote,
    Startup,
)

# What `adduser --role` accepts: the roles, and membership of a startup's team.
ROLE_CHOICES = [*ROLE_KINDS, "startup_member"]


@transaction.atomic
def startup_update(*, startup: Startup, data: dict, by) -> Startup:
    """Apply validated profile fields; the audit trail records who changed what."""
    with set_actor(by):
        changed = sorted(f for f, v in data.items() if getattr(startup, f) != v)
        for field, value in data.items():
            setattr(startup, field, value)
        startup.full_clean()
        startup.save()
    if changed:
        action_record(
            "startup.updated", startup, by=by, startup=startup, payload={"fields": changed}
        )
    return startup


@transaction.atomic
def startup_create(*, by=None, **fields) -> Startup:
    """A new startup (e.g. an admitted applicant's project); the database holds its keys."""
    with set_actor(by):
        startup = Startup.objects.create(**fields)
    action_record("startup.created", startup, by=by, startup=startup, payload={"ref": startup.ref})
    return startup


@transaction.atomic
def member_add(
    *, startup: Startup, user: User, founder: bool = False, by: User | None = None
) -> Membership:
    """Put a person in a startup's team; one already in it stays as they are."""
    with set_actor(by):
        membership, created = Membership.objects.get_or_create(
            startup=startup, user=user, defaults={"is_founder": founder}
        )
    if created:
        _member_recorded("member.added", membership, by)
    forget(user)
    return membership


def _member_recorded(name: str, membership: Membership, by) -> None:
    payload = {"user": membership.user_id, "founder": membership.is_founder}
    action_record(name, membership, by=by, payload=payload)


@transaction.atomic
def member_set(
    *, startup: Startup, user: User, founder: bool = False, by: User | None = None
) -> Membership:
    """Put a person in a startup's team (or change whether they are a founder)."""
    with set_actor(by):
        before = Membership.objects.filter(startup=startup, user=user).first()
        membership, created = Membership.objects.update_or_create(
            startup=startup, user=user, defaults={"is_founder": founder}
        )
    if created:
        _member_recorded("member.added", membership, by)
    elif before is not None and before.is_founder != membership.is_founder:
        _member_recorded("member.changed", membership, by)
    forget(user)
    return membership


@dataclass
class AddUserResult:
    user: User
    created: bool
    login_link: str | None


def user_add(
    *,
    email: str,
    role: str,
    password: str | None = None,
    full_name: str = "",
    site: Site | None = None,
    startup: Startup | None = None,
    desk=None,
    operator: Operator | None = None,
    by: User | None = None,
) -> AddUserResult:
    """`technopark adduser`: a person with a role, or a member of a startup's team."""
    if role not in ROLE_CHOICES:
        raise DomainError(
            _("Unknown role %(role)s; use one of: %(roles)s.")
            % {"role": role, "roles": ", ".join(ROLE_CHOICES)}
        )
    if role == "startup_member" and startup is None:
        raise DomainError(_("A startup member needs --startup."), field="startup")
    if password:
        try:
            validate_password(password)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="password") from None
    with transaction.atomic():
        user, created = user_upsert(email=email, full_name=full_name, password=password)
        if role == "startup_member":
            member_set(startup=startup, user=user, by=by)
        else:
            role_grant(user=user, kind=role, site=site, desk=desk, operator=operator, by=by)
    link = None if password else one_time_login_link(user)
    return AddUserResult(user=user, created=created, login_link=link)


@transaction.atomic
def invitation_send(*, startup: Startup, email: str, by: User) -> Invitation:
    """A founder invites a teammate; the e-mail carries a link that joins the team."""
    email = email.strip().lower()
    if Membership.objects.filter(startup=startup, user__email__iexact=email).exists():
        raise DomainError(_("%(email)s is already in the team.") % {"email": email}, field="email")
    with set_actor(by):
        invitation = Invitation.objects.create(startup=startup, email=email, invited_by=by)
    _invitation_recorded(invitation, by)
    from technopark.notifications.services import notification_send

    # A person who has an account reads it in their language (and in the app); an address
    # without one gets the e-mail in the inviter's language.
    account = User.objects.filter(email__iexact=email, is_active=True).first()
    notification_send(
        to=account or email,
        kind="startups.invitation",
        context={"startup": startup.name, "inviter": by.get_full_name()},
        url=reverse("startups:invitation_accept", args=[invitation.token]),
        language=by.language or settings.LANGUAGE_CODE,
        by=by,
    )
    return invitation


def _invitation_recorded(invitation: Invitation, by) -> None:
    """Its label is its number, not the e-mail address it went to."""
    label = f"#{invitation.pk}"
    action_record("invitation.sent", invitation, by=by, label=label, payload={})


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    if invitation.accepted_at is not None:
        raise DomainError(_("This invitation was already used."), code="used")
    if invitation.email.lower() != user.email.lower():
        raise DomainError(
            _("This invitation was sent to another e-mail address."), code="wrong_user"
        )
    with set_actor(user):
        membership, _created = Membership.objects.get_or_create(
            startup=invitation.startup, user=user
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    payload = {"invitation": invitation.pk, "user": user.pk}
    action_record("invitation.accepted", membership, by=user, payload=payload)
    forget(user)
    return membership


# --- What a startup declares: headcounts, exports, patents, fundings, follow-ups ------------
# Surveys, support and the interchange record them through these (one row per key, the
# latest answer wins), so every path keeps the same keys and the same audit trail.


def headcount_record(*, startup: Startup, as_of, direct_jobs: int, indirect_jobs: int = 0, by=None):
    with set_actor(by):
        headcount, _created = Headcount.objects.update_or_create(
            startup=startup,
            as_of=as_of,
            defaults={"direct_jobs": direct_jobs, "indirect_jobs": indirect_jobs},
        )
    return headcount


def export_record(*, startup: Startup, year: int, country: str, amount_mad, by=None):
    with set_actor(by):
        export, _created = Export.objects.update_or_create(
            startup=startup, year=year, country=country, defaults={"amount_mad": amount_mad}
        )
    return export


def patent_record(
    *, startup: Startup, filed_on, title: str, office: str, reference: str = "", by=None
):
    with set_actor(by):
        patent, _created = Patent.objects.update_or_create(
            startup=startup,
            filed_on=filed_on,
            title=title.strip(),
            defaults={"office": office, "reference": reference.strip()},
        )
    return patent


def funding_record(*, startup: Startup, obtained_on, source: str, kind: str, amount_mad, by=None):
    with set_actor(by):
        funding, _created = Funding.objects.update_or_create(
            startup=startup,
            obtained_on=obtained_on,
            source=source.strip(),
            defaults={"kind": kind, "amount_mad": amount_mad},
        )
    return funding


def followup_record(*, startup: Startup, observed_on, status: str, by=None):
    with set_actor(by):
        followup, _created = FollowUp.objects.update_or_create(
            startup=startup, observed_on=observed_on, defaults={"status": status}
        )
    return followup


def funding_create(*, startup: Startup, obtained_on, source: str, kind: str, amount_mad, by=None):
    """A new funding (a financing request's outcome); a duplicate key is an IntegrityError."""
    with set_actor(by):
        return Funding.objects.create(
            startup=startup,
            obtained_on=obtained_on,
            source=source,
            kind=kind,
            amount_mad=amount_mad,
        )


@transaction.atomic
def grouping_create(*, code: str, kind: str, name: str, formed_on, members: list, lead, by=None):
    """A grouping (GIE, consortium or merger) and its members, the lead marked; support checks
    the request and picks the code, this writes it."""
    with set_actor(by):
        grouping = Grouping.objects.create(code=code, kind=kind, name=name, formed_on=formed_on)
        for startup in members:
            GroupingMember.objects.create(
                grouping=grouping, startup=startup, is_lead=startup == lead
            )
    payload = {"code": code, "kind": kind, "members": [s.pk for s in members]}
    lead_id = getattr(lead, "pk", None)
    action_record("grouping.formed", grouping, by=by, startup=lead_id, payload=payload)
    return grouping


@transaction.atomic
def grouping_members_bulk_create(*, rows: list[GroupingMember], by=None) -> list[GroupingMember]:
    """The interchange's and the demo's bulk path: save these unsaved members, in batches
    (bulk rows send no signals, so auditlog records no entry for them)."""
    return _bulk(GroupingMember, rows, by)


# --- The bulk paths (the interchange, the demo): unsaved rows saved in batches ------------
# Bulk rows send no signals, so auditlog records no entry for them; the database's keys and
# checks still hold.

BULK_BATCH = 2000


def _bulk(model, rows: list, by, **options) -> list:
    with set_actor(by):
        return model.objects.bulk_create(rows, batch_size=BULK_BATCH, **options)


@transaction.atomic
def startups_bulk_create(*, rows: list[Startup], by=None) -> list[Startup]:
    return _bulk(Startup, rows, by)


@transaction.atomic
def followups_bulk_create(*, rows: list[FollowUp], by=None) -> list[FollowUp]:
    return _bulk(FollowUp, rows, by)


@transaction.atomic
def headcounts_bulk_create(*, rows: list[Headcount], by=None) -> list[Headcount]:
    return _bulk(Headcount, rows, by)


@transaction.atomic
def exports_bulk_create(*, rows: list[Export], by=None) -> list[Export]:
    return _bulk(Export, rows, by)


@transaction.atomic
def fundings_bulk_create(*, rows: list[Funding], by=None) -> list[Funding]:
    return _bulk(Funding, rows, by)


@transaction.atomic
def patents_bulk_create(*, rows: list[Patent], by=None) -> list[Patent]:
    return _bulk(Patent, rows, by)


@transaction.atomic
def groupings_bulk_create(*, rows: list[Grouping], by=None) -> list[Grouping]:
    return _bulk(Grouping, rows, by)


# --- Bulk services of the import (validated rows; see core/bulk.py) -----------------------


def _upsert_service(model, key, *, returning: bool = False):
    @acts_for_by
    def write(*, records: list[Record], counts: Counts, empty: bool, by=None) -> list:
        return upsert(model, key, records, counts, empty=empty, returning=returning).pks

    write.__doc__ = f"{model.__name__} rows keyed by {key}." + (
        "" if returning else " The keys of the rows created are not read back (None)."
    )
    return write


# Startups are referred to by the other tables: their new keys are read back. The records
# about a startup are referred to by nothing in an import, so PostgreSQL COPYs them.
startups_bulk_upsert = _upsert_service(Startup, ("ref",), returning=True)
followups_bulk_upsert = _upsert_service(FollowUp, ("startup_id", "observed_on"))
headcounts_bulk_upsert = _upsert_service(Headcount, ("startup_id", "as_of"))
exports_bulk_upsert = _upsert_service(Export, ("startup_id", "year", "country"))
patents_bulk_upsert = _upsert_service(Patent, ("startup_id", "filed_on", "title"))
fundings_bulk_upsert = _upsert_service(Funding, ("startup_id", "obtained_on", "source"))


@acts_for_by
def groupings_bulk_upsert(
    *, records: list[Record], counts: Counts, empty: bool, by=None
) -> list[int]:
    """Groupings keyed by `code`, and their members: each grouping's members become exactly
    the startups listed (`record.extra`, a list of startup primary keys)."""
    current: dict[int, set[int]] = {}
    if not empty:
        codes = [r.key[0] for r in records]
        for grouping_id, startup_id in GroupingMember.objects.filter(
            grouping__code__in=codes
        ).values_list("grouping_id", "startup_id"):
            current.setdefault(grouping_id, set()).add(startup_id)
    done = upsert(Grouping, ("code",), records, NoCounts(), empty=empty)
    new_members: list[tuple[int, int]] = []
    for record, pk, changes in zip(records, done.pks, done.changes, strict=True):
        wanted = set(record.extra)
        have = current.get(pk, set())
        if wanted != have:
            if have - wanted:
                GroupingMember.objects.filter(grouping_id=pk, startup_id__in=have - wanted).delete()
            new_members.extend((pk, s) for s in sorted(wanted - have))
        if changes is None:
            counts.add_created(record.label)
        elif changes or wanted != have:
            counts.add_updated(record.label, changes + (["members"] if wanted != have else []))
        else:
            counts.unchanged += 1
    grouping_members_bulk_create(
        rows=[GroupingMember(grouping_id=g, startup_id=s) for g, s in new_members], by=by
    )
    return done.pks


@transaction.atomic
def team_member_import(
    *,
    startup: Startup,
    email: str,
    full_name: str,
    phone: str = "",
    title: str = "",
    founder: bool = False,
    language: str = "",
    by: User | None = None,
) -> bool:
    """A founder or team member from a park's workbook (the interchange's people sheet):
    their account (made when new, in their language), their membership of the startup,
    and, for a new account, the invitation to join the team, e-mailed in their language.
    Returns whether the person was new (invited) rather than already holding an account."""
    from technopark.notifications.services import notification_send

    email = email.strip().lower()
    known = User.objects.filter(email__iexact=email).exists()
    user, created = user_upsert(
        email=email,
        full_name="" if known else full_name,
        language=language or (by.language if by else settings.LANGUAGE_CODE),
        phone="" if known else phone[:20],
    )
    with set_actor(by):
        membership, _created = Membership.objects.get_or_create(
            startup=startup, user=user, defaults={"is_founder": founder, "title": title[:100]}
        )
        if not _created and title and not membership.title:
            membership.title = title[:100]
            membership.save(update_fields=["title"])
    if _created:
        _member_recorded("member.added", membership, by)
    forget(user)
    if created:
        with set_actor(by):
            invitation = Invitation.objects.create(startup=startup, email=email, invited_by=by)
        _invitation_recorded(invitation, by)
        notification_send(
            to=user,
            kind="startups.invitation",
            context={"startup": startup.name, "inviter": by.get_full_name() if by else ""},
            url=reverse("startups:invitation_accept", args=[invitation.token]),
            language=user.language,
            by=by,
        )
    return created


@acts_for_by
@transaction.atomic
def staff_note_add(*, startup: Startup, text: str, by) -> StaffNote:
    """A private note of the staff on a startup (its staff page; never its members)."""
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the note first."), code="empty", field="text")
    if len(text) > 4000:
        raise DomainError(
            _("A note holds at most 4,000 characters."), code="too_long", field="text"
        )
    note = StaffNote.objects.create(
        startup=startup, text=text, author=by if getattr(by, "pk", None) else None
    )
    action_record("note.added", note, by=by)
    return note

"""The one write of the bilan: freezing an edition. Everything else here only reads."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can
from technopark.core.actions import record
from technopark.core.errors import Conflict, DomainError
from technopark.impact.engine import compute_bilan
from technopark.impact.models import Edition
from technopark.network.models import Site


@transaction.atomic
def edition_freeze(
    *, name: str, as_of: dt.date, site: Site | None = None, note: str = "", by
) -> Edition:
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the edition a name."), code="edition_name_required", field="name")
    if not can(by, "bilan.freeze", site):
        raise DomainError(
            _("You may not publish this bilan."), code="edition_forbidden", status=403
        )
    if Edition.objects.filter(name__iexact=name).exists():
        raise Conflict(
            _("An edition named “%(name)s” already exists.") % {"name": name},
            code="edition_name_taken",
            field="name",
        )
    figures = compute_bilan(as_of=as_of, site=site)
    try:
        with transaction.atomic():
            edition = Edition.objects.create(
                name=name, as_of=as_of, site=site, note=note, figures=figures, frozen_by=by
            )
    except IntegrityError:
        raise Conflict(
            _("An edition named “%(name)s” already exists.") % {"name": name},
            code="edition_name_taken",
            field="name",
        ) from None
    record("bilan.frozen", edition, by=by, payload={"as_of": as_of})
    return edition


def edition_changes(edition: Edition) -> list[tuple[str, object, object]]:
    """The figures that differ when the edition's bilan is computed again today."""
    now = compute_bilan(as_of=edition.as_of, site=edition.site)["kpis"]
    frozen = edition.figures.get("kpis", {})
    return [(key, frozen.get(key), now.get(key)) for key in now if frozen.get(key) != now.get(key)]

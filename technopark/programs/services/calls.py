"""Calls for applications and the form the program officer composes for each."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.bulk import Counts, Record, upsert
from technopark.core.errors import DomainError
from technopark.core.translated import translations_bulk_set
from technopark.network.models import Region, Site
from technopark.programs.models import (
    Application,
    Call,
    Criterion,
    Program,
    Question,
    RequiredDocument,
    Score,
)


def _check_dates(opens_on: dt.date, closes_on: dt.date) -> None:
    if closes_on < opens_on:
        raise DomainError(
            _("The closing date must be on or after the opening date."),
            code="dates",
            field="closes_on",
        )


@transaction.atomic
def call_create(
    *,
    program: Program,
    site: Site,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    description: str = "",
    max_company_age_years: int | None = None,
    regions: list[Region] | None = None,
    title_ar: str = "",
    title_en: str = "",
    by,
) -> Call:
    _check_dates(opens_on, closes_on)
    if not title.strip():
        raise DomainError(_("Give the call a title."), field="title")
    if program.sites.exists() and not program.sites.filter(pk=site.pk).exists():
        raise DomainError(
            _("%(program)s is not offered at %(site)s.") % {"program": program, "site": site},
            code="site",
            field="site",
        )
    call = Call.objects.create(
        program=program,
        site=site,
        title=title.strip(),
        title_ar=title_ar.strip(),
        title_en=title_en.strip(),
        description=description,
        opens_on=opens_on,
        closes_on=closes_on,
        max_company_age_years=max_company_age_years,
        created_by=by,
    )
    if regions:
        call.allowed_regions.set(regions)
    record("call.created", call, by=by, site=call.site_id, payload={"program": program.pk})
    return call


@transaction.atomic
@acts_for_by
def call_update(*, call: Call, data: dict, regions: list[Region] | None = None, by) -> Call:
    """Change the call's text, dates or eligibility; eligibility is fixed once people applied."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    submitted = call.applications.exclude(status=Application.Status.DRAFT).exists()
    if submitted and (
        "max_company_age_years" in data
        or (regions is not None and set(regions) != set(call.allowed_regions.all()))
    ):
        raise DomainError(
            _("Eligibility rules cannot change once applications were submitted."),
            code="locked",
        )
    changed = sorted(f for f, v in data.items() if getattr(call, f) != v)
    if regions is not None and set(regions) != set(call.allowed_regions.all()):
        changed.append("allowed_regions")
    for field, value in data.items():
        setattr(call, field, value)
    _check_dates(call.opens_on, call.closes_on)
    if call.review_deadline is not None and call.review_deadline < call.closes_on:
        raise DomainError(_("The reviews are due after the call closes."), field="review_deadline")
    call.save()
    if regions is not None:
        call.allowed_regions.set(regions)
    if changed:
        record("call.updated", call, by=by, site=call.site_id, payload={"fields": changed})
    return call


@transaction.atomic
@acts_for_by
def call_publish(*, call: Call, by) -> Call:
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.is_published:
        raise DomainError(_("This call is already published."), code="published")
    if call.closes_on < timezone.localdate():
        raise DomainError(
            _("The closing date is past: move it before publishing."), field="closes_on"
        )
    if not call.criteria.exists():
        raise DomainError(
            _("Add at least one evaluation criterion before publishing."), code="no_criteria"
        )
    call.published_at = timezone.now()
    call.save(update_fields=["published_at"])
    record("call.published", call, by=by, site=call.site_id, payload={"closes_on": call.closes_on.isoformat()})  # fmt: skip
    return call


def _form_locked(call: Call) -> None:
    if call.applications.exists():
        raise DomainError(
            _("The form cannot change once people have started applying."), code="locked"
        )


@transaction.atomic
@acts_for_by
def question_add(
    *, call: Call, label: str, kind: str, choices: str = "", required: bool = True, by
) -> Question:
    _form_locked(call)
    if kind not in Question.Kind.values:
        raise DomainError(_("Unknown kind of question."), field="kind")
    if not label.strip():
        raise DomainError(_("Write the question."), field="label")
    question = Question(
        call=call, label=label.strip(), kind=kind, choices=choices, required=required
    )
    if kind == Question.Kind.CHOICE and len(question.choice_list) < 2:
        raise DomainError(_("A choice question needs at least two choices."), field="choices")
    question.position = call.questions.count() + 1
    question.save()
    _form_changed(call, "questions", by)
    return question


def _form_changed(call: Call, part: str, by) -> None:
    """A call's form or grid changed: `call.updated`, the part named in the payload."""
    record("call.updated", call, by=by, site=call.site_id, payload={"fields": [part]})


@transaction.atomic
@acts_for_by
def question_remove(*, question: Question, by) -> None:
    _form_locked(question.call)
    _form_changed(question.call, "questions", by)
    question.delete()


@transaction.atomic
@acts_for_by
def document_add(*, call: Call, label: str, required: bool = True, by) -> RequiredDocument:
    _form_locked(call)
    if not label.strip():
        raise DomainError(_("Name the document."), field="label")
    document = RequiredDocument.objects.create(
        call=call, label=label.strip(), required=required, position=call.documents.count() + 1
    )
    _form_changed(call, "documents", by)
    return document


@transaction.atomic
@acts_for_by
def document_remove(*, document: RequiredDocument, by) -> None:
    _form_locked(document.call)
    _form_changed(document.call, "documents", by)
    document.delete()


def _grid_locked(call: Call) -> None:
    if Score.objects.filter(criterion__call=call).exists():
        raise DomainError(
            _("The evaluation grid cannot change once reviewers have scored."), code="locked"
        )


@transaction.atomic
@acts_for_by
def criterion_add(*, call: Call, label: str, weight: int = 1, by) -> Criterion:
    _grid_locked(call)
    if not label.strip():
        raise DomainError(_("Name the criterion."), field="label")
    if not 1 <= weight <= 10:
        raise DomainError(_("The weight is between 1 and 10."), field="weight")
    criterion = Criterion.objects.create(
        call=call, label=label.strip(), weight=weight, position=call.criteria.count() + 1
    )
    _form_changed(call, "criteria", by)
    return criterion


@transaction.atomic
@acts_for_by
def criterion_remove(*, criterion: Criterion, by) -> None:
    _grid_locked(criterion.call)
    _form_changed(criterion.call, "criteria", by)
    criterion.delete()


@transaction.atomic
@acts_for_by
def program_site_add(*, program, site: Site, by) -> None:
    """Run a program at one more site (a new site offers the network's own programs)."""
    program.sites.add(site)
    record("program.site_added", program, by=by, site=site.pk, payload={"site": site.code})


@transaction.atomic
@acts_for_by
def program_create(*, sites: list[Site], by=None, **fields) -> Program:
    """A new program run at these sites; the caller has checked its fields."""
    program = Program.objects.create(**fields)
    program.sites.set(sites)
    record(
        "program.created",
        program,
        by=by,
        payload={"kind": program.kind, "sites": [site.code for site in sites]},
    )
    return program


@transaction.atomic
@acts_for_by
def program_names_translate(*, programs: dict[int, dict[str, str]], by=None) -> int:
    """Set the Arabic and English names of programs, by id (`{"name_ar": ...}`)."""
    return translations_bulk_set(Program, programs)


@acts_for_by
def programs_bulk_upsert(
    *, records: list[Record], counts: Counts, empty: bool, by=None
) -> list[int]:
    """Programs of the import keyed by `code` (see core/bulk.py)."""
    return upsert(Program, ("code",), records, counts, empty=empty).pks

"""Calls for applications: the public list, a call's page, composing a call, its ranking."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import get_visible_or_404, principal, require
from technopark.core.errors import DomainError
from technopark.core.listing import EXPORT_FORMATS, rows_response
from technopark.core.query import search_text
from technopark.network.models import Site
from technopark.programs import services
from technopark.programs.forms import (
    CallForm,
    CriterionForm,
    DocumentForm,
    QuestionForm,
    bootstrap,
)
from technopark.programs.models import Application, Program
from technopark.programs.permissions import managed_calls, runs_program, visible_calls
from technopark.programs.selectors import RANKING_SORTS, ranking, ranking_search, ranking_sort
from technopark.programs.services.review import reviewer_load


def call_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    open_calls = visible_calls(request.user).filter(
        published_at__isnull=False, opens_on__lte=today, closes_on__gte=today
    )
    upcoming = visible_calls(request.user).filter(published_at__isnull=False, opens_on__gt=today)
    managed = managed_calls(request.user).order_by("-opens_on")[:50]
    return render(
        request,
        "programs/call_list.html",
        {"open_calls": open_calls, "upcoming": upcoming, "managed": managed, "today": today},
    )


def _program_and_site_choices(user):
    p = principal(user)
    programs = [prog for prog in Program.objects.all() if runs_program(p, prog)]
    sites = (
        Site.objects.all() if p.is_network_admin else Site.objects.filter(pk__in=p.staff_site_ids)
    )
    if not p.is_network_admin and p.operator_ids:
        sites = Site.objects.all()
    return Program.objects.filter(pk__in=[prog.pk for prog in programs]), sites


@login_required
def call_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "call.add")
    programs, sites = _program_and_site_choices(request.user)
    form = bootstrap(CallForm(request.POST or None, programs=programs, sites=sites))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not runs_program(principal(request.user), data["program"], data["site"].pk):
            form.add_error("site", _("You do not run this program at this site."))
        else:
            try:
                call = services.call_create(
                    program=data["program"],
                    site=data["site"],
                    title=data["title"],
                    title_ar=data["title_ar"],
                    title_en=data["title_en"],
                    description=data["description"],
                    opens_on=data["opens_on"],
                    closes_on=data["closes_on"],
                    max_company_age_years=data["max_company_age_years"],
                    regions=list(data["allowed_regions"]),
                    by=request.user,
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The call is created: compose its form."))
                return redirect("programs:call_edit", pk=call.pk)
    return render(request, "programs/call_create.html", {"form": form})


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_visible_or_404(visible_calls(request.user), pk=pk)
    today = timezone.localdate()
    mine = None
    if request.user.is_authenticated:
        mine = call.applications.filter(applicant=request.user).first()
    manages = principal(request.user).is_authenticated and runs_program(
        principal(request.user), call.program, call.site_id
    )
    return render(
        request,
        "programs/call_detail.html",
        {
            "call": call,
            "state": call.state_on(today),
            "questions": call.questions.all(),
            "documents": call.documents.all(),
            "regions": call.allowed_regions.all(),
            "mine": mine,
            "manages": manages,
            "load": reviewer_load(call, today) if manages else [],
        },
    )


PARTS = {"question": QuestionForm, "document": DocumentForm, "criterion": CriterionForm}


def _add_part(call, part: str, form, user) -> None:
    data = form.cleaned_data
    if part == "question":
        services.question_add(
            call=call,
            label=data["label"],
            kind=data["kind"],
            choices=data["choices"],
            required=data["required"],
            by=user,
        )
    elif part == "document":
        services.document_add(call=call, label=data["label"], required=data["required"], by=user)
    else:
        services.criterion_add(call=call, label=data["label"], weight=data["weight"], by=user)


def _remove_part(call, part: str, pk: str, user) -> None:
    if part == "question":
        services.question_remove(question=call.questions.get(pk=pk), by=user)
    elif part == "document":
        services.document_remove(document=call.documents.get(pk=pk), by=user)
    elif part == "criterion":
        services.criterion_remove(criterion=call.criteria.get(pk=pk), by=user)


@login_required
def call_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Compose the call: its text and dates, questions, documents, grid; then publish."""
    call = get_visible_or_404(visible_calls(request.user), pk=pk)
    require(request.user, "call.manage", call, view_perm="call.view")
    programs, sites = _program_and_site_choices(request.user)
    details = bootstrap(CallForm(instance=call, programs=programs, sites=sites))
    forms = {name: bootstrap(cls(prefix=name)) for name, cls in PARTS.items()}
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "publish":
                services.call_publish(call=call, by=request.user)
                messages.success(request, _("The call is published."))
                return redirect("programs:call", pk=call.pk)
            if action == "details":
                details = bootstrap(
                    CallForm(request.POST, instance=call, programs=programs, sites=sites)
                )
                if details.is_valid():
                    data = {
                        k: details.cleaned_data[k]
                        for k in details.changed_data
                        if k not in ("allowed_regions", "program", "site")
                    }
                    services.call_update(
                        call=call,
                        data=data,
                        regions=list(details.cleaned_data["allowed_regions"])
                        if "allowed_regions" in details.changed_data
                        else None,
                        by=request.user,
                    )
                    messages.success(request, _("The call is saved."))
                    return redirect("programs:call_edit", pk=call.pk)
            elif action.startswith("add-") and action[4:] in PARTS:
                part = action[4:]
                forms[part] = bootstrap(PARTS[part](request.POST, prefix=part))
                if forms[part].is_valid():
                    _add_part(call, part, forms[part], request.user)
                    return redirect("programs:call_edit", pk=call.pk)
            elif action.startswith("remove-"):
                _remove_part(call, action[7:], request.POST.get("id", ""), request.user)
                return redirect("programs:call_edit", pk=call.pk)
        except DomainError as exc:
            messages.error(request, exc.message)
        except (
            ValueError,
            call.questions.model.DoesNotExist,
            call.documents.model.DoesNotExist,
            call.criteria.model.DoesNotExist,
        ):
            messages.error(request, _("This item no longer exists."))
    call.refresh_from_db()
    return render(
        request,
        "programs/call_edit.html",
        {
            "call": call,
            "details": details,
            "forms": forms,
            "questions": call.questions.all(),
            "documents": call.documents.all(),
            "criteria": call.criteria.all(),
        },
    )


@login_required
def call_ranking(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_visible_or_404(visible_calls(request.user), pk=pk)
    require(request.user, "call.manage", call, view_perm="call.view")
    ranked = list(enumerate(ranking(call), start=1))  # the rank stays the full ranking's
    q = search_text(request.GET.get("q"))
    status = request.GET.get("status", "")
    statuses = sorted({row.application.status for _rank, row in ranked})
    if status not in statuses:
        status = ""
    sorts = {
        "rank": _("Rank"),
        "project": _("Project"),
        "reviews_left": _("Reviews still due"),
        "disagreement": _("Disagreement"),
    }
    sort = request.GET.get("sort", "")
    sort = sort if sort in RANKING_SORTS else "rank"
    shown = ranking_sort(ranking_search(ranked, q=q, status=status), sort)
    export = request.GET.get("export")
    if export in EXPORT_FORMATS:
        headers = [_("Rank"), _("Project"), _("Applicant"), _("Status"), _("Score")]
        headers += [_("Reviews done"), _("Reviews assigned"), _("Disagreement")]
        return rows_response(
            export,
            f"ranking-{call.pk}",
            [str(h) for h in headers],
            (
                [
                    rank,
                    row.application.project_name,
                    row.application.applicant.get_full_name(),
                    row.application.get_status_display(),
                    row.score,
                    row.reviews_done,
                    row.reviews_assigned,
                    ", ".join(row.spread_criteria),
                ]
                for rank, row in shown
            ),
        )
    query = request.GET.copy()
    query.pop("export", None)
    query.pop("page", None)
    labels = dict(Application.Status.choices)
    page_obj = Paginator(shown, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "programs/call_ranking.html",
        {
            "call": call,
            "rows": page_obj.object_list,
            "page_obj": page_obj,
            "querystring_without_page": f"{query.urlencode()}&" if query else "",
            "shown": len(shown),
            "total": len(ranked),
            "sort": sort,
            "sorts": sorts.items(),
            "q": q,
            "status": status,
            "statuses": [(value, labels.get(value, value)) for value in statuses],
            "export_query": query.urlencode(),
            "criteria": call.criteria.all(),
        },
    )

"""Applying, following an application, reviewing it, and the committee's actions on it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.models import User
from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.core.errors import DomainError
from technopark.programs import services
from technopark.programs.forms import (
    ApplicationForm,
    AssignForm,
    ConfirmStartForm,
    DecisionForm,
    InfoRequestForm,
    InterviewForm,
    StartForm,
    bootstrap,
)
from technopark.programs.models import Application, ReviewAssignment
from technopark.programs.permissions import runs_call, visible_applications, visible_calls
from technopark.programs.selectors import applications_to_decide, review_table
from technopark.programs.services.review import declaration_of, missing_reviews, open_request
from technopark.programs.services.selection import DECIDABLE, SCORABLE
from technopark.programs.throttle import apply_throttled
from technopark.startups.models import Startup
from technopark.startups.permissions import visible_startups


def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Start an application. Without an account, the form sends a link to the address and
    creates nothing (`apply_confirm` does, once it is followed); the page that follows says
    the same whether or not the address has an account."""
    call = get_visible_or_404(visible_calls(request.user), pk=pk)
    if request.user.is_authenticated:
        mine = call.applications.filter(applicant=request.user).first()
        if mine is not None:
            return redirect("programs:application", pk=mine.pk)
        if request.method != "POST":
            return render(request, "programs/apply_start.html", {"call": call, "form": None})
        try:
            application, _user, _created = services.application_start(call=call, user=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("programs:call", pk=call.pk)
        return redirect("programs:application", pk=application.pk)
    form = bootstrap(StartForm(request.POST or None, initial={"language": request.LANGUAGE_CODE}))
    context = {"call": call, "form": form}
    if request.method != "POST":
        return render(request, "programs/apply_start.html", context)
    wait = apply_throttled(request, request.POST.get("email", ""))
    if wait:
        form.add_error(
            None,
            _("Too many requests from here: try again in %(minutes)s minutes.")
            % {"minutes": max(1, (wait + 59) // 60)},
        )
        response = render(request, "programs/apply_start.html", context, status=429)
        response["Retry-After"] = str(wait)
        return response
    if form.is_valid():
        try:
            services.application_request(
                call=call, email=form.cleaned_data["email"], language=form.cleaned_data["language"]
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return render(
                request,
                "programs/apply_check_email.html",
                {"call": call, "email": form.cleaned_data["email"]},
            )
    return render(request, "programs/apply_start.html", context)


def apply_confirm(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The link of the e-mail: a page that asks the person's name and project, with one
    button (a mail scanner's visit creates nothing) that creates the account and the draft."""
    call = get_visible_or_404(visible_calls(request.user), pk=pk)
    if request.user.is_authenticated:
        return redirect("programs:apply", pk=call.pk)
    try:
        start = services.application_request_open(call=call, token=token)
    except DomainError as exc:
        return render(
            request,
            "programs/apply_link_error.html",
            {"call": call, "message": exc.message},
            status=400,
        )
    form = bootstrap(ConfirmStartForm(request.POST or None, initial={"language": start.language}))
    if request.method == "POST" and form.is_valid():
        try:
            application, user, _created = services.application_start(
                call=call,
                email=start.email,
                full_name=form.cleaned_data["full_name"],
                language=form.cleaned_data["language"],
                project_name=form.cleaned_data["project_name"],
            )
        except DomainError as exc:
            if exc.code != "account_exists":
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:  # the address got an account since the e-mail was sent
                messages.info(request, _("An account uses this address: sign in to continue."))
                return redirect_to_login(reverse("programs:apply", args=[call.pk]))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Your draft is saved. We sent you an e-mail with a link to choose a password."),
            )
            return redirect("programs:application", pk=application.pk)
    return render(
        request, "programs/apply_confirm.html", {"call": call, "form": form, "email": start.email}
    )


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    user = request.user
    assignments = (
        ReviewAssignment.objects.filter(reviewer=user)
        .select_related("application__call")
        .order_by("submitted_at", "-assigned_at")
    )
    under_review = Q(
        application__status__in=Application.UNDER_REVIEW + (Application.Status.MORE_INFO,),
        withdrawn_at__isnull=True,
    )
    return render(
        request,
        "programs/application_list.html",
        {
            "mine": Application.objects.filter(applicant=user).select_related("call__site"),
            # The reviewer's to-do list: what can still be scored; a decided (or withdrawn)
            # application leaves it for a read-only list, its score being refused.
            "to_review": assignments.filter(under_review),
            "decided": assignments.exclude(under_review),
            # The home's "Applications to decide" leads here: exactly those it counts.
            "to_decide": (
                applications_to_decide(user) if request.GET.get("to") == "decide" else None
            ),
        },
    )


def _reviewers(application: Application):
    """People who may review: officers and partner staff of the program, and experts."""
    call = application.call
    q = Q(roles__kind="expert") | Q(roles__kind="program_officer", roles__site_id=call.site_id) & (
        Q(roles__program__isnull=True) | Q(roles__program_id=call.program_id)
    )
    if call.program.operator_id:
        q |= Q(
            roles__kind__in=["partner_admin", "partner_officer"],
            roles__operator_id=call.program.operator_id,
        )
    assigned = application.assignments.values("reviewer_id")
    return (
        User.objects.filter(q, is_active=True)
        .exclude(pk=application.applicant_id)
        .exclude(pk__in=assigned)
        .distinct()
        .order_by("full_name")
    )


def _scores_visible(user, application: Application) -> bool:
    """Others' scores stay hidden from a reviewer until their own review is submitted."""
    own = application.assignments.filter(reviewer=user).first()
    if own is not None:  # a reviewer withdrawn for a conflict never sees them
        return own.submitted_at is not None and own.withdrawn_at is None
    return runs_call(principal(user), application.call)


def _applicant_page(request: HttpRequest, application: Application) -> HttpResponse:
    answers = {a.question_id: a.value for a in application.answers.all()}
    editing = application.is_editable and application.call.is_open_on(timezone.localdate())
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        instance=Application.objects.get(pk=application.pk),
        call=application.call,
        answers=answers,
    )
    if request.method == "POST" and editing and form.is_valid():
        action = request.POST.get("action", "save")
        try:
            data = {f: form.cleaned_data[f] for f in ApplicationForm.Meta.fields}
            services.application_save(
                application=application, data=data, answers=form.answers(), by=request.user
            )
            for document in form.documents:
                upload = form.cleaned_data.get(f"doc_{document.pk}")
                if upload:
                    services.document_upload(
                        application=application,
                        required_document=document,
                        upload=upload,
                        by=request.user,
                    )
            if request.htmx:
                return render(request, "programs/_autosaved.html", {"now": timezone.localtime()})
            if action == "submit":
                services.application_submit(application=application, by=request.user)
                messages.success(request, _("Your application is submitted. Good luck!"))
            else:
                messages.success(request, _("Your draft is saved."))
            return redirect("programs:application", pk=application.pk)
        except DomainError as exc:
            if request.htmx:
                return render(request, "programs/_autosaved.html", {"error": exc.message})
            if exc.field and exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                form.add_error(None, exc.message)
    elif request.method == "POST" and request.htmx and editing:
        errors = [
            f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errs)}"
            for name, errs in form.errors.items()
        ]
        return render(request, "programs/_autosaved.html", {"error": " ".join(errors)})
    elif request.method == "POST" and request.POST.get("action") == "withdraw":
        try:
            services.application_withdraw(application=application, by=request.user)
            messages.success(request, _("Your application is withdrawn."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("programs:application", pk=application.pk)
    application.refresh_from_db()
    return render(
        request,
        "programs/application_applicant.html",
        {
            "application": application,
            "form": form,
            "editing": editing and application.is_editable,
            "problems": services.application_problems(application) if editing else [],
            "uploaded": {d.required_document_id: d for d in application.documents.all()},
            "answers": [
                (q, q.shown(answers.get(q.pk, ""))) for q in application.call.questions.all()
            ],
            "may_letter": can(request.user, "application.letter", application),
        },
    )


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_visible_or_404(visible_applications(request.user), pk=pk)
    require(request.user, "application.view", application)
    if application.applicant_id == request.user.pk:
        return _applicant_page(request, application)
    if request.method == "POST":
        raise Http404
    return _staff_page(request, application)


def _staff_page(
    request: HttpRequest, application: Application, decision_form: DecisionForm | None = None
) -> HttpResponse:
    """The page staff and reviewers read; `decision_form` keeps a refused decision's text."""
    manages = can(request.user, "application.manage", application)
    my_assignment = application.assignments.filter(reviewer=request.user).first()
    if my_assignment is not None and not manages:
        declaration = declaration_of(application, request.user)
        if declaration is None:  # a reviewer declares on conflicts before reading
            return redirect("programs:conflict", pk=application.pk)
        if declaration.has_conflict:
            return render(
                request,
                "programs/application_conflicted.html",
                {"application": application, "declaration": declaration},
            )
    scores_visible = _scores_visible(request.user, application)
    answers = {a.question_id: a.value for a in application.answers.all()}
    context = {
        "application": application,
        "answers": [(q, q.shown(answers.get(q.pk, ""))) for q in application.call.questions.all()],
        "documents": application.documents.select_related("required_document"),
        "manages": manages,
        # The decision letter: to whoever the permission layer lets download it.
        "may_letter": can(request.user, "application.letter", application),
        "my_assignment": my_assignment,
        "scores_visible": scores_visible,
        "criteria": application.call.criteria.all(),
        "reviews": review_table(application) if scores_visible else [],
        "assignments": application.assignments.select_related("reviewer"),
        "open_request": open_request(application),
    }
    if manages:
        context |= {
            "declarations": application.conflict_declarations.select_related("person"),
            "missing": missing_reviews(application),
            "versions": application.versions.select_related("info_request"),
            "info_requests": application.info_requests.prefetch_related("questions", "documents"),
            "info_form": bootstrap(InfoRequestForm(call=application.call)),
            "assign_form": bootstrap(AssignForm(reviewers=_reviewers(application))),
            "interview_form": bootstrap(
                InterviewForm(
                    initial={
                        "notes": application.interview_notes,
                        "at": timezone.localtime(application.interview_at).strftime(
                            "%Y-%m-%dT%H:%M"
                        )
                        if application.interview_at
                        else None,
                    }
                )
            ),
            "decision_form": bootstrap(decision_form or DecisionForm()),
            # Only what the services would accept is offered: no reviewer for a decided
            # application, no decision while the applicant is asked for information.
            "can_assign": application.status in SCORABLE,
            "can_interview": application.is_under_review,
            "can_decide": application.status in DECIDABLE,
        }
    return render(request, "programs/application_staff.html", context)


@login_required
def application_document(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    application = get_visible_or_404(visible_applications(request.user), pk=pk)
    require(request.user, "application.view", application)
    document = get_visible_or_404(application.documents.all(), pk=doc)
    response = FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        filename=document.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def application_review(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_visible_or_404(visible_applications(request.user), pk=pk)
    require(request.user, "application.review", application, view_perm="application.view")
    assignment = application.assignments.get(reviewer=request.user)
    if declaration_of(application, request.user) is None:
        return redirect("programs:conflict", pk=application.pk)
    if application.status not in SCORABLE:
        # Decided or withdrawn: the scoring form would only be refused (read it, read-only).
        messages.info(request, _("This application is no longer under review."))
        return redirect("programs:application", pk=application.pk)
    criteria = list(application.call.criteria.all())
    current = {s.criterion_id: s.value for s in assignment.scores.all()}
    if request.method == "POST":
        try:
            scores = {}
            for c in criteria:
                raw = request.POST.get(f"c_{c.pk}", "")
                scores[c.pk] = int(raw) if raw else None
            services.review_save(
                assignment=assignment,
                scores=scores,
                comment=request.POST.get("comment", ""),
                submit=request.POST.get("action") == "submit",
                by=request.user,
            )
        except ValueError:
            messages.error(request, _("Scores are whole numbers from 1 to 5."))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if request.POST.get("action") == "submit":
                messages.success(
                    request, _("Your review is submitted: the programme officer can read it.")
                )
            else:
                messages.success(request, _("Your review is saved as a draft."))
            return redirect("programs:application", pk=application.pk)
    answers = {a.question_id: a.value for a in application.answers.all()}
    return render(
        request,
        "programs/application_review.html",
        {
            "application": application,
            "assignment": assignment,
            "rows": [(c, current.get(c.pk)) for c in criteria],
            "scale": range(1, 6),
            "answers": [
                (q, q.shown(answers.get(q.pk, ""))) for q in application.call.questions.all()
            ],
            "documents": application.documents.select_related("required_document"),
        },
    )


@login_required
@require_POST
def application_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer's actions: assign a reviewer, set the interview, record the decision."""
    application = get_visible_or_404(visible_applications(request.user), pk=pk)
    require(request.user, "application.manage", application, view_perm="application.view")
    action = request.POST.get("action")
    decision_form = None
    try:
        if action == "assign":
            form = AssignForm(request.POST, reviewers=_reviewers(application))
            if not form.is_valid():
                raise DomainError(_("Choose a reviewer from the list."))
            services.reviewer_assign(
                application=application, reviewer=form.cleaned_data["reviewer"], by=request.user
            )
            messages.success(request, _("The reviewer is assigned."))
        elif action == "interview":
            form = InterviewForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Give the interview's date and time."))
            services.interview_schedule(
                application=application,
                at=form.cleaned_data["at"],
                notes=form.cleaned_data["notes"],
                by=request.user,
            )
            messages.success(request, _("The interview is recorded and the applicant invited."))
        elif action == "interview_cancel":
            services.interview_cancel(application=application, by=request.user)
            messages.success(request, _("The interview is cancelled and the applicant told."))
        elif action == "request_info":
            form = InfoRequestForm(request.POST, call=application.call)
            if not form.is_valid():
                raise DomainError(_("Write the message and choose what to ask for."))
            services.info_request(
                application=application,
                message=form.cleaned_data["message"],
                questions=list(form.cleaned_data["questions"]),
                documents=list(form.cleaned_data["documents"]),
                by=request.user,
            )
            messages.success(request, _("The applicant is asked for the information."))
        elif action == "decide":
            form = DecisionForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Choose a decision."))
            decision_form = form
            startup = None
            ref = form.cleaned_data["existing_startup"].strip()
            if ref:
                startup = visible_startups(request.user).filter(ref=ref).first()
                if startup is None:
                    raise DomainError(_("No startup with the reference %(ref)s.") % {"ref": ref})
            services.application_decide(
                application=application,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                start_on=form.cleaned_data["start_on"],
                startup=startup if isinstance(startup, Startup) else None,
                by=request.user,
                reasons=form.cleaned_data["reasons"],
                next_steps=form.cleaned_data["next_steps"],
                override_reason=form.cleaned_data["override_reason"],
            )
            messages.success(request, _("The decision is recorded and the applicant informed."))
        else:
            raise DomainError(_("Unknown action."))
    except DomainError as exc:
        messages.error(request, exc.message)
        if decision_form is not None:
            # A refused decision (reviews missing, say) keeps what the officer wrote.
            application.refresh_from_db()
            return _staff_page(request, application, decision_form=decision_form)
    return redirect("programs:application", pk=application.pk)

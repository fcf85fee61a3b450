"""The selection committee's pages: a reviewer's conflict declaration, the applicant's
answer to a request for more information, a call's decision letters and bulk decisions,
and the decision letter as a PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.core.uploads import serve_private
from technopark.programs import services
from technopark.programs.forms import (
    BulkDecisionForm,
    CompleteForm,
    ConflictForm,
    LetterForm,
    bootstrap,
)
from technopark.programs.letter_pdf import letter_filename, letter_pdf
from technopark.programs.models import Application, ApplicationDocument, DecisionLetter
from technopark.programs.permissions import visible_applications, visible_calls
from technopark.programs.services.review import (
    LETTER_LANGUAGES,
    PLACEHOLDERS,
    bulk_preview,
    declaration_of,
    letter_language,
    letter_template,
    open_request,
)
from technopark.programs.services.review import version_document as version_document_entry

LANGUAGE_NAMES = dict(DecisionLetter.LANGUAGES)


@login_required
def conflict(request: HttpRequest, pk: int) -> HttpResponse:
    """Before reading an application, its reviewer declares a conflict of interest, or none."""
    application = get_visible_or_404(visible_applications(request.user), pk=pk)
    require(request.user, "application.declare", application, view_perm="application.view")
    if declaration_of(application, request.user) is not None:
        return redirect("programs:application", pk=application.pk)
    form = bootstrap(ConflictForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        try:
            declaration = services.conflict_declare(
                application=application,
                person=request.user,
                has_conflict=form.cleaned_data["has_conflict"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if declaration.has_conflict:
                messages.success(request, _("Thank you: you no longer review this application."))
                return redirect("programs:applications")
            messages.success(
                request, _("Thank you: no conflict of interest is recorded. You may now review.")
            )
            return redirect("programs:review", pk=application.pk)
    return render(
        request,
        "programs/conflict.html",
        # Only what a reviewer needs to recognise a conflict: who applies, with what.
        {"application": application, "form": form},
    )


@login_required
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant changes the answers and documents asked for, then resubmits."""
    application = get_visible_or_404(visible_applications(request.user), pk=pk)
    require(request.user, "application.edit", application, view_perm="application.view")
    info = open_request(application)
    if info is None:
        messages.info(request, _("No information is asked of this application."))
        return redirect("programs:application", pk=application.pk)
    answers = {a.question_id: a.value for a in application.answers.all()}
    form = CompleteForm(
        request.POST or None,
        request.FILES or None,
        instance=Application.objects.get(pk=application.pk),
        call=application.call,
        answers=answers,
        info_request=info,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.info_answers_save(
                application=application, answers=form.answers(), by=request.user
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
            if request.POST.get("action") == "resubmit":
                services.application_resubmit(application=application, by=request.user)
                messages.success(request, _("Your application is completed and sent again."))
                return redirect("programs:application", pk=application.pk)
            messages.success(request, _("Your answers are saved."))
            return redirect("programs:complete", pk=application.pk)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render(
        request,
        "programs/complete.html",
        {
            "application": application,
            "info": info,
            "form": form,
            "uploaded": {d.required_document_id: d for d in application.documents.all()},
        },
    )


@login_required
def call_letters(request: HttpRequest, pk: int) -> HttpResponse:
    """The call's decision letters, per decision and language; the default when none."""
    call = get_visible_or_404(visible_calls(request.user), pk=pk)
    require(request.user, "call.manage", call, view_perm="call.view")
    decision = request.GET.get("decision") or request.POST.get("decision") or "admitted"
    language = request.GET.get("language") or request.POST.get("language") or "fr"
    if decision not in Application.DECISIONS:
        decision = "admitted"
    if language not in LETTER_LANGUAGES:
        language = "fr"
    subject, body, _written = letter_template(call, decision, language)
    form = LetterForm(request.POST or None, initial={"subject": subject, "body": body})
    direction = "rtl" if language == "ar" else "ltr"
    for field in form.fields.values():
        field.widget.attrs.update({"lang": language, "dir": direction})
    bootstrap(form)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_save(
                call=call,
                decision=decision,
                language=language,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The letter is saved."))
            return redirect(f"{request.path}?decision={decision}&language={language}")
    written = set(call.letters.values_list("decision", "language"))
    labels = dict(Application.Status.choices)
    return render(
        request,
        "programs/call_letters.html",
        {
            "call": call,
            "form": form,
            "decision": decision,
            "decision_label": labels[decision],
            "language": language,
            "language_name": LANGUAGE_NAMES[language],
            "placeholders": ["{" + p + "}" for p in PLACEHOLDERS],
            "grid": [
                (
                    d,
                    labels[d],
                    [
                        (lang, LANGUAGE_NAMES[lang], (d, lang) in written)
                        for lang in LETTER_LANGUAGES
                    ],
                )
                for d in Application.DECISIONS
            ],
        },
    )


@login_required
def application_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision letter as a PDF, in the applicant's language (the one the e-mail
    carried), or `?lang=fr|ar|en` (the staff may read it in theirs)."""
    application = get_visible_or_404(visible_applications(request.user), pk=pk)
    require(request.user, "application.letter", application, view_perm="application.view")
    language = request.GET.get("lang") or letter_language(application)
    if language not in LETTER_LANGUAGES:
        raise Http404
    response = HttpResponse(letter_pdf(application, language), content_type="application/pdf")
    name = letter_filename(application, language)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def version_document(request: HttpRequest, pk: int, number: int, doc: int) -> HttpResponse:
    """A document as the applicant had sent it in one version (the staff who run the call)."""
    application = get_visible_or_404(visible_applications(request.user), pk=pk)
    require(request.user, "application.manage", application, view_perm="application.view")
    version = get_visible_or_404(application.versions.all(), number=number)
    entry = version_document_entry(version, doc)
    if entry is None:
        raise Http404
    field = ApplicationDocument._meta.get_field("file")
    stored = FieldFile(None, field, entry["file"])
    if not field.storage.exists(stored.name):
        raise Http404
    return serve_private(request, stored, filename=entry["name"] or None)


@login_required
def call_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Decide several applications at once: choose, confirm who gets which letter, apply.
    Each goes through `application_decide` in its own transaction; those with reviews
    missing are refused (decide them one by one, giving the reason)."""
    call = get_visible_or_404(visible_calls(request.user), pk=pk)
    require(request.user, "call.manage", call, view_perm="call.view")
    undecided = (
        call.applications.filter(
            status__in=Application.UNDER_REVIEW + (Application.Status.WAITLISTED,)
        )
        .select_related("applicant", "call")
        .order_by("project_name")
    )
    form = bootstrap(BulkDecisionForm(request.POST or None))
    step = request.POST.get("step", "")
    chosen = list(undecided.filter(pk__in=[v for v in request.POST.getlist("ids") if v.isdigit()]))
    rows = [
        (a, [m.reviewer.get_full_name() for m in services.missing_reviews(a)]) for a in undecided
    ]
    context = {"call": call, "form": form, "rows": rows}
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        reasons = form.cleaned_data["reasons"]
        if not chosen:
            form.add_error(None, _("Choose at least one application."))
        elif step == "confirm":
            ready, refused = bulk_preview(chosen, decision)
            return render(
                request,
                "programs/call_decide_confirm.html",
                {
                    **context,
                    "ready": [(a, LANGUAGE_NAMES[lang]) for a, lang in ready],
                    "refused": refused,
                    "decision_label": dict(Application.Status.choices)[decision],
                    "decision": decision,
                    "reasons": reasons,
                },
            )
        elif step == "apply":
            done, refused = [], []
            for application in chosen:
                try:
                    services.application_decide(
                        application=application,
                        decision=decision,
                        reasons=reasons,
                        by=request.user,
                    )
                except DomainError as exc:
                    refused.append((application, exc.message))
                else:
                    done.append(application)
            return render(
                request,
                "programs/call_decide_done.html",
                {**context, "done": done, "refused": refused},
            )
    return render(request, "programs/call_decide.html", context)

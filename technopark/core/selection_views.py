"""The pages of a bulk action (`core/selection.py`): confirmation, run, outcome."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.core import selection
from technopark.core.models import BulkRun


@login_required
@require_POST
def start(request: HttpRequest, name: str, scope: str) -> HttpResponse:
    """From a list: the selection and the action. Without `confirm`: the confirmation page
    (what will happen to how many); with it: run, then the outcome."""
    bulk_set = selection.get_set(name)
    if bulk_set is None:
        raise Http404
    action = bulk_set.action(request.POST.get("action", ""))
    if action is None or action not in bulk_set.offered(request.user, scope):
        raise PermissionDenied
    records, dropped = selection.selected(request, bulk_set, scope)
    ids = list(records.values_list("pk", flat=True))
    back = bulk_set.back(scope)
    if not ids:
        messages.error(request, _("Select at least one row first."))
        return redirect(back)
    if len(ids) > selection.MAX_SELECTION:
        messages.error(
            request,
            _("At most %(max)s rows at once: narrow the list with its filters first.")
            % {"max": selection.MAX_SELECTION},
        )
        return redirect(back)
    if action.export is not None:
        return action.export(records, request)
    form = None
    if action.form is not None:
        form = action.form(data=request.POST) if request.POST.get("confirm") else action.form()
    if request.POST.get("confirm") and (form is None or form.is_valid()):
        run, _created = selection.start(
            bulk_set=bulk_set,
            action=action,
            scope=scope,
            ids=ids,
            params=selection.form_data(form),
            key=request.POST.get("key") or selection.new_key(),
            user=request.user,
        )
        return redirect("bulk:run", pk=run.pk)
    count = len(ids)
    return render(
        request,
        "core/bulk_confirm.html",
        {
            "action": action,
            "summary": action.summary % {"count": count} if action.summary else "",
            "count": count,
            "noun": bulk_set.noun(count),
            "dropped": dropped,
            "sample": [bulk_set.label(obj) for obj in records[:10]],
            "ids": ",".join(str(pk) for pk in ids),
            "form": form,
            "key": request.POST.get("key") or selection.new_key(),
            "back": back,
            "queued": count > selection.QUEUE_ABOVE,
        },
    )


@login_required
def run(request: HttpRequest, pk: int) -> HttpResponse:
    """The outcome: done and refused (with the reason); polls while the run goes on.
    Only the person who ran it sees it."""
    found = get_object_or_404(BulkRun, pk=pk)
    if found.actor_id != request.user.pk:
        raise Http404
    bulk_set = selection.get_set(found.selection)
    action = bulk_set.action(found.action) if bulk_set else None
    context = {
        "run": found,
        "action": action,
        "back": bulk_set.back(found.scope) if bulk_set else "/",
        "finished": found.status == BulkRun.Status.FINISHED,
    }
    if request.headers.get("HX-Request"):
        return render(request, "core/_bulk_outcome.html", context)
    return render(request, "core/bulk_run.html", context)

"""Acting on many records at once: tick rows of a list (or "all N matching"), choose an
action, confirm, run; the outcome lists what was done and what was refused, and why.

An app declares, in its `bulk.py`, a `BulkSet` per list: the records the person may act
on (a queryset from the permission layer), the list's own search and filters (to select
"all N matching" across pages), and its `BulkAction`s. Each action runs, for each record,
the SAME service as the one-at-a-time page, in its own transaction: a refusal
(`DomainError`, its translated message kept as the reason) undoes nothing else. The
service records the named action with its actor, as it does from its own page.

The selection is always read again through `BulkSet.visible` (the permission layer), at
the confirmation and at the run: ids forged into the form are refused, never acted on.

A selection over `QUEUE_ABOVE` records runs as a background task (in-process in the demo
and the tests, `TASKS_BACKEND=immediate`); its outcome page polls (htmx) until it ends.
Each confirmation carries a one-time key (`BulkRun.key`): a double click runs once.

Core imports no app: the sets are found in each app's `bulk.py` (`core.hooks.app_modules`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from technopark.core.errors import DomainError

log = logging.getLogger("technopark.selection")

# Above this many records, the run goes through the queue and its page polls.
QUEUE_ABOVE = 200
# The most records one selection may hold (a larger one: filter the list first).
MAX_SELECTION = 5000


@dataclass(frozen=True)
class BulkAction:
    """One thing to do to each selected record.

    - `run(obj, *, by, **params)` calls the app's service for one record (raises DomainError);
    - `form`: a Django form of the action's parameters (a date, an expert), asked on the
      confirmation page and checked again by the run;
    - `export(queryset, request)`: instead of `run`, a download of the selection (no
      confirmation: it changes nothing);
    - `offered(user, scope)`: whether the person is offered the action at all;
    - `allowed(user, obj)`: whether they may do it to this record (else refused);
    - `summary`: what will happen, with `%(count)s`, shown on the confirmation page.
    """

    key: str
    label: Any
    summary: Any = ""
    run: Callable[..., Any] | None = None
    form: type | None = None
    export: Callable[..., Any] | None = None
    offered: Callable[[Any, str], bool] | None = None
    allowed: Callable[[Any, Any], bool] | None = None
    primary: bool = False


@dataclass(frozen=True)
class BulkSet:
    """The records of one list that may be acted on together."""

    name: str
    # The records the person may act on in this scope (a site's code, an event's id).
    visible: Callable[[Any, str], Any]
    # The list's search and filters: (request whose GET is the list's query, scope) -> queryset.
    matching: Callable[[Any, str], Any]
    # The list's page, to go back to.
    back: Callable[[str], str]
    actions: tuple[BulkAction, ...] = ()
    # A record as the outcome names it.
    label: Callable[[Any], str] = str
    # How many records, said in words: count -> "3 invoices".
    noun: Callable[[int], str] = field(default=lambda n: str(n))

    def action(self, key: str) -> BulkAction | None:
        return next((a for a in self.actions if a.key == key), None)

    def offered(self, user, scope: str) -> list[BulkAction]:
        return [a for a in self.actions if a.offered is None or a.offered(user, scope)]


SETS: dict[str, BulkSet] = {}
_loaded = False


def register(bulk_set: BulkSet) -> BulkSet:
    SETS[bulk_set.name] = bulk_set
    return bulk_set


def get_set(name: str) -> BulkSet | None:
    global _loaded
    if not _loaded:
        from technopark.core.hooks import app_modules

        app_modules("bulk")  # each app's bulk.py registers its sets when imported
        _loaded = True
    return SETS.get(name)


def bulk_context(request, name: str, scope: str, listing=None) -> dict | None:
    """What `core/_bulk_bar.html` draws above a list: None when the person is offered no
    action (then the list shows no checkbox)."""
    bulk_set = get_set(name)
    if bulk_set is None:
        return None
    actions = bulk_set.offered(request.user, scope)
    if not actions:
        return None
    query = ""
    if listing is not None:
        params = listing.params.copy()
        for key in ("page", "export"):
            params.pop(key, None)
        query = params.urlencode()
    return {
        "name": name,
        "form_id": f"bulk-{name.replace('.', '-')}",
        "url": reverse("bulk:start", args=[name, scope]),
        "actions": actions,
        "total": listing.total if listing is not None else None,
        "query": query,
    }


def list_request(request, query: str):
    """A stand-in for the list's request: its user, and its query string as GET."""
    return SimpleNamespace(GET=QueryDict(query), user=request.user, method="GET")


def posted_ids(values) -> list[int]:
    ids = []
    for raw in values:
        for part in str(raw).split(","):
            part = part.strip()
            if part.isdigit():
                ids.append(int(part))
    return list(dict.fromkeys(ids))


def selected(request, bulk_set: BulkSet, scope: str):
    """(the records the form selects that the person may act on, how many ids were
    dropped because they are not visible). "All matching" re-reads the list's filters."""
    visible = bulk_set.visible(request.user, scope)
    if request.POST.get("all") == "1":
        matching = bulk_set.matching(list_request(request, request.POST.get("query", "")), scope)
        return visible.filter(pk__in=matching.values("pk")), 0
    ids = posted_ids(request.POST.getlist("ids"))
    found = visible.filter(pk__in=ids)
    return found, max(0, len(ids) - found.count())


def new_key() -> str:
    return uuid.uuid4().hex


def form_data(form) -> dict:
    """The action's parameters as posted (strings), kept to be checked again by the run."""
    if form is None:
        return {}
    return {name: form.data.get(form.add_prefix(name), "") for name in form.fields}


def start(*, bulk_set: BulkSet, action: BulkAction, scope: str, ids: list[int], params: dict,
          key: str, user) -> tuple[Any, bool]:  # fmt: skip
    """Record the run (once per key) and run it, now or through the queue; (run, created)."""
    from technopark.core.models import BulkRun

    with transaction.atomic():
        run, created = BulkRun.objects.get_or_create(
            key=key,
            defaults={
                "selection": bulk_set.name,
                "scope": scope,
                "action": action.key,
                "params": params,
                "ids": ids,
                "actor": user,
                "language": translation.get_language() or "fr",
            },
        )
    if not created:
        return run, False
    if len(ids) > QUEUE_ABOVE:
        transaction.on_commit(lambda: bulk_run_task.enqueue(run.pk))
    else:
        execute(run.pk)
        run.refresh_from_db()
    return run, True


def _refuse(run, pk, label, reason) -> None:
    run.refused.append({"id": pk, "label": label, "reason": str(reason)})


def execute(run_id: int) -> None:
    """Run each record of the run through the action, each in its own transaction."""
    from technopark.core.models import BulkRun

    claimed = BulkRun.objects.filter(pk=run_id, status=BulkRun.Status.QUEUED).update(
        status=BulkRun.Status.RUNNING
    )
    if not claimed:
        return
    run = BulkRun.objects.select_related("actor").get(pk=run_id)
    bulk_set = get_set(run.selection)
    action = bulk_set.action(run.action) if bulk_set else None
    with translation.override(run.language):
        if action is None or action.run is None or run.actor is None:
            for pk in run.ids:
                _refuse(run, pk, f"#{pk}", _("This action is no longer offered."))
        else:
            _execute(run, bulk_set, action)
    run.status = BulkRun.Status.FINISHED
    run.finished_at = timezone.now()
    run.save(update_fields=["done", "refused", "status", "finished_at"])


def _execute(run, bulk_set: BulkSet, action: BulkAction) -> None:
    actor = run.actor
    params: dict = {}
    if action.form is not None:
        form = action.form(data=run.params)
        if not form.is_valid():
            reason = "; ".join(str(e) for errors in form.errors.values() for e in errors)
            for pk in run.ids:
                _refuse(run, pk, f"#{pk}", reason)
            return
        params = form.cleaned_data
    visible = bulk_set.visible(actor, run.scope)
    for n, pk in enumerate(run.ids, start=1):
        obj = visible.filter(pk=pk).first()
        if obj is None:
            _refuse(run, pk, f"#{pk}", _("You may not act on this record, or it is gone."))
            continue
        label = bulk_set.label(obj)
        if action.allowed is not None and not action.allowed(actor, obj):
            _refuse(run, pk, label, _("You may not do this to this record."))
            continue
        try:
            with transaction.atomic():
                action.run(obj, by=actor, **params)
        except DomainError as exc:
            _refuse(run, pk, label, exc.message)
        except Exception:  # one broken record must not stop the others
            log.exception("bulk %s:%s failed on %s", run.selection, run.action, pk)
            _refuse(run, pk, label, _("An unexpected error stopped this one; nothing was changed."))
        else:
            run.done.append({"id": pk, "label": label})
        if n % 25 == 0:  # the outcome page shows the progress
            run.save(update_fields=["done", "refused"])


@task()
def bulk_run_task(run_id: int) -> None:
    """A large selection's run, in a worker."""
    execute(run_id)

"""Writing to a selection: compose (with who gets which language), send once, the list
of sent messages with their recipients and what was delivered."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.core.listing import Listing, Sort
from technopark.core.selection import new_key
from technopark.messaging import audiences
from technopark.messaging.forms import ComposeForm
from technopark.messaging.models import Message
from technopark.messaging.permissions import visible_messages
from technopark.messaging.services import message_send

SESSION_SELECTION = "messaging_selection"
# The startups selected in the directory (startups/bulk.py puts them there).
SESSION_STARTUPS = "messaging_startups"


@login_required
def message_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "message.write")
    listing = Listing(
        request,
        visible_messages(request.user),
        search=("subject_fr", "audience_label"),
        sorts={"sent": Sort(_("Sent"), ("-sent_at", "-pk"))},
        per_page=30,
    )
    return render(request, "messaging/message_list.html", {"listing": listing})


@login_required
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_visible_or_404(visible_messages(request.user), pk=pk)
    require(request.user, "message.view", message, view_perm="message.view")
    recipients = message.recipients.select_related("user", "email_log")
    return render(
        request,
        "messaging/message_detail.html",
        {"message": message, "recipients": recipients, "count": recipients.count()},
    )


@login_required
def compose(request: HttpRequest) -> HttpResponse:
    require(request.user, "message.write")
    chosen = request.session.get(SESSION_SELECTION) or []
    startup_ids = request.session.get(SESSION_STARTUPS) or []
    if request.method == "POST":
        form = ComposeForm(request.POST, user=request.user)
    else:
        audience = request.GET.get("audience") or (
            Message.Audience.SELECTION if chosen else Message.Audience.EVENT
        )
        form = ComposeForm(initial={"audience": audience, "key": new_key()}, user=request.user)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        label, users = audiences.recipients_of(request.user, data, chosen, startup_ids)
        texts = {k: v for k, v in data.items() if k.startswith(("subject_", "body_"))}
        if "send" in request.POST:
            try:
                message, sent = message_send(
                    key=data["key"],
                    audience=data["audience"],
                    audience_label=label or "",
                    texts=texts,
                    users=users,
                    site=data.get("site"),
                    by=request.user,
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                if sent:
                    request.session.pop(SESSION_SELECTION, None)
                    request.session.pop(SESSION_STARTUPS, None)
                    flash.success(request, _("The message was sent."))
                return redirect("messaging:detail", pk=message.pk)
        written = [lang for lang in ("fr", "ar", "en") if texts.get(f"body_{lang}")]
        counts = audiences.languages(users, written)
        preview = {
            "label": label,
            "total": sum(counts.values()),
            "languages": [
                (lang, counts.get(lang, 0)) for lang in ("fr", "ar", "en") if counts.get(lang)
            ],  # fmt: skip
        }
    startups = None
    if startup_ids:
        # What becomes of each selected startup: its members get the message, or it is
        # left out (and why), before anything is sent.
        included, left_out = audiences.startups_selection(request.user, startup_ids)
        startups = {
            "count": len(included) + len(left_out),
            "included": included,
            "left_out": left_out,
            "dropped": len(startup_ids) - len(included) - len(left_out),
        }
    return render(
        request,
        "messaging/compose.html",
        {"form": form, "preview": preview, "chosen": len(chosen), "startups": startups},
    )

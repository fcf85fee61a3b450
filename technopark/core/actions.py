"""Named actions: what happened in the network, said once, by the service that did it.

The audit trail (`core/audit.py`) keeps field diffs; an action says what they mean: a
booking made, an invoice issued, an application decided. Every service that changes
something calls `record(name, obj, by=...)` inside its transaction, so the action exists
if and only if the change does. Each action names:

- its actor (the `by` of the service, else the request's user as the audit trail knows it)
  and the channel it came from (`page`, `api`, `command`, `task`, `import`, else `system`);
- its object (content type, id and a readable label);
- the startup and the site it concerns (for scoping: who may see it), and a small payload.

The names are declared here, once, with what they mean (`ACTIONS`); `docs/actions.md`
lists them and a test holds the two together, another that every name is recorded by
some service, and another that every service that writes records one (or is listed, with
its reason, in `core/tests/unrecorded_services.py`). The audit trail's panel, a startup's timeline and the webhooks read them;
the webhooks hear of each action when its transaction commits (`action_recorded`).

This is one of core's base modules: it imports no app.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

CHANNELS = ("page", "api", "command", "task", "import", "system")


@dataclass(frozen=True)
class ActionType:
    name: str
    description: Any  # a lazy translation
    # What a startup's timeline says of it (with the action's `%(label)s`); None: not shown.
    timeline: Any = None
    # Seen by staff only, never by the startup's members (e.g. a staff note on it).
    staff_only: bool = False


def _declare(*types: ActionType) -> dict[str, ActionType]:
    return {t.name: t for t in types}


ACTIONS: dict[str, ActionType] = _declare(
    ActionType(
        "booking.created",
        _("A room was booked, or a hall requested for approval."),
        _("Room booked: %(label)s"),
    ),
    ActionType(
        "booking.cancelled", _("A booking was cancelled."), _("Booking cancelled: %(label)s")
    ),
    ActionType("booking.moved", _("A booking was moved to another time.")),
    ActionType(
        "booking.approved",
        _("The site approved a hall request: it is a confirmed booking."),
        _("Hall request approved: %(label)s"),
    ),
    ActionType(
        "booking.declined",
        _("The site declined a hall request, saying why."),
        _("Hall request declined: %(label)s"),
    ),
    ActionType(
        "contract.signed", _("A hosting contract was signed."), _("Contract signed: %(label)s")
    ),
    ActionType(
        "contract.notice_given",
        _("Notice was given on a hosting contract: it ends on its leaving date."),
        _("Notice given: %(label)s"),
    ),
    ActionType("contract.ended", _("A hosting contract ended."), _("Contract ended: %(label)s")),
    ActionType("invoice.issued", _("An invoice was issued."), _("Invoice issued: %(label)s")),
    ActionType(
        "credit_note.issued", _("A credit note was issued."), _("Credit note issued: %(label)s")
    ),
    ActionType(
        "payment.recorded", _("A payment of an invoice was recorded."), _("Payment: %(label)s")
    ),
    ActionType(
        "invoice.reminded",
        _("A payment reminder of an invoice was sent (automatically or by hand)."),
        _("Payment reminder: %(label)s"),
    ),
    ActionType(
        "application.submitted",
        _("An application to a call was submitted."),
        _("Application submitted: %(label)s"),
    ),
    ActionType(
        "application.decided",
        _("The committee decided an application (admitted, waiting list or declined)."),
        _("Application decided: %(label)s"),
    ),
    ActionType(
        "committee.session_held",
        _("A selection committee's session was held (its attendance recorded)."),
    ),
    ActionType("committee.vote_recorded", _("A committee member voted on an application.")),
    ActionType(
        "committee.minutes_approved",
        _("The chair approved the minutes of a committee session (now frozen)."),
    ),
    ActionType(
        "application.more_info_requested",
        _("The program's staff asked an applicant for more information."),
        _("More information requested: %(label)s"),
    ),
    ActionType(
        "application.resubmitted",
        _("An applicant sent the information asked and resubmitted the application."),
        _("Application resubmitted: %(label)s"),
    ),
    ActionType("review.submitted", _("A reviewer submitted the scores of an application.")),
    ActionType(
        "conflict.declared",
        _("A reviewer declared a conflict of interest, or none, on an application."),
    ),
    ActionType(
        "decision_letter.changed",
        _("The staff wrote a call's decision letter for one decision and language."),
    ),
    ActionType(
        "milestone.submitted",
        _("A startup marked a milestone of its plan in progress or done."),
        _("Milestone submitted: %(label)s"),
    ),
    ActionType(
        "milestone.validated",
        _("The program officer validated a milestone."),
        _("Milestone validated: %(label)s"),
    ),
    ActionType(
        "milestone.sent_back",
        _("The program officer sent a milestone back to the startup."),
        _("Milestone sent back: %(label)s"),
    ),
    ActionType(
        "registration.created",
        _("A person registered to an event (confirmed, waiting or awaiting approval)."),
    ),
    ActionType("registration.approved", _("The organisers approved a registration to an event.")),
    ActionType("registration.declined", _("The organisers declined a registration to an event.")),
    ActionType("registration.checked_in", _("An attendee was checked in at an event.")),
    ActionType(
        "declaration.submitted",
        _("A startup declared its figures (jobs, revenue, exports, patents, funding)."),
        _("Figures declared: %(label)s"),
    ),
    ActionType(
        "registration.promoted",
        _("The organisers gave a seat to a person on an event's waiting list."),
    ),
    ActionType(
        "appointment.booked",
        _("An appointment at a partner desk was booked."),
        _("Appointment booked: %(label)s"),
    ),
    ActionType("appointment.cancelled", _("An appointment at a partner desk was cancelled.")),
    ActionType(
        "appointment.walk_in",
        _("A desk received a visitor without an appointment."),
        _("Visit to a partner desk: %(label)s"),
    ),
    ActionType(
        "desk_file.opened",
        _("A startup opened a file of a procedure across the partner desks."),
        _("Desk file opened: %(label)s"),
    ),
    ActionType("desk_file.piece_added", _("A piece was uploaded to a desk file.")),
    ActionType("desk_file.step_moved", _("A step of a desk file was started or blocked.")),
    ActionType(
        "desk_file.step_done",
        _("A step of a desk file was done."),
        _("Desk file step done: %(label)s"),
    ),
    ActionType("desk_file.due_set", _("A due date of a desk file's step was set.")),
    ActionType("desk_file.noted", _("A desk agent added a note to a desk file.")),
    ActionType(
        "desk_file.closed",
        _("Every step of a desk file was done."),
        _("Desk file completed: %(label)s"),
    ),
    ActionType("procedure.created", _("A network administrator wrote a new desk procedure.")),
    ActionType(
        "procedure.changed", _("A desk procedure's names, description or offer were changed.")
    ),
    ActionType("procedure.step_added", _("A step was added to a desk procedure.")),
    ActionType("procedure.step_changed", _("A step of a desk procedure was changed.")),
    ActionType("procedure.step_removed", _("A step was removed from a desk procedure.")),
    ActionType("procedure.steps_reordered", _("The steps of a desk procedure were reordered.")),
    ActionType("expert_slot.published", _("An expert published a weekly slot.")),
    ActionType("expert_slot.withdrawn", _("An expert withdrew a weekly slot.")),
    ActionType(
        "expert_session.booked",
        _(
            "A startup booked a session with an expert (a published slot, or proposed on a request)."
        ),
        _("Expert session booked: %(label)s"),
    ),
    ActionType("expert_session.cancelled", _("A session with an expert was cancelled.")),
    ActionType("expert_session.no_show", _("An expert recorded that a startup missed a session.")),
    ActionType(
        "message.sent",
        _("Staff wrote a message to a selection (in the platform and by e-mail)."),
    ),
    ActionType(
        "campaign_request.reminded",
        _("A startup was reminded by hand of a declaration or a survey it has not answered."),
    ),
    ActionType(
        "support_request.created",
        _("A startup asked for a service of the catalogue."),
        _("Service requested: %(label)s"),
    ),
    ActionType(
        "support_request.assigned",
        _("A service request was given to an expert or a member of the site's staff."),
    ),
    ActionType(
        "support_request.closed",
        _("A service request was closed."),
        _("Service request closed: %(label)s"),
    ),
    ActionType(
        "document.uploaded",
        _("A document was added to a startup's vault (a new one or a new version)."),
        _("Document added: %(label)s"),
    ),
    ActionType(
        "document.requested",
        _("Staff asked a startup for a document by a due date."),
        _("Document requested: %(label)s"),
    ),
    ActionType(
        "document_request.fulfilled",
        _("A startup sent the document it was asked for."),
        _("Requested document sent: %(label)s"),
    ),
    ActionType(
        "document_request.decided",
        _("Staff accepted a requested document or sent it back."),
    ),
    ActionType(
        "note.added",
        _("Staff wrote a private note on a startup (never shown to its members)."),
        staff_only=True,
    ),
    ActionType("saved_view.created", _("A person saved a list's filters and sort as a view.")),
    ActionType("saved_view.deleted", _("A person deleted one of their saved views.")),
    ActionType(
        "signature.requested",
        _("People were asked to sign a document electronically."),
        _("Signature requested: %(label)s"),
    ),
    ActionType("signature.signed", _("A signer signed a document electronically.")),
    ActionType("signature.declined", _("A signer declined to sign a document, saying why.")),
    ActionType(
        "signature.completed",
        _("Everyone signed a document; the platform sealed the signed PDF."),
        _("Document signed by everyone: %(label)s"),
    ),
    ActionType("signature.cancelled", _("A signature request was cancelled by the staff.")),
    ActionType("signature.expired", _("A signature request expired before everyone signed.")),
    ActionType(
        "startup.created",
        _("A startup joined the network's records (e.g. an admitted applicant's project)."),
        _("Startup created: %(label)s"),
    ),
    ActionType(
        "startup.updated",
        _("A startup's profile was changed (the fields changed are in the payload)."),
        _("Profile updated: %(label)s"),
    ),
    ActionType(
        "member.added", _("A person joined a startup's team."), _("Team member added: %(label)s")
    ),
    ActionType(
        "member.changed",
        _("A team member was marked a founder, or no longer one."),
        _("Team member changed: %(label)s"),
    ),
    ActionType(
        "invitation.sent",
        _("A person was invited by e-mail to join a startup's team."),
        _("Teammate invited"),
    ),
    ActionType(
        "invitation.accepted",
        _("An invitation to a startup's team was accepted."),
        _("Invitation accepted: %(label)s"),
    ),
    ActionType(
        "grouping.formed",
        _("Startups formed a grouping (GIE, consortium or merger)."),
        _("Grouping formed: %(label)s"),
    ),
    ActionType("site.created", _("A site was added to the network.")),
    ActionType("site.opening_planned", _("The planned opening date of a site was set.")),
    ActionType("site.opened", _("A site opened (the day it opened was recorded).")),
    ActionType("spaces.created", _("Spaces were added to a site (offices, rooms, halls).")),
    ActionType("operator.created", _("An operator or partner organisation was added.")),
    ActionType(
        "role.granted", _("A person was given a role (with its site, desk or organisation).")
    ),
    ActionType("api_token.created", _("An API token was made (its value is never kept).")),
    ActionType("api_token.revoked", _("An API token was revoked.")),
    ActionType(
        "personal_calendar.renewed",
        _("A person got a new private calendar address (the old one stopped working)."),
    ),
    ActionType("personal_calendar.revoked", _("A person switched their calendar address off.")),
    ActionType("second_factor.enabled", _("A person set up a second sign-in factor.")),
    ActionType("second_factor.disabled", _("A person removed a second sign-in factor.")),
    ActionType(
        "call.created", _("The staff wrote a new call for applications (not yet published).")
    ),
    ActionType(
        "call.updated",
        _("A call's text, dates, eligibility or form changed (the fields in the payload)."),
    ),
    ActionType("call.published", _("A call for applications was published: people may apply.")),
    ActionType(
        "registration.cancelled",
        _("A registration to an event was cancelled (its seat goes to the waiting list)."),
    ),
    ActionType(
        "waiting.added",
        _("A startup joined a site's waiting list for a space."),
        _("On the waiting list: %(label)s"),
    ),
    ActionType(
        "waiting.offered",
        _("A space was offered to a startup on the waiting list."),
        _("Space offered: %(label)s"),
    ),
    ActionType(
        "waiting.declined",
        _("A startup declined the space offered (it keeps its place in line)."),
        _("Space offer declined: %(label)s"),
    ),
    ActionType(
        "waiting.offer_expired",
        _("An offer of a space lapsed unanswered (the startup keeps its place in line)."),
        _("Space offer lapsed: %(label)s"),
    ),
    ActionType(
        "waiting.withdrawn",
        _("A startup left a site's waiting list."),
        _("Left the waiting list: %(label)s"),
    ),
    ActionType(
        "application.withdrawn",
        _("The applicant withdrew an application."),
        _("Application withdrawn: %(label)s"),
    ),
    ActionType(
        "reviewer.assigned",
        _("A reviewer was assigned to score an application (never told to the applicant)."),
        staff_only=True,
    ),
    ActionType(
        "interview.scheduled",
        _("An interview of an applicant was scheduled."),
        _("Interview scheduled: %(label)s"),
    ),
    ActionType(
        "interview.moved",
        _("An applicant's interview was moved to another time."),
        _("Interview moved: %(label)s"),
    ),
    ActionType(
        "interview.cancelled",
        _("An applicant's interview was called off."),
        _("Interview cancelled: %(label)s"),
    ),
    ActionType(
        "charge.added",
        _(
            "A charge beyond rent was added (meeting-room hire, a desk service, an event fee, a one-off charge)."
        ),
    ),
    ActionType(
        "deposit.settled",
        _("A contract's deposit was settled at exit: returned, or retained in whole or in part."),
        _("Deposit settled: %(label)s"),
    ),
    ActionType(
        "payment.reversed",
        _(
            "A payment was given back (e.g. a card payment refunded): the invoice's balance reopens."
        ),
        _("Payment given back: %(label)s"),
    ),
    ActionType(
        "billing_period.closed",
        _("The accountant closed a site's books up to a day: nothing dated then changes."),
    ),
    ActionType(
        "site_billing.updated",
        _("A site's bank details and payment terms were changed."),
    ),
    ActionType(
        "online_payment.started",
        _("A startup started paying invoices by card (an order sent to the gateway)."),
    ),
    ActionType(
        "payment.refunded",
        _("Staff marked a card payment refunded: each invoice's payment is given back."),
        _("Card payment refunded: %(label)s"),
    ),
    ActionType(
        "bank_statement.imported",
        _(
            "A bank statement was imported: its new credits matched to invoices or left for a person."
        ),
    ),
    ActionType(
        "bank_transaction.confirmed",
        _("Staff confirmed a proposed match of a bank transfer: the payment is recorded."),
    ),
    ActionType(
        "bank_transaction.assigned",
        _("Staff said which invoice a bank transfer pays: the payment is recorded."),
    ),
    ActionType(
        "bank_transaction.dismissed",
        _("Staff set a bank transfer aside: it is not a client's payment."),
    ),
    ActionType(
        "credit.applied",
        _("Staff applied a client's credit to one of its invoices (a payment recorded)."),
        _("Credit applied: %(label)s"),
    ),
    ActionType(
        "program.created",
        _("A program was created, with the sites that run it."),
    ),
    ActionType(
        "program.site_added",
        _("A program is run at one more site."),
    ),
    ActionType(
        "enrollment.advanced",
        _("A startup graduated from a program step and started the next one."),
        _("Next program started: %(label)s"),
    ),
    ActionType(
        "enrollment.exited",
        _("A startup left a program, graduated or discontinued."),
        _("Program ended: %(label)s"),
    ),
    ActionType(
        "plan.updated",
        _("A startup's support plan changed: its needs, diagnostic or officer."),
    ),
    ActionType(
        "milestone.added",
        _("A milestone was added to a startup's plan (by hand or from a template)."),
        _("Milestone added: %(label)s"),
    ),
    ActionType(
        "milestone.status_changed",
        _("The staff set a milestone's status."),
    ),
    ActionType(
        "coaching_session.logged",
        _("A coach logged a coaching session held with a startup."),
        _("Coaching session: %(label)s"),
    ),
    ActionType(
        "milestone_template.saved",
        _("A program's milestone template was created or changed."),
    ),
    ActionType(
        "milestone_template.deleted",
        _("A program's milestone template was deleted."),
    ),
    ActionType(
        "application.anonymised",
        _("A declined application's personal data was blanked past its retention period."),
    ),
    ActionType(
        "support_request.message",
        _("A message was written on a service request (by the startup or the staff)."),
    ),
    ActionType(
        "satisfaction.recorded",
        _("A startup said how satisfied it was (a survey, a service, an expert, a desk)."),
    ),
    ActionType(
        "expert_session.answered",
        _("An expert accepted or declined a proposed session."),
    ),
    ActionType(
        "expert_session.recorded",
        _("An expert recorded a session's notes, or that it was held."),
    ),
    ActionType(
        "opportunity.published",
        _("An opportunity was published (a fair, a tender, a mission) for startups to apply to."),
    ),
    ActionType(
        "participation.applied",
        _("A startup applied to take part in an opportunity."),
        _("Applied to an opportunity: %(label)s"),
    ),
    ActionType(
        "participation.selected",
        _("The staff selected a startup for an opportunity, or did not."),
        _("Opportunity answered: %(label)s"),
    ),
    ActionType(
        "participation.result",
        _("The results of a startup's participation were recorded (contacts, contracts, exports)."),
    ),
    ActionType(
        "consortium_document.added",
        _("A document was added to a consortium's file."),
    ),
    ActionType(
        "expert_budget.set",
        _("The expert hours each startup of a program may use were set."),
    ),
    ActionType(
        "expert.updated",
        _("An expert updated their profile (skills, sectors, languages, availability)."),
    ),
    ActionType(
        "desk_slot.published",
        _("A desk published a time when it receives startups."),
    ),
    ActionType(
        "appointment.moved",
        _("An appointment at a partner desk was moved to another time."),
        _("Appointment moved: %(label)s"),
    ),
    ActionType(
        "appointment.handled",
        _("A desk agent marked an appointment done or missed."),
    ),
    ActionType(
        "desk_case.opened",
        _("A desk opened a case for a startup's matter that takes several visits."),
    ),
    ActionType(
        "desk_case.closed",
        _("A desk closed a startup's case."),
    ),
    ActionType(
        "report.requested",
        _("A bilan report was asked for (or asked for again): it is generated in the background."),
    ),
    ActionType(
        "showcase.updated",
        _("A startup's showcase profile changed (what visitors and partners see)."),
        _("Showcase updated: %(label)s"),
    ),
    ActionType(
        "site_guide.updated",
        _("A site's directions for visitors were changed."),
    ),
    ActionType(
        "site_photo.added",
        _("A photo was added to a site's public page."),
    ),
    ActionType(
        "site_photo.deleted",
        _("A photo was removed from a site's public page."),
    ),
    ActionType(
        "consent.changed",
        _("A person gave or withdrew a consent."),
    ),
    ActionType(
        "data_request.closed",
        _("Staff handled a person's request about their data (done or rejected)."),
    ),
    ActionType(
        "account.anonymised",
        _("A person's account was deleted: nothing in it names them any more."),
    ),
    ActionType(
        "webhook.subscribed",
        _("An administrator subscribed a receiver to actions by webhook."),
    ),
    ActionType(
        "webhook.unsubscribed",
        _("A webhook subscription was removed."),
    ),
    ActionType(
        "webhook.resumed",
        _("A paused webhook subscription was resumed: what waits is sent."),
    ),
    ActionType(
        "webhook.tested",
        _("A test message was sent to a webhook subscription."),
    ),
    ActionType(
        "import.uploaded",
        _("Files were uploaded for an import: their dry run is queued."),
    ),
    ActionType(
        "import.remapped",
        _("An upload was checked again with a confirmed mapping and corrections."),
    ),
    ActionType(
        "import.confirmed",
        _("A person confirmed a checked upload: the import runs."),
    ),
    ActionType(
        "import.retried",
        _("A check or an import whose worker stopped was queued again."),
    ),
    ActionType(
        "import.cancelled",
        _("A checked upload was dropped without importing it."),
    ),
    ActionType(
        "import_mapping.kept",
        _("A confirmed mapping was kept for the next upload of the same kind of file."),
    ),
    ActionType(
        "booking_rule.changed",
        _("Staff changed a room's booking rules (hours, days, limits)."),
    ),
    ActionType(
        "calendar_feed.created",
        _("A calendar address was made (a person's bookings or a room's)."),
    ),
    ActionType(
        "calendar_feed.revoked",
        _("A calendar address was switched off."),
    ),
    ActionType(
        "committee.conflict_declared",
        _("A committee member declared a conflict of interest, or none, on an application."),
    ),
    ActionType(
        "committee.session_planned",
        _("A selection committee's session was planned or changed (date, place, members, agenda)."),
    ),
    ActionType(
        "event_question.added",
        _("A question was added to an event's registration form."),
    ),
    ActionType(
        "event_question.removed",
        _("A question was removed from an event's registration form, with its answers."),
    ),
    ActionType(
        "site_opening.checked",
        _("An item of a new site's opening checklist was ticked or unticked."),
    ),
    ActionType(
        "role.removed",
        _("A person's role was taken away."),
    ),
    ActionType(
        "operator.updated",
        _("A partner organisation's profile in the directory was changed."),
    ),
    ActionType(
        "contract.scan_attached",
        _("The scan of a signed hosting contract was filed with it."),
        _("Signed contract filed: %(label)s"),
    ),
    ActionType(
        "resident_access.changed",
        _("A site's rule for its residents outside any program was changed."),
    ),
    ActionType(
        "bilan.frozen",
        _("A bilan was frozen as a named edition (its figures kept as they were)."),
    ),
    ActionType(
        "campaign.opened",
        _("A declaration, follow-up or survey campaign was opened."),
    ),
    ActionType(
        "campaign.requests_sent",
        _("A campaign's requests and reminders due that day were sent (daily job)."),
    ),
    ActionType(
        "campaign.updated",
        _("The extra figures a campaign asks for were changed before it opened."),
    ),
    ActionType(
        "followup.submitted",
        _("An alumnus answered its follow-up: still in business or not, and its jobs."),
        _("Follow-up answered: %(label)s"),
    ),
)

# The names the startup's own members never see (webhooks/permissions.py).
STAFF_ONLY = frozenset(name for name, kind in ACTIONS.items() if kind.staff_only)

# Sent when the transaction that recorded an action commits (never for one rolled back).
action_recorded = Signal()

_channel: ContextVar[str] = ContextVar("technopark_action_channel", default="system")


@contextlib.contextmanager
def channel(name: str) -> Iterator[None]:
    """Within the block, actions say they came from `name` (one of CHANNELS)."""
    if name not in CHANNELS:
        raise ValueError(f"unknown channel {name!r}")
    token = _channel.set(name)
    try:
        yield
    finally:
        _channel.reset(token)


def current_channel() -> str:
    return _channel.get()


def set_channel(name: str):
    """Set the channel until `reset_channel(token)` (for signal pairs: a task started/finished)."""
    if name not in CHANNELS:
        raise ValueError(f"unknown channel {name!r}")
    return _channel.set(name)


def reset_channel(token) -> None:
    _channel.reset(token)


def _pk(value) -> int | None:
    if value is None:
        return None
    return getattr(value, "pk", value)


def _actor(by):
    if by is not None and getattr(by, "pk", None):
        return by
    from auditlog import context as auditlog_context

    current = auditlog_context.auditlog_value.get(None) or {}
    actor = current.get("actor")
    return actor if actor is not None and getattr(actor, "pk", None) else None


def record(
    name: str,
    obj,
    *,
    by,
    payload: dict | None = None,
    startup=None,
    site=None,
    label: str | None = None,
):
    """Record that `name` happened to `obj`, done by `by`, in the current transaction.

    `startup` and `site` (objects or ids) default to the object's own `startup_id` and
    `site_id`; `payload` is a small JSON object (ids, amounts, dates, codes: nothing
    personal the receivers of a webhook could not see). `label` replaces `str(obj)` when
    that would name a person (an invitation's e-mail address). Listeners hear of it on
    commit.
    """
    from django.contrib.contenttypes.models import ContentType

    from technopark.core.models import Action

    if name not in ACTIONS:
        raise ValueError(f"undeclared action {name!r}: declare it in core/actions.py")
    actor = _actor(by)
    action = Action.objects.create(
        name=name,
        channel=current_channel(),
        actor=actor,
        content_type=ContentType.objects.get_for_model(obj),  # an instance: a lazy request.user too
        object_id=str(obj.pk),
        label=(str(obj) if label is None else label)[:200],
        startup_id=_pk(startup) if startup is not None else getattr(obj, "startup_id", None),
        site_id=_pk(site) if site is not None else getattr(obj, "site_id", None),
        payload=payload or {},
    )
    transaction.on_commit(lambda: action_recorded.send(sender=Action, action=action), robust=True)
    return action

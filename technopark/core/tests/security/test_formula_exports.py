"""Text a person typed never runs as a formula in the files staff download (OWASP, "CSV
injection"): every list's CSV and Excel export and the bespoke ones (arrears, the
accountant's journal, a call's ranking, the bilan's workbook, satisfaction comments, an
upload's errors). A startup, a booking, a guest or a payment named "=1+1" shows "=1+1"."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.db.models import Max
from django.test import Client
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

FORMULA = "=1+1"


@pytest.fixture
def typed(demo_network):
    """Every text a person types that an export shows, set to a formula."""
    from technopark.billing.models import Payment, PeriodClose
    from technopark.booking.models import Booking
    from technopark.community.models import Answer, Event, Registration
    from technopark.desk.models import Service
    from technopark.notifications.models import EmailLog
    from technopark.programs.models import Application
    from technopark.startups.models import Startup
    from technopark.support.models import ServiceRequest
    from technopark.surveys.models import Campaign, SatisfactionAnswer

    Startup.objects.update(name=FORMULA)
    # Only in the books still open: a closed period's records never change (billing).
    closed = PeriodClose.objects.aggregate(day=Max("closed_until"))["day"]
    Payment.objects.filter(paid_on__gt=closed or dt.date.min).update(reference=FORMULA)
    Booking.objects.update(title=FORMULA)
    Event.objects.update(title=FORMULA, title_ar=FORMULA, title_en=FORMULA)
    Registration.objects.filter(user__isnull=True).update(guest_name=FORMULA)
    Answer.objects.update(value=FORMULA)
    ServiceRequest.objects.update(title=FORMULA)
    Service.objects.update(name_fr=FORMULA, name_ar=FORMULA, name_en=FORMULA)
    EmailLog.objects.update(subject=FORMULA)
    Campaign.objects.update(title=FORMULA)
    SatisfactionAnswer.objects.update(comment=FORMULA)
    Application.objects.update(project_name=FORMULA)
    return demo_network


def _site(demo):
    return demo.founder_startup.leases.order_by("-starts_on").first().space.site.code


def _event(demo):
    from technopark.community.models import Answer, Registration

    answered = Answer.objects.order_by("pk").first()
    if answered:
        return answered.registration.event_id
    return Registration.objects.filter(user__isnull=True).order_by("pk").first().event_id


def _call(demo):
    from technopark.programs.models import Application

    return Application.objects.exclude(status="draft").order_by("pk").first().call_id


def _campaign(demo):
    from technopark.surveys.models import Campaign

    return Campaign.objects.filter(requests__isnull=False).order_by("pk").first().pk


def _journal(demo):
    from technopark.billing.models import Payment

    pay = Payment.objects.select_related("invoice__site").order_by("-paid_on").first()
    day = pay.paid_on
    return f"/billing/{pay.invoice.site.code}/journal/?start={day}&end={day}&format="


# (what, who downloads it, its address without the format; "{fmt}" where the format goes)
LISTS = [
    ("contracts", "network_admin", lambda d: f"/hosting/{_site(d)}/contracts/?export={{fmt}}"),
    ("arrears", "network_admin", lambda d: "/billing/arrears/?format={fmt}"),
    ("journal", "network_admin", lambda d: _journal(d) + "{fmt}"),
    ("bookings", "network_admin", lambda d: "/booking/list/?when=&export={fmt}"),
    ("registrations", "network_admin", lambda d: f"/community/events/{_event(d)}/manage/?export={{fmt}}"),
    ("attendance", "network_admin", lambda d: "/community/events/attendance/?export={fmt}"),
    ("plans", "network_admin", lambda d: "/programs/plans/?export={fmt}"),
    ("ranking", "network_admin", lambda d: f"/programs/calls/{_call(d)}/ranking/?export={{fmt}}"),
    ("support queue", "network_admin", lambda d: "/support/queue/?status=&export={fmt}"),
    ("desk appointments", "founder", lambda d: "/desk/appointments/?export={fmt}"),
    ("e-mail log", "network_admin", lambda d: "/me/notifications/emails/?export={fmt}"),
    ("campaigns", "network_admin", lambda d: "/surveys/campaigns/?export={fmt}"),
    ("campaign answers", "network_admin", lambda d: f"/surveys/campaigns/{_campaign(d)}/?export={{fmt}}"),
]  # fmt: skip


def _download(demo, login: str, url: str):
    client = Client()
    client.force_login(demo.ctx.users[login])
    response = client.get(url)
    assert response.status_code == 200, url
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _assert_xlsx_keeps_text(content: bytes) -> None:
    cells = [c for ws in load_workbook(io.BytesIO(content)) for row in ws.iter_rows() for c in row]
    typed = [c for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA)]
    assert typed, "the export shows none of the typed names"
    # "s": text, as typed; a formula would be "f" (and computed by Excel)
    assert {c.data_type for c in typed} == {"s"}


def _assert_csv_keeps_text(content: bytes) -> None:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")  # French Excel reads UTF-8
    cells = [cell for row in csv.reader(io.StringIO(text[1:]), delimiter=";") for cell in row]
    assert any(cell.startswith("'" + FORMULA) for cell in cells)
    # An identifier of digits only (an ICE) is written ="…" so Excel keeps its zeros: a
    # text, not a formula; nothing else may start a formula.
    assert not any(
        cell.startswith(("=", "+", "@")) and not re.fullmatch(r'="\d+"', cell) for cell in cells
    )


@pytest.mark.parametrize(("what", "login", "url"), LISTS, ids=[case[0] for case in LISTS])
def test_a_typed_formula_stays_text_in_the_excel_and_csv_files(typed, what, login, url):
    _assert_xlsx_keeps_text(_download(typed, login, url(typed).format(fmt="xlsx")))
    _assert_csv_keeps_text(_download(typed, login, url(typed).format(fmt="csv")))


def test_the_bilan_workbook_and_the_satisfaction_comments_keep_text(typed):
    day = typed.today.isoformat()
    for url in (
        f"/bilan/figure/residents/?as_of={day}&format=xlsx",
        "/surveys/satisfaction/comments.xlsx?year=",
    ):
        _assert_xlsx_keeps_text(_download(typed, "network_admin", url))


def test_an_uploads_errors_do_not_run_what_the_file_held(typed):
    from technopark.interchange.models import ImportJob
    from technopark.interchange.report import ImportReport, Issue

    report = ImportReport()
    report.errors.append(Issue("startups", 2, "name", FORMULA))
    job = ImportJob.objects.create(
        created_by=typed.ctx.users["network_admin"],
        original_name="startups.csv",
        status=ImportJob.Status.REJECTED,
        preview=report.to_dict(),
    )
    content = _download(typed, "network_admin", f"/interchange/jobs/{job.pk}/errors.csv")
    _assert_csv_keeps_text(content)


def test_the_journal_keeps_negative_amounts_and_an_ices_leading_zeros():
    """The accountant's journal for French Excel: amounts are numbers (a negative one stays
    negative), the ICE is text with its leading zeros, a typed piece number is text."""
    from technopark.billing.journal import HEADERS, Entry, journal_csv
    from technopark.core.xlsx import xlsx_bytes

    entry = Entry(
        dt.date(2025, 1, 2), "VT", FORMULA, "34210000", "-avoir", Decimal("-120.5"),
        Decimal("0"), "001234567000089",
    )  # fmt: skip
    text = journal_csv([entry])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows == [
        list(HEADERS),
        [
            "02/01/2025",
            "VT",
            "'=1+1",
            "34210000",
            "'-avoir",
            "-120,50",
            "0,00",
            '="001234567000089"',
        ],
    ]
    sheet = load_workbook(io.BytesIO(xlsx_bytes([("journal", HEADERS, [entry.row()])]))).active
    piece, amount, ice = sheet["C2"], sheet["F2"], sheet["H2"]
    assert (piece.data_type, piece.value) == ("s", FORMULA)
    assert (amount.data_type, amount.value) == ("n", -120.5)
    assert (ice.data_type, ice.value) == ("s", "001234567000089")

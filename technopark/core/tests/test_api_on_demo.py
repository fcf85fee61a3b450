"""Every API operation on the small demo network, as staff and as a founder.

The records are realistic (regions, leases, programs, desks, events...), the ids come from
the answers of the API itself, and every answer is validated against the response schema
the OpenAPI document declares for its status (errors against {"code", "message"}).
Each journey fails when it leaves out an operation of the schema.
"""

from __future__ import annotations

import datetime as dt
import json

import jsonschema_rs
import pytest
from django.test import Client

from technopark.desk.services import CASABLANCA

pytestmark = pytest.mark.django_db

ERROR_SCHEMA = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
}


@pytest.fixture(scope="module")
def openapi(demo_network):
    return json.loads(Client().get("/api/v1/openapi.json").content)


class Caller:
    """Calls the API as one user and checks each answer against the OpenAPI document."""

    def __init__(self, demo, who: str, doc: dict):
        self.client = Client()
        self.headers = demo.headers(who)
        self.doc = doc
        self.seen: set[tuple[str, str]] = set()

    def __call__(self, method: str, template: str, expect: int, *, body=None, **params):
        path_params = {k: v for k, v in params.items() if "{" + k + "}" in template}
        query = {k: v for k, v in params.items() if k not in path_params}
        path = template.format(**path_params)
        kwargs = {"content_type": "application/json", "data": json.dumps(body)} if body else {}
        if query:
            kwargs = {"data": query} if method == "get" else kwargs
            if method != "get":
                path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
        response = getattr(self.client, method)(path, **kwargs, **self.headers)
        label = f"{method.upper()} {path}"
        assert response.status_code == expect, (
            f"{label}: {response.status_code} != {expect}: {response.content[:400]!r}"
        )
        operation = self.doc["paths"][template][method]
        self.seen.add((method, template))
        return self._validate(label, operation, response)

    def _validate(self, label: str, operation: dict, response):
        declared = operation["responses"].get(str(response.status_code))
        if declared is None:
            assert response.status_code >= 400, f"{label}: undeclared {response.status_code}"
            schema = ERROR_SCHEMA
        elif "content" not in declared:
            assert not response.content, f"{label}: a body where none is declared"
            return None
        elif "application/json" not in declared["content"]:  # a file (a document's download)
            assert response.has_header("Content-Disposition"), f"{label}: a file without a name"
            return b"".join(response.streaming_content)
        else:
            schema = declared["content"]["application/json"]["schema"]
        data = json.loads(response.content)
        validator = jsonschema_rs.validator_for(
            {**schema, "components": self.doc["components"]}, validate_formats=True
        )
        errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(data)]
        assert not errors, f"{label}: the answer breaks its schema: {errors[:5]}"
        return data


def _free_booking(call, demo, site: str = "CASA") -> dict:
    """A meeting room's free hour on a coming weekday, found through the API."""
    rooms = call("get", "/api/v1/spaces", 200, site=site, kind="meeting_room", limit=500)
    assert rooms["items"], "the demo has meeting rooms at Casablanca"
    for offset in range(2, 20):
        day = demo.today + dt.timedelta(days=offset)
        for room in rooms["items"]:
            template = "/api/v1/spaces/{site}/{code}/availability"
            free = call("get", template, 200, site=site, code=room["code"], date=day.isoformat())
            if not free["bookable"]:
                continue
            start = dt.datetime.fromisoformat(free["opens_at"]) + dt.timedelta(hours=1)
            end = start + dt.timedelta(hours=1)
            busy = [
                (dt.datetime.fromisoformat(b["starts_at"]), dt.datetime.fromisoformat(b["ends_at"]))
                for b in free["busy"]
            ]
            if all(e <= start or s >= end for s, e in busy):
                return {
                    "site": site,
                    "space": room["code"],
                    "starts_at": start.isoformat(),
                    "ends_at": end.isoformat(),
                    "title": "Point d'équipe",
                }
    raise AssertionError("no free meeting-room hour in the coming weeks")


def _open_slot(call, demo, desk: dict) -> dict | None:
    """A slot with a seat left that the caller's startup does not hold already (the demo
    books the founder's next OMPIC appointment, and which slot that is depends on the hour)."""
    held = {
        a["slot"]
        for a in call("get", "/api/v1/appointments", 200, limit=500)["items"]
        if a["status"] == "booked"
    }
    for offset in range(1, 30):
        day = (demo.today + dt.timedelta(days=offset)).isoformat()
        slots = call("get", "/api/v1/desks/{desk_id}/slots", 200, desk_id=desk["id"], date=day)
        for slot in slots["items"]:
            if slot["remaining"] > 0 and slot["id"] not in held:
                return slot
    return None


def _read_everything(call, demo) -> dict:
    """The read operations, every list walked with real filters; returns what was found."""
    sites = call("get", "/api/v1/sites", 200, limit=500)["items"]
    assert any(s["region"] for s in sites)
    for site in sites:
        call("get", "/api/v1/sites/{code}", 200, code=site["code"])
    call("get", "/api/v1/sites", 200, status="open")
    call("get", "/api/v1/spaces", 200, site="CASA", limit=500)

    startups, offset = [], 0
    while True:  # every startup the caller may see, page by page
        page = call("get", "/api/v1/startups", 200, limit=500, offset=offset)
        startups += page["items"]
        offset += 500
        if offset >= page["count"]:
            break
    assert any(s["region"] for s in startups), "the demo's startups have regions"
    for startup in [s for s in startups if s["region"]][:40]:
        detail = call("get", "/api/v1/startups/{ref}", 200, ref=startup["id"])
        assert detail["region"] == startup["region"]
    region = next(s["region"] for s in startups if s["region"])
    call("get", "/api/v1/startups", 200, region=region, site="CASA", q="a")

    programs = call("get", "/api/v1/programs", 200, limit=500)["items"]
    for program in programs:
        call("get", "/api/v1/programs/{code}", 200, code=program["code"])
    call("get", "/api/v1/calls", 200, site="CASA", limit=500)

    desks = call("get", "/api/v1/desks", 200, site="CASA")["items"]
    assert desks
    call("get", "/api/v1/appointments", 200)
    call("get", "/api/v1/appointments", 200, status="booked")
    events = call("get", "/api/v1/events", 200, limit=500)["items"]
    call("get", "/api/v1/events", 200, site="CASA", **{"from": "2022-01-01", "to": "2030-12-31"})
    call("get", "/api/v1/bookings", 200, site="CASA", **{"from": demo.today.isoformat()})

    call("get", "/api/v1/open/figures", 200)
    call("get", "/api/v1/open/figures", 200, site="CASA")
    call("get", "/api/v1/federation/regions", 200)
    call("get", "/api/v1/federation/regions", 200, as_of="2022-11-30")
    partners = call("get", "/api/v1/federation/partners", 200)["items"]
    assert partners
    call("get", "/api/v1/privacy/me", 200)
    call("get", "/api/v1/privacy/requests", 200)
    call("get", "/api/v1/me/calendar", 200)
    invoices = call("get", "/api/v1/invoices", 200, limit=50)["items"]
    assert invoices, "the demo's staff and founder see invoices"
    number = invoices[0]["reference"]
    found = call("get", "/api/v1/invoices", 200, q=number)["items"]
    assert [i["reference"] for i in found] == [number]
    call("get", "/api/v1/invoices", 200, site="CASA", unpaid="true")
    records = _read_records(call)
    return {
        **records,
        "sites": sites,
        "startups": startups,
        "desks": desks,
        "events": events,
        "partners": partners,
    }


def _walk(call, template: str, **params) -> list[dict]:
    """Every row of a paged list, page by page, checking the count."""
    rows, offset = [], 0
    while True:
        page = call("get", template, 200, limit=200, offset=offset, **params)
        rows += page["items"]
        offset += 200
        if offset >= page["count"]:
            assert len(rows) == page["count"], f"{template}: count and rows differ"
            return rows


def _read_records(call) -> dict:
    """Contracts, invoices, credit notes, payments, enrollments, plans, support requests."""
    contracts = _walk(call, "/api/v1/contracts")
    assert contracts, "the demo has hosting contracts"
    call("get", "/api/v1/contracts/{contract_id}", 200, contract_id=contracts[0]["id"])
    call("get", "/api/v1/contracts", 200, site="CASA", status="active")
    invoices = _walk(call, "/api/v1/invoices")
    assert invoices, "the demo has invoices"
    one = call("get", "/api/v1/invoices/{invoice_id}", 200, invoice_id=invoices[0]["id"])
    assert one["reference"] == invoices[0]["reference"]
    unpaid = call("get", "/api/v1/invoices", 200, unpaid="true", limit=500)["items"]
    assert all(float(i["balance_due_mad"]) > 0 for i in unpaid)
    call("get", "/api/v1/invoices/{invoice_id}", 404, invoice_id=10**9)
    call("get", "/api/v1/credit-notes", 200)
    payments = _walk(call, "/api/v1/payments")
    if invoices:
        call("get", "/api/v1/payments", 200, invoice=invoices[0]["id"])
    call("get", "/api/v1/enrollments", 200, limit=500)
    plans = _walk(call, "/api/v1/plans")
    requests = _walk(call, "/api/v1/support-requests")
    if requests:
        call("get", "/api/v1/support-requests/{request_id}", 200, request_id=requests[0]["id"])
    else:
        call("get", "/api/v1/support-requests/{request_id}", 404, request_id=10**9)
    changed = call("get", "/api/v1/invoices", 200, updated_since="2100-01-01T00:00:00Z")
    assert changed["count"] == 0
    applications = _walk(call, "/api/v1/applications")
    if applications:
        one = call(
            "get",
            "/api/v1/applications/{application_id}",
            200,
            application_id=applications[0]["id"],
        )
        assert one["project_name"] == applications[0]["project_name"]
    else:
        call("get", "/api/v1/applications/{application_id}", 404, application_id=10**9)
    call("get", "/api/v1/applications", 200, status="submitted")
    return {
        "invoices": invoices,
        "unpaid": unpaid,
        "plans": plans,
        "payments": payments,
        "applications": applications,
    }


def _write_records(call, found: dict, *, staff: bool) -> None:
    """A payment, a milestone and a support request: written by who may, refused to others."""
    if staff:
        assert found["unpaid"], "the demo has invoices left to pay"
    target = (found["unpaid"] or found["invoices"])[0]
    made = call(
        "post",
        "/api/v1/invoices/{invoice_id}/payments",
        201 if staff else 403,
        invoice_id=target["id"],
        body={"amount_mad": "1.00", "paid_on": target["issued_on"], "reference": "VIR-API"},
    )
    if staff:
        after = call("get", "/api/v1/invoices/{invoice_id}", 200, invoice_id=target["id"])
        assert float(after["paid_mad"]) == float(target["paid_mad"]) + 1
        assert float(after["balance_due_mad"]) == float(target["balance_due_mad"]) - 1
        assert made["invoice"] == target["id"]
    plan_id = found["plans"][0]["id"] if found["plans"] else 10**9
    milestone = {"title": "Premier client signé", "due_on": "2030-06-30"}
    expect = (201 if staff else 403) if found["plans"] else 404
    added = call(
        "post", "/api/v1/plans/{plan_id}/milestones", expect, plan_id=plan_id, body=milestone
    )
    if staff:
        call(  # an unknown status is a 400 that changes nothing
            "post",
            "/api/v1/milestones/{milestone_id}/status",
            400,
            milestone_id=added["id"],
            body={"status": "finished"},
        )
        done = call(
            "post",
            "/api/v1/milestones/{milestone_id}/status",
            200,
            milestone_id=added["id"],
            body={"status": "done", "on": "2030-06-01"},
        )
        assert (done["status"], done["done_on"]) == ("done", "2030-06-01")
        call(  # the startup's own team marks its milestones, never the staff
            "post",
            "/api/v1/milestones/{milestone_id}/progress",
            403,
            milestone_id=added["id"],
            body={"status": "in_progress"},
        )
        reviewed = call(
            "post",
            "/api/v1/milestones/{milestone_id}/review",
            200,
            milestone_id=added["id"],
            body={"decision": "validate", "comment": "Bravo"},
        )
        assert reviewed["status"] == "validated"
    else:
        held = [m for plan in found["plans"] for m in plan["milestones"]]
        call(
            "post",
            "/api/v1/milestones/{milestone_id}/status",
            403 if held else 404,
            milestone_id=held[0]["id"] if held else 10**9,
            body={"status": "done"},
        )
    # A decision while reviews are still due: a 409 naming the reviewers waited for.
    decision = {"decision": "declined", "reasons": "Hors cible"}
    waiting = [
        a
        for a in found["applications"]
        if a["reviews_missing"] and a["status"] in ("submitted", "interview")
    ]
    if staff:
        assert waiting, "the demo has applications whose reviews are still due"
        refused = call(
            "post",
            "/api/v1/applications/{application_id}/decision",
            409,
            application_id=waiting[0]["id"],
            body=decision,
        )
        assert refused["code"] == "reviews_missing"
        assert refused["missing"] == waiting[0]["reviews_missing"]
    else:
        call(
            "post",
            "/api/v1/applications/{application_id}/decision",
            404,
            application_id=10**9,
            body=decision,
        )
        mine = [m for m in held if m["status"] not in ("validated", "dropped")]
        target = mine[0]["id"] if mine else 10**9
        marked = call(
            "post",
            "/api/v1/milestones/{milestone_id}/progress",
            200 if mine else 404,
            milestone_id=target,
            body={"status": "in_progress", "comment": "On avance"},
        )
        if mine:
            assert marked["status"] == "in_progress"
        call(  # the startup never validates its own milestones
            "post",
            "/api/v1/milestones/{milestone_id}/review",
            403 if mine else 404,
            milestone_id=target,
            body={"decision": "validate"},
        )
    asked = {"family": "market", "title": "Salon Gitex", "text": "Un stand au Gitex Africa"}
    call("post", "/api/v1/support-requests", 403 if staff else 201, body=asked)
    if not staff:  # a bad family is a 400 that makes nothing
        call("post", "/api/v1/support-requests", 400, body={**asked, "family": "nothing"})


def _future_event(events: list[dict], user) -> dict:
    """A coming event with seats left that `user` has not registered to yet."""
    from technopark.community.models import Registration

    taken = set(Registration.objects.filter(user=user).values_list("event_id", flat=True))
    coming = [
        e
        for e in events
        if e["status"] == "published" and e["remaining"] > 0 and e["id"] not in taken
    ]
    assert coming, "the demo has coming events with seats left"
    return coming[0]


def test_staff_on_the_demo(demo_network, openapi):
    demo = demo_network
    call = Caller(demo, "staff", openapi)
    found = _read_everything(call, demo)

    call("get", "/api/v1/bilan", 200)
    call("get", "/api/v1/bilan", 200, as_of="2022-11-30", site="CASA")
    partner = found["partners"][0]["slug"]
    bilan = call("get", "/api/v1/bilan", 200, operator=partner)
    assert bilan["operator"] == partner
    call("get", "/api/v1/bilan", 400, as_of="30/11/2022")
    call("get", "/api/v1/federation/pipeline", 200)
    call("get", "/api/v1/federation/scenario", 200, site="CASA", area_m2=2000, year=2030)

    # Book a room for the founder's startup, see it listed, cancel it.
    booking = call(
        "post",
        "/api/v1/bookings",
        201,
        body={**_free_booking(call, demo), "startup": demo.founder_startup.ref},
    )
    listed = call("get", "/api/v1/bookings", 200, site="CASA", space=booking["space"])
    assert booking["id"] in [b["id"] for b in listed["items"]]
    call("delete", "/api/v1/bookings/{booking_id}", 204, booking_id=booking["id"])

    # Publish a desk slot; cancel a founder's appointment.
    desk = next(d for d in found["desks"] if d["code"] == "CASA-OMPIC")
    start = dt.datetime.combine(demo.today + dt.timedelta(days=3), dt.time(15, 30))
    naive = {"starts_at": start.isoformat(), "ends_at": (start + dt.timedelta(hours=1)).isoformat()}
    # A time without its UTC offset was a 500 (naive vs aware comparison): now a 400.
    call("post", "/api/v1/desks/{desk_id}/slots", 400, desk_id=desk["id"], body=naive)
    start = start.replace(tzinfo=CASABLANCA)
    slot = call(
        "post",
        "/api/v1/desks/{desk_id}/slots",
        201,
        desk_id=desk["id"],
        body={
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(minutes=30)).isoformat(),
            "capacity": 2,
        },
    )
    assert slot["remaining"] == 2
    day = (demo.today + dt.timedelta(days=3)).isoformat()
    listed = call("get", "/api/v1/desks/{desk_id}/slots", 200, desk_id=desk["id"], date=day)
    assert slot["id"] in [s["id"] for s in listed["items"]]
    call("get", "/api/v1/desks/{desk_id}/slots", 400, desk_id=desk["id"], date="03/12/2026")
    appointment = call(
        "post",
        "/api/v1/appointments",
        403,
        body={"slot": slot["id"], "service": desk["services"][0]["code"]},
    )
    # Staff move a founder's OMPIC appointment to the new slot, then cancel it.
    booked = call("get", "/api/v1/appointments", 200, status="booked", limit=500)["items"]
    at_ompic = [a for a in booked if a["desk"] == desk["id"] and a["slot"] != slot["id"]]
    assert at_ompic, "the demo's founders hold OMPIC appointments"
    moved = call(
        "post",
        "/api/v1/appointments/{appointment_id}/move",
        200,
        appointment_id=at_ompic[0]["id"],
        body={"slot": slot["id"]},
    )
    assert (moved["slot"], moved["status"]) == (slot["id"], "booked")
    call("delete", "/api/v1/appointments/{appointment_id}", 204, appointment_id=moved["id"])
    del appointment

    # An event at Casablanca, staff register to it and cancel.
    start = dt.datetime.combine(demo.today + dt.timedelta(days=10), dt.time(10))
    bad = {"site": "CASA", "title": "Atelier", "kind": "workshop", "capacity": 30}
    bad |= {"starts_at": start.isoformat(), "ends_at": (start + dt.timedelta(hours=2)).isoformat()}
    call("post", "/api/v1/events", 400, body=bad)  # naive times: a 400, no longer a 500
    start = start.replace(tzinfo=CASABLANCA)
    event = call(
        "post",
        "/api/v1/events",
        201,
        body={
            "site": "CASA",
            "title": "Atelier levée de fonds",
            "kind": "workshop",
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=2)).isoformat(),
            "capacity": 30,
        },
    )
    call("post", "/api/v1/events/{event_id}/registrations", 201, event_id=event["id"])
    call("delete", "/api/v1/events/{event_id}/registrations/mine", 204, event_id=event["id"])

    call(
        "post",
        "/api/v1/startups/{ref}/declarations",
        201,
        ref=demo.founder_startup.ref,
        body={"as_of": demo.today.isoformat(), "direct_jobs": 7, "revenue_mad": "1250000"},
    )
    call("post", "/api/v1/privacy/requests", 201, body={"kind": "access"})
    _write_records(call, found, staff=True)
    _calendar_address(call)
    _webhooks(call, administrator=True)
    _documents(call, demo)
    _more_resources(call, demo, staff=True)
    _assert_every_operation_called(call)


def test_founder_on_the_demo(demo_network, openapi):
    demo = demo_network
    call = Caller(demo, "founder", openapi)
    found = _read_everything(call, demo)
    ref = demo.founder_startup.ref
    mine = call("get", "/api/v1/startups/{ref}", 200, ref=ref)
    assert mine["ice"] is not None, "a member sees the private fields of their startup"

    call("get", "/api/v1/bilan", 404)
    call("get", "/api/v1/federation/pipeline", 404)
    call("get", "/api/v1/federation/scenario", 404, site="CASA", area_m2=2000, year=2030)

    booking = call("post", "/api/v1/bookings", 201, body=_free_booking(call, demo))
    assert booking["startup"] == ref
    call("delete", "/api/v1/bookings/{booking_id}", 204, booking_id=booking["id"])

    desk = next(d for d in found["desks"] if d["code"] == "CASA-OMPIC")
    call(
        "post",
        "/api/v1/desks/{desk_id}/slots",
        403,
        desk_id=desk["id"],
        body={"starts_at": "2030-01-07T10:00:00+01:00", "ends_at": "2030-01-07T10:30:00+01:00"},
    )
    slot = _open_slot(call, demo, desk)
    assert slot is not None, "the demo's OMPIC desk has open slots"
    appointment = call(
        "post",
        "/api/v1/appointments",
        201,
        body={"slot": slot["id"], "service": desk["services"][0]["code"], "note": "Dépôt"},
    )
    assert appointment["startup"] == ref
    # Move it to another open slot of the same desk, then cancel it.
    later = _open_slot(call, demo, desk)
    assert later is not None and later["id"] != slot["id"]
    moved = call(
        "post",
        "/api/v1/appointments/{appointment_id}/move",
        200,
        appointment_id=appointment["id"],
        body={"slot": later["id"]},
    )
    assert (moved["id"], moved["slot"], moved["status"]) == (
        appointment["id"],
        later["id"],
        "booked",
    )
    call("delete", "/api/v1/appointments/{appointment_id}", 204, appointment_id=appointment["id"])

    call(
        "post",
        "/api/v1/events",
        403,
        body={
            "site": "CASA",
            "title": "Soirée",
            "kind": "workshop",
            "starts_at": "2030-01-07T18:00:00+01:00",
            "ends_at": "2030-01-07T20:00:00+01:00",
            "capacity": 10,
        },
    )
    event = _future_event(found["events"], demo.ctx.users["founder"])
    call("post", "/api/v1/events/{event_id}/registrations", 201, event_id=event["id"])
    call("delete", "/api/v1/events/{event_id}/registrations/mine", 204, event_id=event["id"])

    call(
        "post",
        "/api/v1/startups/{ref}/declarations",
        201,
        ref=ref,
        body={"as_of": demo.today.isoformat(), "direct_jobs": 4, "indirect_jobs": 1},
    )
    call("post", "/api/v1/privacy/requests", 201, body={"kind": "access"})
    _write_records(call, found, staff=False)
    _calendar_address(call)
    _webhooks(call, administrator=False)
    _documents(call, demo)
    _more_resources(call, demo, staff=False)
    _assert_every_operation_called(call)


def _calendar_address(call) -> None:
    """A new private calendar address works without login; revoked, it is a 404."""
    address = call("post", "/api/v1/me/calendar", 201)["address"]
    assert call("get", "/api/v1/me/calendar", 200)["address"] == address
    assert Client().get(address).status_code == 200
    call("delete", "/api/v1/me/calendar", 204)
    assert call("get", "/api/v1/me/calendar", 200)["address"] is None
    assert Client().get(address).status_code == 404


def _webhooks(call, *, administrator: bool) -> None:
    """The network's administrator subscribes, lists and removes; a founder may not, and
    does not see the demo's subscription (the administrator's)."""
    body = {"url": "https://hooks.example.org/technopark", "actions": ["invoice.issued"]}
    if not administrator:
        call("post", "/api/v1/webhooks", 403, body=body)
        assert call("get", "/api/v1/webhooks", 200) == {"items": [], "count": 0}
        from technopark.webhooks.models import Subscription

        theirs = Subscription.objects.order_by("pk").first()
        call("delete", "/api/v1/webhooks/{subscription_id}", 404, subscription_id=theirs.pk)
        return
    made = call("post", "/api/v1/webhooks", 201, body=body)
    assert made["secret"].startswith("whsec_")
    listed = call("get", "/api/v1/webhooks", 200)["items"]
    assert made["id"] in [s["id"] for s in listed] and len(listed) == 2  # and the demo's
    call("delete", "/api/v1/webhooks/{subscription_id}", 204, subscription_id=made["id"])


def _documents(call, demo) -> None:
    """The vault: list, read, download, upload (multipart) and the requests."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    ref = demo.founder_startup.ref
    listed = call("get", "/api/v1/documents", 200, startup=ref)
    assert listed["count"] >= 1, "the demo fills the founder's vault"
    first = listed["items"][0]
    assert (
        call("get", "/api/v1/documents/{document_id}", 200, document_id=first["id"])["startup"]
        == ref
    )
    body = call("get", "/api/v1/documents/{document_id}/download", 200, document_id=first["id"])
    assert body.startswith(b"%PDF-")
    requests = call("get", "/api/v1/document-requests", 200, startup=ref)
    assert requests["count"] >= 1
    # An upload (multipart), validated like the others; then an .exe said to be a PDF.
    for name, content, expect in (
        ("pitch.pdf", b"%PDF-1.4\n%%EOF\n", 201),
        ("pitch.pdf", b"MZ\x90\x00" + b"\x00" * 64, 400),
    ):
        response = call.client.post(
            "/api/v1/documents",
            {"startup": ref, "type": "pitch_deck", "file": SimpleUploadedFile(name, content)},
            **call.headers,
        )
        assert response.status_code == expect, response.content[:300]
        call.seen.add(("post", "/api/v1/documents"))
        call._validate(
            "POST /api/v1/documents", call.doc["paths"]["/api/v1/documents"]["post"], response
        )


def _more_resources(call, demo, *, staff: bool) -> None:
    """Files across desks, experts' slots, committees, signatures, document requests."""
    _desk_files(call, demo, staff=staff)
    _expert_slots(call, demo, staff=staff)
    _committees(call, staff=staff)
    _signatures(call, staff=staff)
    _document_requests(call, demo, staff=staff)


def _desk_files(call, demo, *, staff: bool) -> None:
    procedures = _walk(call, "/api/v1/procedures")
    assert procedures and all(p["steps"] for p in procedures), "the demo has procedures"
    refused = call("get", "/api/v1/procedures", 400, updated_since="2026-01-01T00:00:00Z")
    assert refused["code"] == "updated_since_unsupported"
    files = _walk(call, "/api/v1/desk-files")
    assert files, "the demo has files across desks (the founder's company creation)"
    if not staff:
        assert {f["startup"] for f in files} == {demo.founder_startup.ref}
    one = call("get", "/api/v1/desk-files/{file_id}", 200, file_id=files[0]["id"])
    assert [s["id"] for s in one["steps"]] == [s["id"] for s in files[0]["steps"]]
    assert staff or not any(e["internal"] for e in one["events"])
    mine = {
        f["procedure"]
        for f in files
        if f["status"] == "open" and f["startup"] == demo.founder_startup.ref
    }
    fresh = next(p["code"] for p in procedures if p["code"] not in mine)
    opened = call("post", "/api/v1/desk-files", 403 if staff else 201, body={"procedure": fresh})
    running = [f for f in files if f["status"] == "open"]
    target = running[0]["id"] if staff else (opened["id"])
    moved = call(
        "post",
        "/api/v1/desk-files/{file_id}/move",
        200 if staff else 403,
        file_id=target,
        body={"move": "done"},
    )
    if staff:
        was = running[0]["current_step"]
        assert next(s for s in moved["steps"] if s["id"] == was)["status"] == "done"
        assert moved["current_step"] != was
        after = call("get", "/api/v1/desk-files", 200, updated_since=moved["updated_at"])
        assert target in [f["id"] for f in after["items"]]
    else:
        assert opened["startup"] == demo.founder_startup.ref and opened["current_step"]
        again = call("post", "/api/v1/desk-files", 409, body={"procedure": fresh})
        assert again["code"] == "already_open"


def _expert_slots(call, demo, *, staff: bool) -> None:
    if staff:
        call("get", "/api/v1/expert-slots", 403)
        body = {"starts_at": "2030-01-07T10:00:00+01:00", "topic": "Pitch"}
        call("post", "/api/v1/expert-slots/{slot_id}/bookings", 403, slot_id=10**9, body=body)
        call(
            "post",
            "/api/v1/expert-sessions/{session_id}/cancel",
            404,
            session_id=10**9,
            body={"reason": "x"},
        )
        return
    free = _walk(call, "/api/v1/expert-slots")
    assert free, "the demo's experts publish weekly slots"
    later = [
        o
        for o in free
        if dt.datetime.fromisoformat(o["starts_at"])
        > dt.datetime.now(dt.UTC) + dt.timedelta(hours=30)
    ]
    assert later, "free slots more than a day ahead"
    body = {"starts_at": later[0]["starts_at"], "topic": "Préparer la levée de fonds"}
    session = call(
        "post", "/api/v1/expert-slots/{slot_id}/bookings", 201, slot_id=later[0]["slot"], body=body
    )
    assert session["status"] == "proposed" and session["startup"] == demo.founder_startup.ref
    taken = call(
        "post", "/api/v1/expert-slots/{slot_id}/bookings", 409, slot_id=later[0]["slot"], body=body
    )
    assert taken["code"]
    left = _walk(call, "/api/v1/expert-slots", expert=later[0]["expert"])
    assert later[0]["starts_at"] not in [o["starts_at"] for o in left]
    call(
        "post",
        "/api/v1/expert-sessions/{session_id}/cancel",
        400,
        session_id=session["id"],
        body={"reason": ""},
    )
    cancelled = call(
        "post",
        "/api/v1/expert-sessions/{session_id}/cancel",
        200,
        session_id=session["id"],
        body={"reason": "Empêchement"},
    )
    assert cancelled["status"] == "cancelled"


def _committees(call, *, staff: bool) -> None:
    sessions = _walk(call, "/api/v1/committee-sessions")
    if not staff:
        assert sessions == [], "a founder sits on no committee"
        call("get", "/api/v1/committee-sessions/{session_id}", 404, session_id=10**9)
        for op in ("declaration", "vote"):
            call(
                "post",
                f"/api/v1/committee-items/{{item_id}}/{op}",
                404,
                item_id=10**9,
                body={"conflict": False, "choice": "for"},
            )
        return
    assert sessions, "the demo has committee sessions"
    detail = call(
        "get", "/api/v1/committee-sessions/{session_id}", 200, session_id=sessions[0]["id"]
    )
    assert detail["agenda"] and detail["members"]
    decided = [
        i
        for s in sessions
        for i in call("get", "/api/v1/committee-sessions/{session_id}", 200, session_id=s["id"])[
            "agenda"
        ]
        if i["tally"]
    ]
    assert decided, "the administrator reads the demo's votes"
    item = detail["agenda"][0]["id"]
    # The network's administrator runs every call but sits on no demo session.
    call(
        "post",
        "/api/v1/committee-items/{item_id}/declaration",
        403,
        item_id=item,
        body={"conflict": False},
    )
    call(
        "post", "/api/v1/committee-items/{item_id}/vote", 403, item_id=item, body={"choice": "for"}
    )


def _signatures(call, *, staff: bool) -> None:
    rows = _walk(call, "/api/v1/signature-requests")
    assert rows, "the demo has signature requests"
    statuses = {r["status"] for r in rows}
    assert {"signed", "declined", "partly_signed"} <= statuses, statuses
    signed = next(r for r in rows if r["status"] == "signed")
    assert signed["signed_pdf"]
    body = call(
        "get", "/api/v1/signature-requests/{request_id}/signed.pdf", 200, request_id=signed["id"]
    )
    assert body.startswith(b"%PDF-")
    halfway = next(r for r in rows if r["status"] == "partly_signed")
    one = call("get", "/api/v1/signature-requests/{request_id}", 200, request_id=halfway["id"])
    assert one["signed_pdf"] is None
    call("get", "/api/v1/signature-requests/{request_id}/signed.pdf", 404, request_id=halfway["id"])
    pdf = call(
        "get", "/api/v1/signature-requests/{request_id}/document.pdf", 200, request_id=halfway["id"]
    )
    assert pdf.startswith(b"%PDF-")
    # The founder signed the amendment already; the administrator is not asked to sign it.
    expect = 404 if staff else 400
    sign = {"code": "123456", "consent": True, "document_sha256": one["original_sha256"]}
    for op, payload in (("code", None), ("signature", sign), ("decline", {"reason": "Non"})):
        answer = call(
            "post",
            f"/api/v1/signature-requests/{{request_id}}/{op}",
            expect,
            request_id=halfway["id"],
            body=payload,
        )
        assert staff or answer["code"] == "answered"


def _document_requests(call, demo, *, staff: bool) -> None:
    ref = demo.founder_startup.ref
    body = {
        "startup": ref,
        "type": "attestation_fiscale",
        "due_on": "2099-01-31",
        "message": "Merci",
    }
    made = call("post", "/api/v1/document-requests", 201 if staff else 403, body=body)
    if not staff:
        mine = call("get", "/api/v1/document-requests", 200, startup=ref)["items"]
        one = call("get", "/api/v1/document-requests/{request_id}", 200, request_id=mine[0]["id"])
        decide = {"decision": "accept"}
        call(
            "post",
            "/api/v1/document-requests/{request_id}/decision",
            403,
            request_id=one["id"],
            body=decide,
        )
        return
    assert (made["startup"], made["status"], made["due_on"]) == (ref, "open", "2099-01-31")
    assert (
        call("get", "/api/v1/document-requests/{request_id}", 200, request_id=made["id"])["id"]
        == made["id"]
    )
    refused = call(
        "post",
        "/api/v1/document-requests/{request_id}/decision",
        400,
        request_id=made["id"],
        body={"decision": "accept"},
    )
    assert refused["code"] == "not_submitted"
    submitted = call("get", "/api/v1/document-requests", 200, status="submitted")["items"]
    assert submitted, "the demo has documents sent in answer to a request"
    back = call(
        "post",
        "/api/v1/document-requests/{request_id}/decision",
        200,
        request_id=submitted[0]["id"],
        body={"decision": "send_back", "comment": "Signature manquante"},
    )
    assert (back["status"], back["comment"]) == ("sent_back", "Signature manquante")


def _assert_every_operation_called(call) -> None:
    every = {(method, path) for path, ops in call.doc["paths"].items() for method in ops}
    missing = sorted(every - call.seen)
    assert not missing, f"operations never called: {missing}"

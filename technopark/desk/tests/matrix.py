"""Guichet unique: the catalogue is public; a desk's day is run by its agents and the staff
of its site (another site's staff get 404); a startup sees only its own appointments."""

from technopark.core.matrix import Case, everyone, with_roles
from technopark.desk.models import Procedure
from technopark.desk.tests.factories import desk_world
from technopark.desk.tests.file_factories import file_world, make_procedure

MEMBERS = {"owner": 302, "colleague": 302}
RUNS_DESK = {"site_manager": 200, "officer": 200, "admin": 200}
RUNS_DESK_POST = {"site_manager": 302, "officer": 302, "admin": 302}
NOT_A_MEMBER = {
    "site_manager": 403,
    "officer": 403,
    "other_site_staff": 403,
    "admin": 403,
    "expert": 403,
}

CASES = [
    Case("desk:index", lambda c: "/desk/", everyone(200), setup=desk_world),
    Case("desk:detail", lambda c: f"/desk/{c.desk.pk}/", everyone(200), setup=desk_world),
    Case(
        "desk:book",
        lambda c: f"/desk/{c.desk.pk}/book/",
        {**MEMBERS, "other_member": 302, **NOT_A_MEMBER, "anonymous": 302},
        method="post",
        data=lambda c: {"slot": c.slot.pk, "service": "certificat-negatif"},
        setup=desk_world,
    ),
    Case(
        "desk:my_appointments",
        lambda c: "/desk/appointments/",
        {"owner": 200, "colleague": 200, "other_member": 200, "anonymous": 302},
        default=404,
        setup=desk_world,
    ),
    Case(
        "desk:appointment_cancel",
        lambda c: f"/desk/appointments/{c.appointment.pk}/cancel/",
        {**MEMBERS, **RUNS_DESK_POST, "anonymous": 302},
        default=404,
        method="post",
        setup=desk_world,
    ),
    Case(
        "desk:appointment_rate",
        lambda c: f"/desk/appointments/{c.done_appointment.pk}/rate/",
        {**MEMBERS, "site_manager": 403, "officer": 403, "admin": 403, "anonymous": 302},
        default=404,
        method="post",
        data=lambda c: {"score": 5},
        setup=desk_world,
    ),
    Case(
        "desk:appointment_handle",
        lambda c: f"/desk/appointments/{c.today_appointment.pk}/handle/",
        {"owner": 403, "colleague": 403, **RUNS_DESK_POST, "anonymous": 302},
        default=404,
        method="post",
        data=lambda c: {"status": "done", "outcome": "Certificat délivré"},
        setup=desk_world,
    ),
    Case(
        "desk:my_desk",
        lambda c: "/desk/mine/",
        {**RUNS_DESK_POST, "anonymous": 302},
        default=404,
        setup=desk_world,
    ),
    Case(
        "desk:manage",
        lambda c: f"/desk/{c.desk.pk}/manage/",
        {**RUNS_DESK, "anonymous": 302},
        default=404,
        setup=desk_world,
    ),
    Case(
        "desk:slots_bulk",
        lambda c: f"/desk/{c.desk.pk}/slots/",
        {**RUNS_DESK, "anonymous": 302},
        default=404,
        setup=desk_world,
    ),
    Case(
        "desk:cases",
        lambda c: f"/desk/{c.desk.pk}/cases/",
        {**RUNS_DESK, "anonymous": 302},
        default=404,
        setup=desk_world,
    ),
    Case(
        "desk:case_detail",
        lambda c: f"/desk/cases/{c.case.pk}/",
        {"owner": 200, "colleague": 200, **RUNS_DESK, "anonymous": 302},
        default=404,
        setup=desk_world,
    ),
    Case("desk:procedures", lambda c: "/desk/procedures/", everyone(200), setup=file_world),
    # Procedures belong to the network (no site, no partner): network admins write them.
    Case(
        "desk:procedure_create",
        lambda c: "/desk/procedures/new/",
        {"admin": 200, "anonymous": 302},
        default=403,
    ),
    Case(
        "desk:procedure_create",
        lambda c: "/desk/procedures/new/",
        {"admin": 302, "anonymous": 302},
        default=403,
        method="post",
        data=lambda c: {"name_fr": "Dépôt de marque", "code": "marque", "active": "on"},
    ),
    Case(
        "desk:procedure_edit",
        lambda c: f"/desk/procedures/{make_procedure().pk}/edit/",
        {"admin": 200, "anonymous": 302},
        default=403,
    ),
    Case(
        "desk:procedure_edit",
        lambda c: f"/desk/procedures/{make_procedure().pk}/edit/",
        {"admin": 302, "anonymous": 302},
        default=403,
        method="post",
        data=lambda c: {
            "action": "step",
            "name_fr": "Dépôt à l'OMPIC",
            "desk_kind": "ompic",
            "delay_days": 3,
        },
    ),
    Case(
        "desk:procedure_edit",
        lambda c: f"/desk/procedures/{make_procedure('ancienne').pk}/edit/",
        {"admin": 200, "anonymous": 302},
        default=404,
        setup=lambda c: Procedure.objects.filter(pk=make_procedure("ancienne").pk).update(
            active=False
        ),
        id="procedure no longer offered",
    ),
    Case(
        "desk:files",
        lambda c: "/desk/files/",
        {
            "owner": 200,
            "colleague": 200,
            "other_member": 200,
            **RUNS_DESK,
            "other_site_staff": 200,
            "anonymous": 302,
        },
        default=404,
        setup=file_world,
    ),
    Case(
        "desk:file_detail",
        lambda c: f"/desk/files/{c.file.pk}/",
        {"owner": 200, "colleague": 200, **RUNS_DESK, "anonymous": 302},
        default=404,
        setup=file_world,
    ),
    Case(
        "desk:file_piece",
        lambda c: f"/desk/files/{c.file.pk}/pieces/{c.piece.pk}/",
        {"owner": 200, "colleague": 200, **RUNS_DESK, "anonymous": 302},
        default=404,
        setup=file_world,
    ),
    Case(
        "desk:file_piece_add",
        lambda c: f"/desk/files/{c.file.pk}/pieces/",
        {"owner": 400, "colleague": 400, **{k: 403 for k in RUNS_DESK}, "anonymous": 302},
        default=404,
        method="post",
        data=lambda c: {"label": "CIN"},
        setup=file_world,
    ),
    Case(
        "desk:file_note",
        lambda c: f"/desk/files/{c.file.pk}/notes/",
        {"owner": 403, "colleague": 403, **RUNS_DESK_POST, "anonymous": 302},
        default=404,
        method="post",
        data=lambda c: {"text": "Pièce manquante", "internal": "on"},
        setup=file_world,
    ),
    Case(
        "desk:file_step_move",
        lambda c: f"/desk/files/steps/{c.file_step.pk}/",
        {"owner": 403, "colleague": 403, **RUNS_DESK_POST, "anonymous": 302},
        default=404,
        method="post",
        data=lambda c: {"move": "start"},
        setup=file_world,
    ),
    Case(
        "desk:walk_in",
        lambda c: f"/desk/{c.desk.pk}/walk-ins/",
        {**RUNS_DESK_POST, "anonymous": 302},
        default=404,
        method="post",
        data=lambda c: {"who": "Visiteur"},
        setup=desk_world,
    ),
    Case(
        "desk:compare",
        lambda c: "/desk/compare/",
        {
            "site_manager": 200,
            "officer": 200,
            "other_site_staff": 200,
            "admin": 200,
            "anonymous": 302,
        },
        default=403,
        setup=desk_world,
    ),
    Case(
        "api:GET /api/v1/desks", lambda c: "/api/v1/desks?site=SA", everyone(200), setup=desk_world
    ),
    Case(
        "api:GET /api/v1/desks/{desk_id}/slots",
        lambda c: f"/api/v1/desks/{c.desk.pk}/slots?date={c.slot.starts_at.date()}",
        everyone(200),
        setup=desk_world,
    ),
    Case(
        "api:POST /api/v1/desks/{desk_id}/slots",
        lambda c: f"/api/v1/desks/{c.desk.pk}/slots",
        {"site_manager": 201, "officer": 201, "admin": 201, "anonymous": 404},
        default=403,
        method="post",
        json=True,
        data=lambda c: {
            "starts_at": (c.slot.starts_at.replace(hour=15)).isoformat(),
            "ends_at": (c.slot.starts_at.replace(hour=16)).isoformat(),
            "capacity": 2,
        },
        setup=desk_world,
    ),
    Case(
        "api:GET /api/v1/appointments",
        lambda c: "/api/v1/appointments",
        everyone(200),
        setup=desk_world,
    ),
    Case(
        "api:POST /api/v1/appointments",
        lambda c: "/api/v1/appointments",
        {"owner": 201, "colleague": 201, "other_member": 201, **NOT_A_MEMBER, "anonymous": 404},
        method="post",
        json=True,
        data=lambda c: {"slot": c.slot.pk, "service": "certificat-negatif", "note": ""},
        setup=desk_world,
    ),
    Case(
        "api:DELETE /api/v1/appointments/{appointment_id}",
        lambda c: f"/api/v1/appointments/{c.appointment.pk}",
        {"owner": 204, "colleague": 204, "site_manager": 204, "officer": 204, "admin": 204},
        default=404,
        method="delete",
        setup=desk_world,
    ),
    Case(
        "api:POST /api/v1/appointments/{appointment_id}/move",
        lambda c: f"/api/v1/appointments/{c.appointment.pk}/move",
        {"owner": 200, "colleague": 200, "site_manager": 200, "officer": 200, "admin": 200},
        default=404,
        method="post",
        json=True,
        data=lambda c: {"slot": c.slot.pk},
        setup=desk_world,
    ),
]


def _other_procedure(c) -> None:
    """The matrix's file world, and a second procedure own has no file of yet."""
    from technopark.desk.tests.file_factories import make_procedure

    file_world(c)
    make_procedure("marque")


CASES += [
    Case(
        "api:GET /api/v1/procedures",
        lambda c: "/api/v1/procedures",
        everyone(200),
        setup=file_world,
    ),
    Case(
        "api:GET /api/v1/desk-files",
        lambda c: "/api/v1/desk-files?status=open",
        everyone(200),
        setup=file_world,
    ),
    Case(
        "api:GET /api/v1/desk-files/{file_id}",
        lambda c: f"/api/v1/desk-files/{c.file.pk}",
        {"owner": 200, "colleague": 200, **RUNS_DESK},
        default=404,
        setup=file_world,
    ),
    Case(
        "api:POST /api/v1/desk-files",
        lambda c: "/api/v1/desk-files",
        {
            "owner": 201,
            "colleague": 201,
            "other_member": 201,
            **NOT_A_MEMBER,
            "anonymous": 401,
        },
        method="post",
        json=True,
        data=lambda c: {"procedure": "marque"},
        setup=_other_procedure,
    ),
    Case(
        "api:POST /api/v1/desk-files/{file_id}/move",
        lambda c: f"/api/v1/desk-files/{c.file.pk}/move",
        {"owner": 403, "colleague": 403, **RUNS_DESK},
        default=404,
        method="post",
        json=True,
        data=lambda c: {"move": "start"},
        setup=file_world,
    ),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET desk:index": (200, 200, 200),
    "GET desk:detail": (200, 200, 200),
    "POST desk:book": (403, 403, 403),
    "GET desk:my_appointments": (404, 404, 404),
    "POST desk:appointment_cancel": (302, 404, 404),
    "POST desk:appointment_rate": (403, 404, 404),
    "POST desk:appointment_handle": (302, 404, 404),
    "GET desk:my_desk": (302, 404, 404),
    "GET desk:manage": (200, 404, 404),
    "GET desk:slots_bulk": (200, 404, 404),
    "GET desk:cases": (200, 404, 404),
    "GET desk:case_detail": (200, 404, 404),
    "GET desk:compare": (403, 200, 200),
    "GET desk:procedures": (200, 200, 200),
    "GET desk:procedure_create": (403, 403, 403),
    "POST desk:procedure_create": (403, 403, 403),
    "GET desk:procedure_edit": (403, 403, 403),
    "POST desk:procedure_edit": (403, 403, 403),
    "GET desk:procedure_edit [procedure no longer offered]": (404, 404, 404),
    "GET desk:files": (200, 404, 404),
    "GET desk:file_detail": (200, 404, 404),
    "GET desk:file_piece": (200, 404, 404),
    "POST desk:file_piece_add": (403, 404, 404),
    "POST desk:file_note": (302, 404, 404),
    "POST desk:file_step_move": (302, 404, 404),
    "POST desk:walk_in": (302, 404, 404),
    "GET api:GET /api/v1/desks": (200, 200, 200),
    "GET api:GET /api/v1/desks/{desk_id}/slots": (200, 200, 200),
    "POST api:POST /api/v1/desks/{desk_id}/slots": (201, 403, 403),
    "GET api:GET /api/v1/appointments": (200, 200, 200),
    "POST api:POST /api/v1/appointments": (403, 403, 403),
    "DELETE api:DELETE /api/v1/appointments/{appointment_id}": (204, 404, 404),
    "POST api:POST /api/v1/appointments/{appointment_id}/move": (200, 404, 404),
    "GET api:GET /api/v1/procedures": (200, 200, 200),
    "GET api:GET /api/v1/desk-files": (200, 200, 200),
    "GET api:GET /api/v1/desk-files/{file_id}": (200, 404, 404),
    "POST api:POST /api/v1/desk-files": (403, 403, 403),
    "POST api:POST /api/v1/desk-files/{file_id}/move": (200, 404, 404),
}
CASES = with_roles(CASES, OTHER_ROLES)

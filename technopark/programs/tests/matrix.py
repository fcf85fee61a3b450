from technopark.core.matrix import Case, everyone
from technopark.programs.models import Program

CASES = [
    Case("programs:list", lambda c: "/programs/", everyone(200)),
    Case("programs:detail", lambda c: f"/programs/{Program.objects.first().code}/", everyone(200)),
    Case("api:GET /api/v1/programs", lambda c: "/api/v1/programs", everyone(200)),
    Case(
        "api:GET /api/v1/programs/{code}",
        lambda c: f"/api/v1/programs/{Program.objects.first().code}",
        everyone(200),
    ),
]

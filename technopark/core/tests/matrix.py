from technopark.core.matrix import Case, everyone

CASES = [
    Case("core:home", lambda c: "/", everyone(200)),
    Case("core:privacy", lambda c: "/privacy/", everyone(301)),
    Case("core:healthz", lambda c: "/healthz", everyone(200)),
]

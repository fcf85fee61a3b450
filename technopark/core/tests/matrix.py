from technopark.core.matrix import Case, everyone

CASES = [
    Case("core:home", lambda c: "/", everyone(200)),
    Case("core:privacy", lambda c: "/privacy/", everyone(301)),
    Case("core:healthz", lambda c: "/healthz", everyone(200)),
    Case("core:readyz", lambda c: "/readyz", everyone(200)),
    # The test client's address is 127.0.0.1 (loopback): allowed without a token.
    Case("core:metrics", lambda c: "/metrics", everyone(200)),
]

"""Every page of the demo, as every role: strict CSP headers and no inline script or style.

The policy (settings.CONTENT_SECURITY_POLICY) forbids inline scripts, inline event
handlers and style attributes; a page that uses them breaks in the browser. This test
walks the demo as each demo login (and anonymously), following links from the home page
and every URL without parameters, and reports offenders with the template they come from.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

MAX_PAGES_PER_ROLE = 90
SKIP_PREFIXES = ("/admin/", "/api/", "/static/", "/i18n/", "/accounts/logout", "/files/")
HANDLER = re.compile(r"^on[a-z]+$")


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.links: list[str] = []
        self._in_inline_script = False
        self._script_text = ""

    def handle_starttag(self, tag, attrs):
        names = {name.lower(): value for name, value in attrs}
        if tag == "script" and "src" not in names:
            kind = (names.get("type") or "").lower()
            if kind not in ("application/json", "application/ld+json"):
                self.problems.append("<script> without src")
        if "style" in names and tag != "svg":
            self.problems.append(f'style="…" on <{tag}>')
        for name in names:
            if HANDLER.match(name):
                self.problems.append(f"{name}= handler on <{tag}>")
        if tag == "a" and names.get("href", "").startswith("/"):
            self.links.append(names["href"])

    handle_startendtag = handle_starttag


def _static_paths() -> list[str]:
    """Paths of URL patterns that take no parameter."""
    found = []

    def walk(resolver: URLResolver, prefix: str) -> None:
        for pattern in resolver.url_patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if pattern.namespace in {"admin"} or route.startswith("api/"):
                    continue
                walk(pattern, prefix + route)
            elif isinstance(pattern, URLPattern) and "<" not in route and "(" not in route:
                found.append("/" + prefix + route.lstrip("^").rstrip("$"))

    walk(get_resolver(), "")
    return found


def _shape(path: str) -> str:
    """One page per shape: /startups/S-00012/ and /startups/S-00013/ are the same page."""
    path = path.split("?")[0].split("#")[0]
    return re.sub(r"\d+", "N", path)


def _templates_with(response, problem: str) -> list[str]:
    needle = {
        "<script": re.compile(r"<script(?![^>]*\bsrc=)", re.I),
        "style=": re.compile(r"\sstyle=", re.I),
    }
    pattern = next((p for k, p in needle.items() if k in problem), None)
    if pattern is None:
        pattern = re.compile(r"\s" + re.escape(problem.split("=")[0]) + "=", re.I)
    names = []
    for template in response.templates:
        origin = getattr(template, "origin", None)
        if origin is None or not getattr(origin, "name", None):
            continue
        try:
            source = Path(origin.name).read_text(encoding="utf-8")
        except OSError:
            continue
        if pattern.search(source):
            names.append(origin.template_name or origin.name)
    return sorted(set(names)) or [getattr(response.templates[0], "name", "?")]


def _crawl(client: Client, role: str, offenders: dict, visited_total: list[int]) -> None:
    queue = deque(["/", *_static_paths()])
    seen: set[str] = set()
    pages = 0
    while queue and pages < MAX_PAGES_PER_ROLE:
        path = queue.popleft()
        shape = _shape(path)
        if shape in seen or path.startswith(SKIP_PREFIXES):
            continue
        seen.add(shape)
        try:
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr")
        except Exception as exc:  # noqa: BLE001 - a page that crashes is reported, not fatal
            offenders[f"server error on {shape}"].add(f"{type(exc).__name__}: {exc} ({role})")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if getattr(response, "streaming", False):
            continue
        pages += 1
        inspector = _Inspector()
        inspector.feed(response.content.decode("utf-8", errors="replace"))
        for problem in sorted(set(inspector.problems)):
            for template in _templates_with(response, problem):
                offenders[template].add(f"{problem} (e.g. {path} as {role})")
        queue.extend(inspector.links)
    visited_total.append(pages)


@pytest.mark.django_db
def test_no_inline_script_style_or_handler_on_any_page():
    from technopark.house.demo import seed_demo

    ctx = seed_demo(size="small", log=lambda *_: None)
    offenders: dict[str, set[str]] = defaultdict(set)
    visited: list[int] = []
    _crawl(Client(), "anonymous", offenders, visited)
    for key, user in ctx.users.items():
        client = Client()
        client.force_login(user)
        _crawl(client, key, offenders, visited)
    report = "\n".join(
        f"  {template}: " + "; ".join(sorted(problems)[:3])
        for template, problems in sorted(offenders.items())
    )
    print(f"crawled {sum(visited)} pages as {len(visited)} roles: {visited}")
    assert sum(visited) > 20, visited
    assert not offenders, f"pages that break the CSP or crash:\n{report}"


@pytest.mark.django_db
def test_security_headers_on_every_answer(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    api = client.get("/api/v1/startups")
    assert api["X-Content-Type-Options"] == "nosniff"


def test_the_inspector_sees_what_the_policy_forbids():
    inspector = _Inspector()
    inspector.feed(
        '<script>alert(1)</script><script src="/static/x.js"></script>'
        '<div style="color:red"></div><button onclick="go()">x</button>'
        '<script type="application/json">{"a": 1}</script><a href="/sites/">s</a>'
    )
    assert sorted(inspector.problems) == [
        "<script> without src",
        "onclick= handler on <button>",
        'style="…" on <div>',
    ]
    assert inspector.links == ["/sites/"]

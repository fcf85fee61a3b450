"""The fixed cast every permission test uses.

Two sites (A and B). Startup `own` is enrolled and hosted at site A, with a founder
(`owner`) and a teammate (`colleague`). Startup `other` has its own member. Site A has a
manager and a program officer; `other_site_staff` manages site B only.
"""

from __future__ import annotations

import datetime as dt
import socket
from dataclasses import dataclass
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.test import Client

from technopark.house.testing import (
    EnrollmentFactory,
    LeaseFactory,
    SiteFactory,
    SpaceFactory,
    StartupFactory,
    UserFactory,
    make_member,
    make_role,
)

# A fresh clone has no var/ yet; the SQLite test databases live there.
settings.VAR_DIR.mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def english_by_default(settings):
    """Tests read pages in the code's source language (English) unless they ask otherwise.

    The product's default is French; tests of the languages themselves set it back.
    """
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def french(settings, english_by_default):
    """The product's own default: French (for tests of what a user sees by default)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "fr"
    translation.activate("fr")


@dataclass
class Cast:
    site: object
    other_site: object
    own: object
    other: object
    owner: object
    colleague: object
    other_member: object
    site_manager: object
    officer: object
    other_site_staff: object
    admin: object
    expert: object

    def __getattr__(self, name: str):
        """The desk agent and partner staff are made on first use (most tests never need them).

        `desk_agent` is the agent of site A's OMPIC desk (the desk of the matrix's desk
        world); `partner_admin` and `partner_officer` work for the partner structure
        `alpha`, which runs a program at site A (federation/tests/fixtures.py).
        """
        if name == "desk_agent":
            from technopark.desk.tests.factories import make_desk

            desk = make_desk(self.site)
            self.desk_agent = make_role(
                UserFactory(email="agent@example.ma"), "desk_agent", desk=desk
            )
            return self.desk_agent
        if name in ("partner_admin", "partner_officer"):
            from technopark.federation.tests.fixtures import ensure_partners

            ensure_partners(self)
            return self.__dict__[name]
        raise AttributeError(name)

    def client(self, who: str | None) -> Client:
        client = Client()
        if who is not None and who != "anonymous":
            client.force_login(getattr(self, who))
        return client


@pytest.fixture
def cast(db) -> Cast:
    site = SiteFactory(code="SA", name="Site A")
    other_site = SiteFactory(code="SB", name="Site B")
    own = StartupFactory(ref="OWN-1", name="Own Startup", public=False)
    other = StartupFactory(ref="OTHER-1", name="Other Startup", public=False)
    EnrollmentFactory(startup=own, site=site, started_on=dt.date(2021, 1, 1))
    EnrollmentFactory(startup=other, site=other_site, started_on=dt.date(2021, 1, 1))
    LeaseFactory(
        startup=own, space=SpaceFactory(site=site, code="A-101"), starts_on=dt.date(2021, 2, 1)
    )
    return Cast(
        site=site,
        other_site=other_site,
        own=own,
        other=other,
        owner=make_member(own, founder=True, email="owner@example.ma"),
        colleague=make_member(own, email="colleague@example.ma"),
        other_member=make_member(other, founder=True, email="other@example.ma"),
        site_manager=make_role(UserFactory(email="manager@example.ma"), "site_manager", site=site),
        officer=make_role(UserFactory(email="officer@example.ma"), "program_officer", site=site),
        other_site_staff=make_role(
            UserFactory(email="manager-b@example.ma"), "site_manager", site=other_site
        ),
        admin=make_role(UserFactory(email="admin@example.ma"), "network_admin"),
        expert=make_role(UserFactory(email="expert@example.ma"), "expert"),
    )


ROLES = [
    "owner",
    "colleague",
    "other_member",
    "site_manager",
    "officer",
    "other_site_staff",
    "admin",
    "expert",
    "desk_agent",
    "partner_admin",
    "partner_officer",
    "anonymous",
]


@dataclass
class Demo:
    """The small demo network (`technopark seed-demo --size small`), with API tokens."""

    ctx: object
    today: dt.date
    founder_startup: object
    tokens: dict[str, str]

    def headers(self, who: str) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[who]}"} if who in self.tokens else {}


class _DemoSnapshot:
    """The small demo seeded once per test process, kept as a copy of the database.

    Seeding takes half a minute and some twenty modules use the demo: each module now
    restores this copy instead of seeding again (SQLite: the backup API copies the file
    into the test connection and back; PostgreSQL: `CREATE DATABASE … TEMPLATE`). The
    copy is what the old per-module seed left in its transaction: seeded with the hooks
    of `transaction.on_commit` discarded, as the rolled-back transaction discarded them.
    The uploads the seed wrote are copied back into MEDIA_ROOT at each restore.
    """

    def __init__(self, workdir):
        from django.db import connection

        self.connection = connection
        self.workdir = workdir
        self.postgres = connection.vendor == "postgresql"
        self.name = connection.settings_dict["NAME"]  # the test database
        self.today = None
        self.payload = None  # the pickled (ctx, tokens): each module unpickles its own

    # --- the database -------------------------------------------------------------
    def _use(self, name: str) -> None:
        from django.conf import settings

        self.connection.close()
        self.connection.settings_dict["NAME"] = name
        settings.DATABASES[self.connection.alias]["NAME"] = name

    def _server(self, sql: str) -> None:
        with self.connection._nodb_cursor() as cursor:
            cursor.execute(sql)

    def _copy_sqlite(self, source, target) -> None:
        import sqlite3

        source = sqlite3.connect(source) if isinstance(source, str) else source
        target = sqlite3.connect(target) if isinstance(target, str) else target
        source.backup(target)

    def _raw(self):
        self.connection.ensure_connection()
        return self.connection.connection

    def _drop(self, name: str) -> None:
        self._server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    # --- seeding and restoring ----------------------------------------------------
    def seed(self, today) -> None:
        import pickle
        import shutil

        from django.db import transaction

        from technopark.accounts.services import token_create
        from technopark.house.demo import seed_demo

        master = str(self.workdir / "demo.sqlite3") if not self.postgres else f"{self.name}_demo"
        if self.postgres:
            self._drop(master)
            self.connection.close()  # a template may have no one connected
            self._server(f'CREATE DATABASE "{master}" TEMPLATE "{self.name}"')
            self._use(master)
        else:
            self._copy_sqlite(self._raw(), str(self.workdir / "clean.sqlite3"))
        with transaction.atomic():
            ctx = seed_demo(size="small", today=today, log=lambda *_: None)
            who = {
                "staff": "network_admin",
                "founder": "founder",
                "agent": "desk_agent",
                "partner": "partner_admin",
            }
            tokens = {
                key: token_create(user=ctx.users[login], name=f"tests {key}")[1]
                for key, login in who.items()
                if login in ctx.users
            }
            # The old fixture rolled its transaction back: what the seed left for "after
            # the commit" never ran. Nor does it here.
            self.connection.run_on_commit = []
        self.payload = pickle.dumps((ctx, tokens))
        self.today = today
        media = self.workdir / "media"
        shutil.rmtree(media, ignore_errors=True)
        if Path(settings.MEDIA_ROOT).is_dir():
            shutil.copytree(settings.MEDIA_ROOT, media)
        if self.postgres:
            self._use(self.name)
        else:
            self._copy_sqlite(self._raw(), master)
            self._copy_sqlite(str(self.workdir / "clean.sqlite3"), self._raw())

    def restore_demo(self, today):
        """The test database as the seed left it; a fresh (ctx, tokens) of its own."""
        import pickle
        import shutil

        if self.today != today:  # first use, or the suite ran past midnight
            self.seed(today)
        if self.postgres:
            copy = f"{self.name}_module"
            self._drop(copy)
            self._server(f'CREATE DATABASE "{copy}" TEMPLATE "{self.name}_demo"')
            self._use(copy)
        else:
            self._copy_sqlite(str(self.workdir / "demo.sqlite3"), self._raw())
        if (self.workdir / "media").is_dir():
            shutil.copytree(self.workdir / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
        _clear_caches()
        return pickle.loads(self.payload)  # noqa: S301 - our own bytes

    def restore_clean(self) -> None:
        """The test database as it was before the module (no demo)."""
        if self.postgres:
            self._use(self.name)
            self._drop(f"{self.name}_module")
        else:
            self._copy_sqlite(str(self.workdir / "clean.sqlite3"), self._raw())
        _clear_caches()

    def close(self) -> None:
        if self.postgres and self.today is not None:
            self._use(self.name)
            self._drop(f"{self.name}_demo")


def _clear_caches() -> None:
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    snapshot = _DemoSnapshot(tmp_path_factory.mktemp("demo-snapshot"))
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.close()


@pytest.fixture(scope="module")
def demo_network(_demo_snapshot, django_db_blocker):
    """The small demo for one test module, inside a transaction rolled back at its end.

    Tests that use it also ask for `db`: each runs in a savepoint of this transaction, so
    what one test writes is gone for the next. Tokens: `staff` (the network administrator),
    `founder` (a member of a resident startup of Casablanca), `agent`, `partner`.
    The demo is seeded once per test process and restored for each module
    (`_DemoSnapshot`): each module starts from the very database a fresh seed gives.
    """
    from auditlog import context as audit_context
    from django.db import transaction
    from django.utils import timezone

    from technopark.core.audit import no_context
    from technopark.house.demo_logins import demo_startup

    # Seeded with no actor left in the audit context by an earlier module's test (a module
    # fixture runs before each test's own fresh context).
    audit_context.auditlog_value.set(no_context())

    today = timezone.localdate()
    with django_db_blocker.unblock():
        ctx, tokens = _demo_snapshot.restore_demo(today)
        with transaction.atomic():
            yield Demo(ctx=ctx, today=today, founder_startup=demo_startup(ctx), tokens=tokens)
            transaction.set_rollback(True)
        _demo_snapshot.restore_clean()


# --- A real SMTP server for the tests of e-mails (aiosmtpd on a free local port) ---------


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings):
    """The messages a real SMTP server received: Django sends through it (smtp backend)."""

    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


@pytest.fixture(autouse=True)
def _audit_context_of_its_own():
    """Each test starts with no actor in the audit context: auditlog's own `set_actor`
    (which some tests use as a request would) sets its variable and never resets it, and
    the actor would name the next test's actions (core/actions.py reads it)."""
    from auditlog import context

    from technopark.core.audit import no_context

    token = context.auditlog_value.set(no_context())
    yield
    context.auditlog_value.reset(token)

"""Factories and the fixed cast of test users, shared by every app's tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from technopark.accounts.models import Role, User
from technopark.hosting.models import Lease
from technopark.network.models import Operator, Region, Site, Space
from technopark.programs.models import Enrollment, Program
from technopark.startups.models import Membership, Startup


class OperatorFactory(DjangoModelFactory):
    class Meta:
        model = Operator
        django_get_or_create = ["slug"]

    name = "MITC"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    kind = Operator.Kind.NETWORK
    is_network_operator = True


class SiteFactory(DjangoModelFactory):
    class Meta:
        model = Site
        django_get_or_create = ["code"]
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"SITE{n}")
    name = factory.LazyAttribute(lambda o: f"Technopark {o.code}")
    city = "Casablanca"
    region = factory.LazyFunction(lambda: Region.objects.get(code="MA-06"))
    operator = factory.SubFactory(OperatorFactory)
    opened_on = dt.date(2001, 10, 1)

    @factory.post_generation
    def bank_details(obj, create, extracted, **kwargs):
        """A site with an operator issues invoices, so it has bank details to print
        (issuing refuses without them); `bank_details=False` makes one without."""
        from technopark.billing.models import SiteBilling

        if create and extracted is not False and obj.operator_id:
            SiteBilling.objects.get_or_create(
                site=obj,
                defaults={"bank_name": "Banque Populaire", "rib": "190780212110001234567891"},
            )


class SpaceFactory(DjangoModelFactory):
    class Meta:
        model = Space

    site = factory.SubFactory(SiteFactory)
    code = factory.Sequence(lambda n: f"B{n:03d}")
    kind = Space.Kind.OFFICE
    area_m2 = Decimal("20.00")
    seats = 4
    leasable = True


class StartupFactory(DjangoModelFactory):
    class Meta:
        model = Startup

    ref = factory.Sequence(lambda n: f"S-{n:05d}")
    name = factory.Sequence(lambda n: f"Startup {n}")
    sector = "Fintech"
    city = "Casablanca"
    public = True


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ["code"]

    code = "INC"
    name = "Incubation"
    kind = Program.Kind.INCUBATION
    operator = factory.SubFactory(OperatorFactory)
    direct = True


class EnrollmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrollment

    startup = factory.SubFactory(StartupFactory)
    program = factory.SubFactory(ProgramFactory)
    site = factory.SubFactory(SiteFactory)
    started_on = dt.date(2020, 1, 1)


class LeaseFactory(DjangoModelFactory):
    class Meta:
        model = Lease

    space = factory.SubFactory(SpaceFactory)
    site = factory.LazyAttribute(lambda o: o.space.site)
    startup = factory.SubFactory(StartupFactory)
    starts_on = dt.date(2020, 1, 1)
    status = Lease.Status.ACTIVE


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.ma")
    full_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.django.Password("password-for-tests")


def make_role(user: User, kind: str, **scope) -> User:
    Role.objects.create(user=user, kind=kind, **scope)
    return user


def make_member(startup: Startup, *, founder: bool = False, email: str | None = None) -> User:
    user = UserFactory(**({"email": email} if email else {}))
    Membership.objects.create(startup=startup, user=user, is_founder=founder)
    return user

"""What must never be false about the pipeline is held by the database itself."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from technopark.core.errors import DomainError
from technopark.federation.models import ChecklistItem, Milestone, PlannedSpace
from technopark.federation.services import checklist_item_set, site_open
from technopark.network.models import Site, Space


def test_a_milestone_is_done_exactly_when_it_has_an_actual_date(fed):
    works = fed.project.milestones.get(kind="works")
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.filter(pk=works.pk).update(status="done")
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.filter(pk=works.pk).update(actual_on=dt.date(2025, 1, 1))


def test_one_milestone_of_each_kind(fed):
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.create(project=fed.project, kind="works", planned_on=dt.date(2026, 1, 1))


def test_planned_spaces_have_an_area_and_a_unique_code(fed):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlannedSpace.objects.create(project=fed.project, code="Z", kind="office", area_m2=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlannedSpace.objects.create(
            project=fed.project, code="N-101", kind="office", area_m2=Decimal(10)
        )


def test_checklist_labels_are_unique_per_project(fed):
    with pytest.raises(IntegrityError), transaction.atomic():
        ChecklistItem.objects.create(project=fed.project, label="Permis d'habiter")


@pytest.mark.django_db(transaction=True)
def test_two_openings_at_once_open_the_site_once(cast):
    from technopark.federation.tests.fixtures import ensure_partners

    ensure_partners(cast)
    for item in cast.project.checklist.all():
        checklist_item_set(item=item, done=True, by=cast.admin)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def open_it() -> None:
        try:
            barrier.wait()
            site_open(site=cast.new_site, opened_on=dt.date(2026, 1, 5), by=cast.admin)
            outcomes.append("opened")
        except DomainError as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # the database refused the second writer
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("opened") == 1, outcomes
    assert Site.objects.get(code="NEW").opened_on == dt.date(2026, 1, 5)
    assert Space.objects.filter(site__code="NEW").count() == 1

"""The demo portfolio has register records to export: complete ones that validate, drafts
that are left out with a reason, the same for the same seed."""

import datetime

from django.contrib.auth import get_user_model

from koers.demo.generator import generate
from koers.organisations.models import Membership, Organisation
from koers.projects.models import Project
from koers.register.export import build_export, register_document
from koers.register.models import AlgorithmRecord
from koers.register.selectors import records_of_organisation

TODAY = datetime.date(2026, 11, 1)


def _documents():
    return [
        register_document(r)
        for r in AlgorithmRecord.objects.select_related("project__owner").order_by("project_id")
    ]


def test_the_demo_has_complete_and_incomplete_records(framework):
    generate(seed=1, organisations=3, projects_per_org=12, today=TODAY)
    complete, left_out = 0, 0
    for organisation in Organisation.objects.all():
        result = build_export(records_of_organisation(organisation=organisation))
        complete += len(result.documents)
        left_out += len(result.left_out)
    assert complete >= 3 and left_out >= 1, (complete, left_out)


def test_same_seed_same_records(framework, django_db_reset_sequences):
    generate(seed=7, organisations=2, projects_per_org=8, today=TODAY)
    first = _documents()
    assert first
    for model in (Project, Membership, Organisation):
        model.objects.all().delete()
    get_user_model().objects.all().delete()
    generate(seed=7, organisations=2, projects_per_org=8, today=TODAY)
    assert _documents() == first

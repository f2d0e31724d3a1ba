"""Factories shared by the tests: people, organisations, a small framework, projects."""

import copy
import json
from typing import Any

import factory
from django.contrib.auth import get_user_model

from koers.framework.models import FrameworkVersion
from koers.framework.services import framework_load
from koers.organisations.models import Membership, Organisation, OrganisationKind, Role
from koers.projects import services as project_services
from koers.projects.models import Domain, Project, Visibility

STAGES = ["idea", "experiment", "development", "implemented", "scaled_internal", "scaled_external"]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Person{n}")
    last_name = "Test"
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Gemeente Test{n}")
    slug = factory.Sequence(lambda n: f"test{n}")
    kind = OrganisationKind.MUNICIPALITY


def member(organisation: Organisation, role: Role = Role.MEMBER, **kwargs: Any) -> Any:
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def framework_data(version: int = 1, indicators: int = 2, options: int = 2) -> dict[str, Any]:
    """A small valid framework file: nine factors, `indicators` and `options` per factor."""

    def pair(text: str) -> dict[str, str]:
        return {"nl": f"{text} (nl)", "en": f"{text} (en)"}

    return {
        "version": version,
        "title": pair("Test framework"),
        "source": pair("Test source"),
        "factors": [
            {
                "number": n,
                "key": f"f{n}",
                "name": pair(f"Factor {n}"),
                "explanation": pair("Why"),
                "strong": pair("Strong"),
                "weak": pair(f"Weak {n}"),
                "indicators": [
                    {"key": f"f{n}.i{i}", "text": pair(f"Statement {n}.{i}"), "quick": i == 1}
                    for i in range(1, indicators + 1)
                ],
                "options": [
                    {
                        "key": f"f{n}.o{o}",
                        "title": pair(f"Option {n}.{o}"),
                        "description": pair("Do this"),
                        "who": pair("Someone"),
                        "effort": "small",
                        "stages": STAGES[:2] if o == 1 else STAGES[2:],
                    }
                    for o in range(1, options + 1)
                ],
            }
            for n in range(1, 10)
        ],
    }


def load_framework(data: dict[str, Any] | None = None) -> FrameworkVersion:
    return framework_load(raw=json.dumps(data or framework_data()).encode())


def variant(data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(data)


def make_project(
    owner: Organisation,
    by: Any,
    *,
    visibility: str = Visibility.ORGANISATION,
    title: str = "Slim vegen",
    **kwargs: Any,
) -> Project:
    return project_services.project_create(
        owner=owner,
        by=by,
        title=title,
        problem="Waar moet geveegd worden?",
        domain=Domain.PHYSICAL,
        visibility=visibility,
        **kwargs,
    )


def submitted_scan(project: Project, by: Any, value: int = 4) -> Any:
    """A scan of `project` answered by `by` alone, every statement `value`, submitted."""
    from koers.assessments.models import Response
    from koers.assessments.services import response_save, scan_indicators, scan_start

    scan = scan_start(project=project, by=by, respondents=[by])
    response_save(
        response=Response.objects.get(scan=scan),
        by=by,
        answers={i.pk: value for i in scan_indicators(scan)},
        notes={},
        expected_version=1,
        submit=True,
    )
    return scan

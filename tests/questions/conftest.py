"""Questions of the world's organisations, asked through the service."""

from typing import Any

import pytest

from koers.projects.models import Domain, Visibility
from koers.questions import services
from koers.questions.models import Frequency, Question


def ask(
    organisation: Any, by: Any, title: str = "Waar staan de meeste klachten?", **kw
) -> Question:
    fields = {
        "domain": Domain.PHYSICAL,
        "frequency": Frequency.WEEKLY,
        "department": "Openbare ruimte",
        "expected_change": "We plannen de ploegen anders.",
        **kw,
    }
    return services.question_submit(organisation=organisation, by=by, title=title, **fields)


@pytest.fixture
def question(world):
    """A question of organisation A, asked by its viewer."""
    return ask(world.a, world.viewer)


@pytest.fixture
def shared_b(world):
    """A question of organisation B, shared with the network."""
    return ask(
        world.b, world.b_member, "Hoe vaak vallen de containers uit?", visibility=Visibility.NETWORK
    )

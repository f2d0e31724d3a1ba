"""Two runs claiming mails at the same moment on PostgreSQL: the second passes over the rows
the first has locked (skip_locked) instead of waiting for them, and takes only the others."""

from koers.assessments.services import scan_start
from koers.notifications import sending
from koers.notifications.models import Mail
from koers.notifications.sending import RunReport, mails_plan
from tests.concurrency import overlap, postgresql
from tests.factories import load_framework

from .conftest import MONDAY
from .test_smtp import _people


@postgresql
def test_a_second_run_skips_the_mails_the_first_is_claiming(clock, transactional_db, monkeypatch):
    load_framework()
    leader, project, others = _people(3)
    scan_start(project=project, by=leader, respondents=others)
    mails_plan(now=MONDAY, report=RunReport())
    assert Mail.objects.count() == 3
    monkeypatch.setattr(sending, "BATCH", 2)

    result = overlap(
        lambda: [m.pk for m in sending._claim("first", MONDAY)],
        lambda: [m.pk for m in sending._claim("second", MONDAY)],
    )

    first, second = result.first.get(), result.second.get()
    assert not result.second_waited
    assert len(first) == 2 and len(second) == 1
    assert set(first).isdisjoint(second)
    assert sorted(Mail.objects.values_list("claimed_by", flat=True)) == [
        "first",
        "first",
        "second",
    ]


def test_on_sqlite_the_claim_is_a_conditional_update(clock, db):
    """Without row locks, a mail another run claimed is not claimed again."""
    load_framework()
    leader, project, others = _people(2)
    scan_start(project=project, by=leader, respondents=others)
    mails_plan(now=MONDAY, report=RunReport())
    first = sending._claim("first", MONDAY)
    assert len(first) == 2
    assert sending._claim("second", MONDAY) == []

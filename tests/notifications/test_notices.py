"""Notices: made once per key when their event happens or their moment comes, mailed once,
by each person's choice (immediately, once a week, off), and only about projects the
recipient may still see. The clock is fixed (conftest.MONDAY); nothing reads the wall clock."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from koers.actions.services import action_create
from koers.assessments.services import scan_start
from koers.library.services import case_adopt
from koers.notifications.models import Mail, MailStatus, Notice, NoticeKind, Unmailed
from koers.notifications.selectors import notices_of, unread_count
from koers.notifications.sending import notifications_run
from koers.notifications.services import notices_mark_read, preferences_set
from koers.organisations.models import Role
from koers.projects.models import Visibility
from koers.projects.services import project_move_stage, team_member_remove, team_member_set
from tests.factories import make_project, member

from .conftest import MONDAY


@pytest.fixture
def team(clock, world):
    """World's project with a second member on the team; everyone has an address."""
    for user in (world.member, world.other_member, world.coordinator, world.admin):
        user.email = f"{user.username}@example.org"
        user.save()
    team_member_set(
        project=world.project, by=world.member, user=world.other_member, team_role="developer"
    )
    return world


def kinds_of(user) -> list[str]:
    return sorted(Notice.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_scan_invites_every_respondent_but_the_one_who_started_it(team):
    scan_start(project=team.project, by=team.member, respondents=[team.member, team.other_member])
    assert kinds_of(team.other_member) == [NoticeKind.SCAN_INVITED]
    assert kinds_of(team.member) == []


def test_a_stage_move_tells_the_rest_of_the_team(team):
    project_move_stage(project=team.project, by=team.member, to="experiment", note="Pilot")
    notice = Notice.objects.get(recipient=team.other_member)
    assert (notice.kind, notice.data["to"], notice.data["note"]) == (
        NoticeKind.STAGE_CHANGED,
        "experiment",
        "Pilot",
    )
    assert kinds_of(team.member) == []


def test_an_adoption_tells_the_original_team(team):
    team.project.visibility = Visibility.NETWORK
    team.project.save()
    case_adopt(by=team.b_coordinator, adopter=team.b, original_project=team.project)
    for user in (team.member, team.other_member):
        notice = Notice.objects.get(recipient=user, kind=NoticeKind.PROJECT_ADOPTED)
        assert notice.data["adopter"] == team.b.name
        assert notice.project_id == team.project.pk


def test_time_notices_at_a_fixed_moment(team, clock):
    today = MONDAY.date()
    due = action_create(
        project=team.project,
        by=team.member,
        title="Soon",
        owner=team.member,
        due_date=today + datetime.timedelta(days=3),
    )
    action_create(  # far ahead: nothing yet
        project=team.project,
        by=team.member,
        title="Later",
        owner=team.member,
        due_date=today + datetime.timedelta(days=30),
    )
    clock.advance(days=-10)
    scan = scan_start(project=team.project, by=team.member, respondents=[team.other_member])
    late = action_create(
        project=team.project,
        by=team.member,
        title="Late",
        owner=team.other_member,
        due_date=today - datetime.timedelta(days=2),
    )
    clock.advance(days=10)

    made = notifications_run(now=MONDAY).made

    assert made == {
        NoticeKind.ACTION_DUE: 1,
        NoticeKind.ACTION_OVERDUE: 1,
        NoticeKind.SCAN_UNANSWERED: 1,
        NoticeKind.COORDINATOR_DIGEST: 2,  # A's coordinator and administrator: one overdue
    }
    assert Notice.objects.get(kind=NoticeKind.ACTION_DUE).subject == f"action:{due.pk}"
    overdue = Notice.objects.get(kind=NoticeKind.ACTION_OVERDUE)
    assert (overdue.recipient, overdue.period) == (team.other_member, "overdue:2026-12-05")
    assert Notice.objects.get(kind=NoticeKind.SCAN_UNANSWERED).data["scan"] == scan.pk
    digest = Notice.objects.filter(kind=NoticeKind.COORDINATOR_DIGEST).first()
    assert digest.period == "2026-W50"
    assert digest.data["overdue"] == [
        {"title": "Late", "project": team.project.title, "due": late.due_date.isoformat()}
    ]
    # Organisation B has nothing overdue or stalled: its coordinator gets no overview.
    assert not Notice.objects.filter(recipient=team.b_coordinator).exists()


def test_the_command_run_twice_sends_each_notice_once(team, clock):
    action_create(
        project=team.project,
        by=team.member,
        title="Soon",
        owner=team.member,
        due_date=MONDAY.date() + datetime.timedelta(days=1),
    )
    scan_start(project=team.project, by=team.member, respondents=[team.other_member])
    out = io.StringIO()
    call_command("send_notifications", "--now", "2026-12-07T08:00", stdout=out)
    first = len(mail.outbox)
    notices = Notice.objects.count()
    assert first == 2  # the owner (due soon) and the invited respondent
    assert "action_due           new    1   mailed    1" in out.getvalue()

    out = io.StringIO()
    call_command("send_notifications", "--now", "2026-12-07T08:00", stdout=out)
    call_command("send_notifications", "--now", "2026-12-07T09:00", stdout=io.StringIO())
    assert len(mail.outbox) == first
    assert Notice.objects.count() == notices
    assert "E-mails sent: 0" in out.getvalue()
    assert set(Mail.objects.values_list("status", flat=True)) == {MailStatus.SENT}
    # Every notice names the mail that carried it.
    assert not Notice.objects.filter(mail__isnull=True).exists()


def test_a_new_due_date_is_a_new_notice(team):
    action = action_create(
        project=team.project,
        by=team.member,
        title="Soon",
        owner=team.member,
        due_date=MONDAY.date() + datetime.timedelta(days=1),
    )
    notifications_run(now=MONDAY)
    action.due_date = MONDAY.date() + datetime.timedelta(days=5)
    action.save()
    assert notifications_run(now=MONDAY).made == {NoticeKind.ACTION_DUE: 1}
    # And once the new date has passed, it is overdue: one more.
    later = MONDAY + datetime.timedelta(days=7)
    assert notifications_run(now=later).made[NoticeKind.ACTION_OVERDUE] == 1


def test_off_means_no_mail_and_no_notice_in_the_list(team):
    preferences_set(
        user=team.other_member,
        by=team.other_member,
        choices={NoticeKind.SCAN_INVITED: "off"},
        language="nl",
    )
    scan_start(project=team.project, by=team.member, respondents=[team.other_member])
    report = notifications_run(now=MONDAY)
    assert report.mails_sent == 0 and mail.outbox == []
    assert report.unmailed == {Unmailed.OFF: 1}
    assert not notices_of(team.other_member).exists()
    assert unread_count(team.other_member) == 0


def test_weekly_notices_wait_for_the_next_weekly_mail(team, clock):
    preferences_set(
        user=team.other_member,
        by=team.other_member,
        choices={NoticeKind.SCAN_INVITED: "weekly", NoticeKind.STAGE_CHANGED: "weekly"},
        language="en",
    )
    clock.advance(days=1)  # Tuesday
    scan_start(project=team.project, by=team.member, respondents=[team.other_member])
    project_move_stage(project=team.project, by=team.member, to="experiment")
    notifications_run(now=clock())
    clock.advance(days=3)
    notifications_run(now=clock())
    assert mail.outbox == []  # held all week, but listed in the site at once
    assert unread_count(team.other_member) == 2

    clock.advance(days=3)  # Monday of the next week
    notifications_run(now=clock())
    notifications_run(now=clock())
    assert len(mail.outbox) == 1
    weekly = mail.outbox[0]
    assert weekly.subject == "Koers: your notices of the past week"  # in the chosen language
    assert "invites you to answer the scan" in weekly.body
    assert "moved from Idea to Experiment" in weekly.body
    assert Mail.objects.get().period == "2026-W51"


def test_mails_are_written_in_the_language_each_person_chose(team):
    preferences_set(user=team.member, by=team.member, choices={}, language="en")
    scan_start(
        project=team.project, by=team.coordinator, respondents=[team.member, team.other_member]
    )
    notifications_run(now=MONDAY)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "invites you to answer the scan" in by_address[team.member.email].body
    assert "nodigt je uit om de scan" in by_address[team.other_member.email].body
    assert "http://127.0.0.1:8000/scans/" in by_address[team.other_member.email].body


def test_someone_without_an_address_still_sees_the_notice_in_the_site(team):
    team.other_member.email = ""
    team.other_member.save()
    scan_start(project=team.project, by=team.member, respondents=[team.other_member])
    report = notifications_run(now=MONDAY)
    assert report.unmailed == {Unmailed.NO_ADDRESS: 1} and mail.outbox == []
    assert unread_count(team.other_member) == 1
    notices_mark_read(user=team.other_member)
    assert unread_count(team.other_member) == 0


def test_an_address_removed_before_sending_leaves_the_notice_in_the_site(team):
    from koers.notifications.sending import RunReport, mails_plan, mails_send

    scan_start(project=team.project, by=team.member, respondents=[team.other_member])
    mails_plan(now=MONDAY, report=RunReport())
    team.other_member.email = ""
    team.other_member.save()
    report = RunReport()
    mails_send(now=MONDAY, report=report)
    assert report.unmailed == {Unmailed.NO_ADDRESS: 1} and mail.outbox == []
    assert not Mail.objects.exists()
    assert Notice.objects.get().unmailed == Unmailed.NO_ADDRESS
    assert unread_count(team.other_member) == 1


def test_no_notice_about_a_project_the_recipient_may_no_longer_see(team):
    project = make_project(team.a, team.member, visibility=Visibility.TEAM, title="Geheim")
    team_member_set(project=project, by=team.member, user=team.other_member, team_role="other")
    project_move_stage(project=project, by=team.member, to="experiment")
    team_member_remove(project=project, by=team.member, user=team.other_member)
    report = notifications_run(now=MONDAY)
    assert report.unmailed == {Unmailed.NOT_VISIBLE: 1} and mail.outbox == []
    assert not notices_of(team.other_member).exists()


def test_the_weekly_overview_names_stalled_projects_to_coordinators_only(team, clock):
    clock.advance(weeks=-20)
    make_project(team.a, team.member, title="Stilgevallen")
    clock.advance(weeks=20)
    made = notifications_run(now=MONDAY).made
    assert made == {NoticeKind.COORDINATOR_DIGEST: 2}
    for user in (team.coordinator, team.admin):
        digest = Notice.objects.get(recipient=user)
        assert [p["title"] for p in digest.data["stalled"]] == ["Stilgevallen"]
    assert {m.to[0] for m in mail.outbox} == {team.coordinator.email, team.admin.email}
    assert "Stilgevallen" in mail.outbox[0].body
    # Later in the same week: no second overview.
    assert notifications_run(now=MONDAY + datetime.timedelta(days=2)).made == {}
    # A coordinator who turned it off gets none the next week.
    preferences_set(
        user=team.admin,
        by=team.admin,
        choices={NoticeKind.COORDINATOR_DIGEST: "off"},
        language="nl",
    )
    notifications_run(now=MONDAY + datetime.timedelta(days=7))
    assert [m.to[0] for m in mail.outbox[2:]] == [team.coordinator.email]


def test_a_claim_left_by_a_run_that_died_is_taken_over_later(team):
    scan_start(project=team.project, by=team.member, respondents=[team.other_member])
    notifications_run(now=MONDAY)
    mail.outbox.clear()
    queued = Mail.objects.get()
    Mail.objects.filter(pk=queued.pk).update(
        status=MailStatus.QUEUED, claimed_by="another-run", claimed_at=MONDAY
    )
    notifications_run(now=MONDAY + datetime.timedelta(minutes=5))
    assert mail.outbox == []  # still claimed by a run that may be sending it
    notifications_run(now=MONDAY + datetime.timedelta(minutes=31))
    assert len(mail.outbox) == 1


def test_preferences_accept_only_the_offered_choices(team):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        preferences_set(
            user=team.coordinator,
            by=team.coordinator,
            choices={NoticeKind.COORDINATOR_DIGEST: "immediately"},
            language="nl",
        )
    with pytest.raises(ValidationError):
        preferences_set(user=team.member, by=team.coordinator, choices={}, language="nl")


@pytest.mark.parametrize("role", [Role.VIEWER, Role.MEMBER])
def test_no_overview_for_people_who_do_not_coordinate(team, role):
    someone = member(team.a, role)
    action_create(
        project=team.project,
        by=team.member,
        title="Late",
        owner=team.member,
        due_date=MONDAY.date() - datetime.timedelta(days=1),
    )
    notifications_run(now=MONDAY)
    assert not Notice.objects.filter(recipient=someone).exists()


def test_the_command_refuses_a_moment_it_cannot_read(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a date"):
        call_command("send_notifications", "--now", "next monday", stdout=io.StringIO())


def test_a_late_notice_for_a_week_already_mailed_waits_for_the_next_weekly_mail(team, clock):
    from koers.notifications.services import Candidate, notices_add

    preferences_set(
        user=team.other_member,
        by=team.other_member,
        choices={NoticeKind.STAGE_CHANGED: "weekly"},
        language="nl",
    )
    last_week = MONDAY - datetime.timedelta(days=3)

    def late(n):
        return Candidate(
            kind=NoticeKind.STAGE_CHANGED,
            subject=f"stage_event:{n}",
            recipient_id=team.other_member.pk,
            project_id=team.project.pk,
            data={"project": "P", "from": "idea", "to": "experiment"},
        )

    notices_add([late(1)], now=last_week)
    notifications_run(now=MONDAY)
    assert len(mail.outbox) == 1
    notices_add([late(2)], now=last_week)  # arrives after this week's mail went out
    notifications_run(now=MONDAY + datetime.timedelta(hours=1))
    assert len(mail.outbox) == 1
    held = Notice.objects.get(subject="stage_event:2")
    assert held.mail is None and held.unmailed == ""
    notifications_run(now=MONDAY + datetime.timedelta(days=7))
    assert len(mail.outbox) == 2 and Notice.objects.get(pk=held.pk).mail is not None


def test_a_closed_scan_is_neither_reminded_nor_listed_in_my_tasks(team, clock):
    from koers.assessments.services import scan_close
    from koers.notifications.tasks import my_tasks

    clock.advance(days=-10)
    scan = scan_start(project=team.project, by=team.member, respondents=[team.other_member])
    clock.advance(days=10)
    assert my_tasks(user=team.other_member, today=MONDAY.date()).scans
    scan_close(scan=scan, by=team.member)
    assert not my_tasks(user=team.other_member, today=MONDAY.date()).scans
    assert notifications_run(now=MONDAY).made[NoticeKind.SCAN_UNANSWERED] == 0

"""The asker is told when their question's status changes: in the site and by mail, in the
language and with the delivery they chose (off: neither)."""

from django.core import mail
from django.utils import timezone

from koers.notifications.models import MailSettings, Notice, NoticeKind, Preference
from koers.notifications.selectors import notices_of
from koers.notifications.sending import notifications_run
from koers.questions import services
from koers.questions.models import QuestionStatus


def test_the_asker_is_mailed_in_their_language(world, question):
    world.viewer.email = "kijker@example.org"
    world.viewer.save()
    MailSettings.objects.create(user=world.viewer, language="nl")
    services.question_triage(
        question=question,
        by=world.coordinator,
        expected_version=1,
        to=QuestionStatus.DECLINED,
        reason="Die gegevens hebben we niet.",
    )
    notifications_run(now=timezone.now())
    [message] = mail.outbox
    assert message.to == ["kijker@example.org"]
    assert "is nu: Afgewezen" in message.body and "Die gegevens hebben we niet." in message.body
    assert list(notices_of(world.viewer)) == [Notice.objects.get()]


def test_turned_off_means_no_mail_and_no_notice_listed(world, question):
    world.viewer.email = "kijker@example.org"
    world.viewer.save()
    Preference.objects.create(user=world.viewer, kind=NoticeKind.QUESTION_CHANGED, delivery="off")
    services.question_take_up(question=question, project=world.project, by=world.coordinator)
    notifications_run(now=timezone.now())
    assert mail.outbox == [] and not notices_of(world.viewer).exists()

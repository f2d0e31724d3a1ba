"""Invitations: who may invite whom, single-use expiring links stored only as hashes, existing
accounts never doubled, and bulk lists that are applied whole or not at all."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from koers.accounts import services, tokens
from koers.accounts.bulk import parse_csv, parse_pasted
from koers.accounts.models import Invitation, InvitationStatus
from koers.accounts.selectors import invitations_pending_sent_by
from koers.assessments.models import Response
from koers.assessments.services import scan_close, scan_start
from koers.audit.models import ChangeRecord
from koers.organisations.models import Membership, Role

SITE = "http://testserver/"
User = get_user_model()


def _token_from(mail) -> str:
    line = next(line for line in mail.body.splitlines() if "/accounts/invitation/" in line)
    return line.rstrip("/").rsplit("/", 1)[-1]


def invite(w, email="nieuw@aastad.nl", role=Role.MEMBER, by=None, **kwargs):
    return services.invitation_create(
        by=by or w.coordinator,
        organisation=w.a,
        email=email,
        role=role,
        site_url=SITE,
        **kwargs,
    )


@pytest.fixture
def sent(world, mailoutbox, django_capture_on_commit_callbacks):
    """One invitation, its mail delivered, and the token read from that mail."""
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(world, name="Nina Nieuw")
    return invitation, _token_from(mailoutbox[-1])


def test_the_mail_holds_a_link_whose_token_is_stored_only_as_a_hash(world, sent, mailoutbox):
    invitation, token = sent
    invitation.refresh_from_db()
    assert mailoutbox[-1].to == ["nieuw@aastad.nl"]
    assert token not in invitation.token_hash
    assert invitation.token_hash == tokens.token_hash(token)
    assert invitation.sent_at is not None and invitation.send_count == 1
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)
    assert services.invitation_by_token(token) == invitation
    assert services.invitation_by_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None


def test_accepting_creates_one_account_with_the_membership_and_the_link_works_once(world, sent):
    invitation, token = sent
    user = services.invitation_accept_new(
        invitation=invitation, first_name="Nina", last_name="Nieuw", password="lang-genoeg-42"
    )
    assert user.username == user.email == "nieuw@aastad.nl"
    assert user.check_password("lang-genoeg-42")
    assert Membership.objects.get(user=user, organisation=world.a).role == Role.MEMBER
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.accepted_by == user
    with pytest.raises(services.InvitationClosed) as closed:
        services.invitation_accept_new(
            invitation=invitation, first_name="X", last_name="Y", password="lang-genoeg-43"
        )
    assert closed.value.reason == "used"
    assert User.objects.filter(email__iexact="nieuw@aastad.nl").count() == 1


@pytest.mark.parametrize(
    "spoil, reason",
    [
        (lambda inv: Invitation.objects.filter(pk=inv.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)), "expired"),
        (lambda inv: Invitation.objects.filter(pk=inv.pk).update(
            status=InvitationStatus.REVOKED), "revoked"),
    ],
)  # fmt: skip
def test_expired_and_revoked_invitations_change_nothing(world, sent, spoil, reason):
    invitation, _token = sent
    spoil(invitation)
    invitation.refresh_from_db()
    users_before = User.objects.count()
    with pytest.raises(services.InvitationClosed) as closed:
        services.invitation_accept_new(
            invitation=invitation, first_name="N", last_name="N", password="lang-genoeg-42"
        )
    assert closed.value.reason == reason
    assert User.objects.count() == users_before


def test_a_weak_password_is_refused_and_nothing_is_created(world, sent):
    invitation, _token = sent
    with pytest.raises(ValidationError):
        services.invitation_accept_new(
            invitation=invitation, first_name="N", last_name="N", password="123"
        )
    assert not User.objects.filter(email="nieuw@aastad.nl").exists()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_an_existing_account_gets_the_membership_never_a_second_account(world):
    colleague = world.b_member
    colleague.email = "Collega@Beedorp.nl"
    colleague.save()
    invitation = invite(world, email="collega@beedorp.nl", role=Role.VIEWER)
    with pytest.raises(ValidationError):
        services.invitation_accept_new(
            invitation=invitation, first_name="C", last_name="C", password="lang-genoeg-42"
        )
    with pytest.raises(PermissionDenied):
        services.invitation_accept_existing(invitation=invitation, user=world.member)
    services.invitation_accept_existing(invitation=invitation, user=colleague)
    assert Membership.objects.get(user=colleague, organisation=world.a).role == Role.VIEWER
    assert User.objects.filter(email__iexact="collega@beedorp.nl").count() == 1


def test_someone_already_in_the_organisation_is_not_invited_again(world):
    world.member.email = "lid@aastad.nl"
    world.member.save()
    with pytest.raises(ValidationError) as refused:
        invite(world, email="LID@aastad.nl")
    assert "already a member" in str(refused.value)


def test_a_second_open_invitation_for_the_same_address_is_refused(world):
    invite(world)
    with pytest.raises(ValidationError):
        invite(world, email="Nieuw@Aastad.nl")


@pytest.mark.parametrize(
    "inviter, role, error",
    [
        ("member", Role.MEMBER, PermissionDenied),  # members do not invite into the organisation
        ("b_coordinator", Role.MEMBER, PermissionDenied),  # nor coordinators of another one
        ("coordinator", Role.ADMINISTRATOR, ValidationError),  # no role above one's own
    ],
)
def test_who_may_invite_with_which_role(world, inviter, role, error):
    with pytest.raises(error):
        invite(world, role=role, by=getattr(world, inviter))
    assert not Invitation.objects.exists()


def test_resend_gives_a_new_link_and_the_old_one_stops_working(
    world, sent, mailoutbox, django_capture_on_commit_callbacks
):
    invitation, old = sent
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_resend(invitation=invitation, by=world.coordinator, site_url=SITE)
    new = _token_from(mailoutbox[-1])
    assert new != old
    assert services.invitation_by_token(old) is None
    assert services.invitation_by_token(new) == invitation


def test_revoke_is_recorded_and_only_for_the_organisations_coordinators(world, sent):
    invitation, token = sent
    with pytest.raises(PermissionDenied):
        services.invitation_revoke(invitation=invitation, by=world.b_coordinator)
    services.invitation_revoke(invitation=invitation, by=world.admin)
    assert services.invitation_by_token(token).status == InvitationStatus.REVOKED
    assert ChangeRecord.objects.filter(action="revoked", object_id=invitation.pk).exists()
    assert not invitations_pending_sent_by(user=world.coordinator).exists()


def test_a_mail_server_that_is_down_leaves_the_invitation_unsent_not_lost(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(world)
    invitation.refresh_from_db()
    assert invitation.sent_at is None and invitation.status == InvitationStatus.PENDING
    assert list(invitations_pending_sent_by(user=world.coordinator)) == [invitation]


def test_a_project_invitation_brings_the_person_into_the_team_and_the_scan(world):
    scan = scan_start(project=world.project, by=world.member, respondents=[world.member])
    invitation = services.invitation_create_for_project(
        by=world.member,
        project=world.project,
        email="analist@aastad.nl",
        team_role="data_scientist",
        scan=scan,
        site_url=SITE,
    )
    user = services.invitation_accept_new(
        invitation=invitation, first_name="A", last_name="A", password="lang-genoeg-42"
    )
    assert world.project.team.get(user=user).team_role == "data_scientist"
    assert Response.objects.filter(scan=scan, respondent=user).exists()
    assert Membership.objects.get(user=user, organisation=world.a).role == Role.MEMBER


def test_a_scan_closed_before_acceptance_takes_nobody_new(world):
    scan = scan_start(project=world.project, by=world.member, respondents=[world.member])
    invitation = services.invitation_create_for_project(
        by=world.member,
        project=world.project,
        email="laat@aastad.nl",
        team_role="other",
        scan=scan,
        site_url=SITE,
    )
    scan_close(scan=scan, by=world.member)
    user = services.invitation_accept_new(
        invitation=invitation, first_name="L", last_name="L", password="lang-genoeg-42"
    )
    assert world.project.team.filter(user=user).exists()
    assert not Response.objects.filter(scan=scan, respondent=user).exists()


def test_viewers_cannot_invite_into_a_project(world):
    with pytest.raises(PermissionDenied):
        services.invitation_create_for_project(
            by=world.viewer,
            project=world.project,
            email="x@aastad.nl",
            team_role="other",
            site_url=SITE,
        )


# Bulk lists ---------------------------------------------------------------------------------


def test_pasted_addresses_in_any_separator_and_with_names():
    rows = parse_pasted(
        "a@x.nl, b@x.nl; c@x.nl\nJan Jansen <jan@x.nl>\n\nniet-een-adres", default_role="member"
    )
    assert [r.email for r in rows] == ["a@x.nl", "b@x.nl", "c@x.nl", "jan@x.nl", "niet-een-adres"]
    assert rows[3].name == "Jan Jansen"
    assert [r.ok for r in rows] == [True, True, True, True, False]


def test_csv_rows_are_reported_one_by_one():
    raw = (
        b"naam;e-mail;rol\n"
        b"Ada;ada@x.nl;coordinator\n"  # fine, role by code
        b"Bob;bob@x.nl;Lid\n"  # fine, Dutch role label
        b"Cas;cas-at-x.nl;member\n"  # not an address
        b"Dirk;dirk@x.nl;baas\n"  # unknown role
        b"Eva;eva@x.nl;\n"  # no role: the default
    )
    rows = parse_csv(raw, default_role="viewer")
    assert [(r.line, r.email, r.role, r.ok) for r in rows] == [
        (2, "ada@x.nl", "coordinator", True),
        (3, "bob@x.nl", "member", True),
        (4, "cas-at-x.nl", "member", False),
        (5, "dirk@x.nl", "viewer", False),
        (6, "eva@x.nl", "viewer", True),
    ]


def test_one_bad_row_stops_the_whole_list(world, mailoutbox, django_capture_on_commit_callbacks):
    rows = parse_csv(
        b"Ada,ada@x.nl,member\nAda again,ADA@x.nl,member\nBob,bob@x.nl,\n", default_role="member"
    )
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        services.invitations_bulk_create(
            by=world.coordinator, organisation=world.a, rows=rows, site_url=SITE
        )
    assert not Invitation.objects.exists() and not mailoutbox
    assert [r.ok for r in rows] == [True, False, True]


def test_a_clean_list_is_sent_whole(world, mailoutbox, django_capture_on_commit_callbacks):
    rows = parse_pasted("ada@x.nl\nbob@x.nl", default_role="member")
    with django_capture_on_commit_callbacks(execute=True):
        created = services.invitations_bulk_create(
            by=world.coordinator, organisation=world.a, rows=rows, site_url=SITE
        )
    assert len(created) == 2 and sorted(m.to[0] for m in mailoutbox) == ["ada@x.nl", "bob@x.nl"]

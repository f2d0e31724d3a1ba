"""Inviting people (one by one, in bulk, into a project team) and accepting an invitation."""

import csv
import io

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.accounts import services
from koers.accounts.bulk import Row, parse_csv, parse_pasted
from koers.accounts.forms import (
    AcceptInvitationForm,
    BulkInvitationForm,
    InvitationForm,
    ProjectInvitationForm,
)
from koers.accounts.selectors import (
    invitation_get,
    invitations_of_organisation,
    invitations_of_project,
    organisation_for_coordinator,
)
from koers.assessments.selectors import scans_of
from koers.organisations.models import Role
from koers.organisations.selectors import roles_of
from koers.projects.access import require_edit
from koers.projects.selectors import project_get

from .forms_util import add_errors


def site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@login_required
def organisation_invitations(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for_coordinator(user=request.user, slug=slug)
    own_role = roles_of(request.user).get(organisation.pk)
    form = InvitationForm(request.POST or None, own_role=own_role)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                by=request.user,
                organisation=organisation,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                site_url=site_url(request),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("web:org_invitations", slug=organisation.slug)
    invitations = invitations_of_organisation(user=request.user, organisation=organisation)
    return render(
        request,
        "accounts/invitations.html",
        {
            "organisation": organisation,
            "form": form,
            "invitations": invitations[:200],
            "days": services.invitation_days(),
            "is_admin": own_role == Role.ADMINISTRATOR,
        },
    )


def _rows_from(form: BulkInvitationForm) -> list[Row]:
    role = form.cleaned_data["role"]
    upload = form.cleaned_data.get("csv_file")
    if upload:
        return parse_csv(upload.read(), default_role=role)
    return parse_pasted(form.cleaned_data["addresses"], default_role=role)


def _as_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([row.name, row.email, row.role])
    return out.getvalue()


@login_required
def organisation_invite_bulk(request: HttpRequest, slug: str) -> HttpResponse:
    """Step 1 reads the list and shows a report per row; step 2 (confirm) sends all of the
    rows or none. Between the steps the checked rows travel as CSV text in the page, so an
    uploaded file need not be chosen again."""
    organisation = organisation_for_coordinator(user=request.user, slug=slug)
    own_role = roles_of(request.user).get(organisation.pk)
    confirming = request.method == "POST" and "confirm" in request.POST
    form = BulkInvitationForm(
        None if confirming else (request.POST or None),
        None if confirming else (request.FILES or None),
        own_role=own_role,
    )
    rows: list[Row] | None = None
    if confirming:
        rows = parse_csv(request.POST.get("rows", "").encode(), default_role=Role.MEMBER)
        try:
            sent = services.invitations_bulk_create(
                by=request.user, organisation=organisation, rows=rows, site_url=site_url(request)
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            rows = parse_csv(request.POST.get("rows", "").encode(), default_role=Role.MEMBER)
        else:
            messages.success(request, _("%(count)s invitations sent.") % {"count": len(sent)})
            return redirect("web:org_invitations", slug=organisation.slug)
    elif request.method == "POST" and form.is_valid():
        rows = _rows_from(form)
    if rows is not None:
        rows = services.invitations_bulk_check(
            by=request.user, organisation=organisation, rows=rows
        )
    return render(
        request,
        "accounts/invite_bulk.html",
        {
            "organisation": organisation,
            "form": form,
            "rows": rows,
            "bad": sum(1 for r in rows if not r.ok) if rows is not None else 0,
            "rows_csv": _as_csv(rows) if rows else "",
            "is_admin": own_role == Role.ADMINISTRATOR,
        },
    )


@login_required
def project_invite(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get(user=request.user, pk=pk)
    require_edit(request.user, project)
    form = ProjectInvitationForm(request.POST or None, scans=scans_of(project=project))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invitation_create_for_project(
                by=request.user,
                project=project,
                email=data["email"],
                name=data["name"],
                team_role=data["team_role"],
                scan=data["scan"],
                site_url=site_url(request),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("web:project", pk=project.pk)
    return render(
        request,
        "accounts/project_invite.html",
        {
            "project": project,
            "form": form,
            "pending": invitations_of_project(project=project),
            "heading": _("Invite someone to the team"),
            "submit_label": _("Send invitation"),
        },
    )


def _back_to_list(request: HttpRequest, invitation) -> HttpResponse:
    if invitation.project_id and not request.POST.get("from_list"):
        return redirect("web:project", pk=invitation.project_id)
    return redirect("web:org_invitations", slug=invitation.organisation.slug)


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = invitation_get(user=request.user, pk=pk)
    try:
        services.invitation_resend(
            invitation=invitation, by=request.user, site_url=site_url(request)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("A new link was sent to %(email)s.") % {"email": invitation.email}
        )
    return _back_to_list(request, invitation)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = invitation_get(user=request.user, pk=pk)
    try:
        services.invitation_revoke(invitation=invitation, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The invitation for %(email)s is revoked; its link no longer works.")
            % {"email": invitation.email},
        )
    return _back_to_list(request, invitation)


def _closed(request: HttpRequest, reason: str) -> HttpResponse:
    status = 404 if reason == "invalid" else 410
    return render(request, "accounts/invitation_closed.html", {"reason": reason}, status=status)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page the link in the mail opens. Whatever is wrong with the link, nothing changes."""
    invitation = services.invitation_by_token(token)
    if invitation is None:
        return _closed(request, "invalid")
    if not invitation.is_open:
        return _closed(request, invitation.state if invitation.state != "accepted" else "used")
    existing = services.user_by_email(invitation.email)
    context = {"invitation": invitation, "existing": existing}
    if existing is not None or request.user.is_authenticated:
        if request.method == "POST" and existing is not None and request.user == existing:
            try:
                services.invitation_accept_existing(invitation=invitation, user=request.user)
            except services.InvitationClosed as closed:
                return _closed(request, closed.reason)
            except PermissionDenied:
                return _closed(request, "other_account")
            messages.success(
                request,
                _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation.name},
            )
            return redirect("web:home")
        return render(request, "accounts/invitation_existing.html", context)
    first, _sep, last = invitation.name.partition(" ")
    form = AcceptInvitationForm(
        request.POST or None, initial={"first_name": first, "last_name": last}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invitation_accept_new(
                invitation=invitation,
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password1"],
            )
        except services.InvitationClosed as closed:
            return _closed(request, closed.reason)
        except ValidationError as exc:
            # Password rules speak about the password: put them beside it.
            if not hasattr(exc, "error_dict"):
                exc = ValidationError({"password1": exc.messages})
            add_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome to Koers. Your account is ready; you sign in with %(username)s.")
                % {"username": user.username},
            )
            return redirect("web:home")
    context["form"] = form
    return render(request, "accounts/invitation_accept.html", context)

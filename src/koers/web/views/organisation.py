"""An organisation's own management pages: members and their roles, and its settings.
Coordinators see the members; administrators change roles, remove people, unlock accounts
and edit the settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.accounts import identity, lockout
from koers.accounts.forms import IdentityGroupForm, OrganisationSettingsForm, RoleChangeForm
from koers.accounts.oidc import oidc_configured
from koers.accounts.selectors import coordinated_organisations, organisation_for_coordinator
from koers.organisations import services
from koers.organisations.models import Membership, Role
from koers.organisations.selectors import has_role

from .forms_util import add_errors


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
    """The organisations this person coordinates; with just one, straight to its members."""
    coordinated = list(coordinated_organisations(user=request.user))
    if len(coordinated) == 1:
        return redirect("web:org_members", slug=coordinated[0].slug)
    return render(request, "accounts/organisations.html", {"organisations": coordinated})


def _membership(request: HttpRequest, slug: str, user_id: int) -> Membership:
    organisation = organisation_for_coordinator(user=request.user, slug=slug)
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        organisation=organisation,
        user_id=user_id,
    )


@login_required
def organisation_members(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for_coordinator(user=request.user, slug=slug)
    memberships = list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    is_admin = has_role(request.user, organisation.pk, Role.ADMINISTRATOR)
    locked = lockout.locked_usernames([m.user.username for m in memberships]) if is_admin else set()
    return render(
        request,
        "accounts/members.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "is_admin": is_admin,
            "roles": Role.choices,
            "locked": locked,
        },
    )


@login_required
@require_POST
def organisation_member_role(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    membership = _membership(request, slug, user_id)
    form = RoleChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles."))
    else:
        try:
            changed = services.membership_change_role(
                membership=membership, role=form.cleaned_data["role"], by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.")
                % {
                    "name": changed.user.get_full_name() or changed.user.username,
                    "role": changed.get_role_display().lower(),
                },
            )
    return redirect("web:org_members", slug=slug)


@login_required
@require_POST
def organisation_member_remove(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    membership = _membership(request, slug, user_id)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s no longer belongs to %(organisation)s.")
            % {
                "name": membership.user.get_full_name() or membership.user.username,
                "organisation": membership.organisation.name,
            },
        )
    return redirect("web:org_members", slug=slug)


@login_required
@require_POST
def organisation_member_unlock(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    membership = _membership(request, slug, user_id)
    lockout.account_unlock(
        by=request.user, organisation=membership.organisation, user=membership.user
    )
    messages.success(
        request,
        _("%(name)s can sign in again.")
        % {"name": membership.user.get_full_name() or membership.user.username},
    )
    return redirect("web:org_members", slug=slug)


def _administered(request: HttpRequest, slug: str):
    organisation = organisation_for_coordinator(user=request.user, slug=slug)
    if not has_role(request.user, organisation.pk, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only administrators of the organisation do this."))
    return organisation


@login_required
def organisation_identity_groups(request: HttpRequest, slug: str) -> HttpResponse:
    """Which identity-provider groups give which role here, at sign-in through the provider."""
    organisation = _administered(request, slug)
    form = IdentityGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            identity.identity_group_add(
                by=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Group mapped."))
            return redirect("web:org_identity_groups", slug=slug)
    return render(
        request,
        "accounts/identity_groups.html",
        {
            "organisation": organisation,
            "form": form,
            "mappings": organisation.identity_groups.all(),
            "is_admin": True,
            "configured": oidc_configured(),
        },
    )


@login_required
@require_POST
def organisation_identity_group_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _administered(request, slug)
    mapping = get_object_or_404(organisation.identity_groups, pk=pk)
    identity.identity_group_remove(by=request.user, mapping=mapping)
    messages.success(request, _("Mapping removed."))
    return redirect("web:org_identity_groups", slug=slug)


@login_required
def organisation_settings(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _administered(request, slug)
    form = OrganisationSettingsForm(
        request.POST or None,
        initial={"name": organisation.name, "cbs_code": organisation.cbs_code or ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_settings_update(
                organisation=organisation,
                by=request.user,
                name=form.cleaned_data["name"],
                cbs_code=form.cleaned_data["cbs_code"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("web:org_settings", slug=slug)
    return render(
        request, "accounts/org_settings.html", {"organisation": organisation, "form": form}
    )

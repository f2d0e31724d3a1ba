"""Changing one's password while signed in: Django's own pages in Koers's look, for people
with a password in Koers. Who signs in with their organisation's account (OIDC) has no
password here and changes it there."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.accounts.two_factor import is_local_account
from koers.audit.services import change_record


class ChangeForm(PasswordChangeForm):
    """Django's form in Koers's words (Django's own Dutch says "u"; Koers says "je")."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": gettext_lazy(
            "This is not your current password. Nothing has been changed."
        ),
        "password_mismatch": gettext_lazy("The two new passwords are not the same."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = gettext_lazy("Current password")
        self.fields["new_password1"].label = gettext_lazy("New password")
        self.fields["new_password2"].label = gettext_lazy("The new password again")
        # Plain sentences: the form's help is a paragraph, which cannot hold Django's list.
        self.fields["new_password1"].help_text = " ".join(password_validators_help_texts())
        self.fields["new_password2"].help_text = ""


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    form_class = ChangeForm
    success_url = reverse_lazy("password_change_done")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not is_local_account(request.user):
            messages.info(
                request,
                _(
                    "You sign in with your organisation's account: change your password "
                    "there, not in Koers."
                ),
            )
            return redirect("account_security")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        # The new password and the history record together, or neither.
        with transaction.atomic():
            response = super().form_valid(form)
            change_record(actor=self.request.user, obj=self.request.user, action="password_changed")
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    # The page after a reset by mail, which tells a signed-in person what applies to them.
    template_name = "accounts/password_reset_complete.html"

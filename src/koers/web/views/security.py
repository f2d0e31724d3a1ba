"""The second sign-in step: the account's security page, setting up a code app, entering a
code after the password, turning it off."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from koers.accounts import two_factor
from koers.accounts.oidc import oidc_configured

from .forms_util import add_errors


class LoginView(auth_views.LoginView):
    """Django's login page, with the identity provider's button when one is configured."""

    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if oidc_configured():
            context["oidc_provider"] = settings.KOERS_OIDC_PROVIDER_NAME or _(
                "your organisation's account"
            )
        return context


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next(request: HttpRequest) -> str:
    """Where to go after the step: a path on this site, never elsewhere."""
    target = request.POST.get("next") or request.GET.get("next") or "/"
    safe = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else "/"


@login_required
def account_security(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/security.html",
        {
            "enabled": two_factor.two_factor_enabled(user),
            "required": two_factor.two_factor_required(user),
            "local": two_factor.is_local_account(user),
        },
    )


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if two_factor.two_factor_enabled(request.user):
        return redirect("account_security")
    device = two_factor.pending_device(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.two_factor_confirm(
                user=request.user, device=device, code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            otp_login(request, device)
            messages.success(
                request, _("The second step is on. From now on you sign in with a code too.")
            )
            return HttpResponseRedirect(_next(request))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr": two_factor.qr_data_uri(device),
            "secret": two_factor.secret_text(device),
            "required": two_factor.two_factor_required(request.user),
            "next": _next(request),
        },
    )


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified() or not two_factor.two_factor_enabled(request.user):
        return HttpResponseRedirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.two_factor_check(user=request.user, code=form.cleaned_data["code"])
        if device is None:
            form.add_error(
                "code",
                _(
                    "That code is not right, or it was used already. "
                    "Wait for the next code and try again."
                ),
            )
        else:
            otp_login(request, device)
            return HttpResponseRedirect(_next(request))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    try:
        two_factor.two_factor_disable(user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The second step is off."))
    return redirect("account_security")

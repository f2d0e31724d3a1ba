"""API tokens on a page: a person's own, and their organisations' if they coordinate.
A new token's secret is shown once, in the answer to the form, and never again."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.api.forms import ORGANISATION, TokenForm
from koers.api.selectors import tokens_visible_to
from koers.api.services import api_token_create, api_token_revoke

from .forms_util import add_errors


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, user=request.user)
    secret = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        days = data["days"]
        try:
            _token, secret = api_token_create(
                by=request.user,
                organisation=data["organisation"],
                scope=data["scope"],
                name=data["name"],
                user=None if data["kind"] == ORGANISATION else request.user,
                expires_at=timezone.now() + datetime.timedelta(days=days) if days else None,
            )
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(exc))
        else:
            form = TokenForm(user=request.user)
    return render(
        request,
        "web/api_tokens.html",
        {"form": form, "secret": secret, "tokens": tokens_visible_to(request.user)},
    )


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(tokens_visible_to(request.user), pk=pk)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, _("Token %(name)s revoked.") % {"name": token.name})
    return redirect("web:api_tokens")

"""Notices in the site: the list (newest first), opening one, and the settings page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.notifications import kinds, services
from koers.notifications.forms import PreferencesForm
from koers.notifications.selectors import (
    mail_language_of,
    notice_get,
    notices_of,
    preferences_of,
)
from koers.notifications.texts import notice_text
from koers.organisations.models import Role
from koers.organisations.selectors import organisation_ids_with_role

from .forms_util import add_errors

PAGE_SIZE = 50


@login_required
def notices(request: HttpRequest) -> HttpResponse:
    page = Paginator(notices_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(n, notice_text(n)) for n in page.object_list]
    return render(request, "web/notices.html", {"page": page, "rows": rows})


@login_required
def notice_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notice to what it is about; following it marks it read."""
    notice = notice_get(user=request.user, pk=pk)
    services.notices_mark_read(user=request.user, ids=[notice.pk])
    return redirect(notice_text(notice).path)


@login_required
@require_POST
def notices_read(request: HttpRequest) -> HttpResponse:
    services.notices_mark_read(user=request.user)
    messages.success(request, _("All notices are marked as read."))
    return redirect("web:notices")


@login_required
def notice_preferences(request: HttpRequest) -> HttpResponse:
    coordinator = bool(organisation_ids_with_role(request.user, Role.COORDINATOR))
    shown = [k for k in kinds.DEFAULTS if coordinator or k not in kinds.FOR_COORDINATORS]
    form = PreferencesForm(
        request.POST or None,
        shown=shown,
        initial_choices=preferences_of(request.user),
        initial={"language": mail_language_of(request.user)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_set(
                user=request.user,
                by=request.user,
                choices=form.choices(),
                language=form.cleaned_data["language"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your notice settings are saved."))
            return redirect("web:notice_preferences")
    return render(request, "web/notice_preferences.html", {"form": form})

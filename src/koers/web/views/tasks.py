"""My tasks, the signed-in home: what waits for me now."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from koers.notifications.tasks import my_tasks
from koers.organisations.selectors import organisations_of


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    context = {
        "tasks": my_tasks(user=request.user, today=timezone.localdate()),
        "organisations": organisations_of(request.user),
    }
    return render(request, "web/tasks.html", context)

from django.contrib import admin

from koers.audit.admin import ReadOnlyAdmin

from .models import Action


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["title", "project", "factor_number", "status", "due_date"]
    list_filter = ["status", "factor_number"]

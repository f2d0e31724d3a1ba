from django.contrib import admin

from koers.audit.admin import ReadOnlyAdmin

from .models import Scan


@admin.register(Scan)
class ScanAdmin(ReadOnlyAdmin):
    list_display = ["project", "kind", "opened_on", "framework_version", "submitted_count"]
    list_filter = ["kind", "framework_version"]

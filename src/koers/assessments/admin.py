from django.contrib import admin

from .models import Scan


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = ["project", "kind", "opened_on", "framework_version", "submitted_count"]
    list_filter = ["kind", "framework_version"]
    readonly_fields = ["submitted_count"]

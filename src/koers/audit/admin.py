from django.contrib import admin

from .models import ChangeRecord


class NoWrites:
    """The admin shows these records but does not change them: their writes go through the
    services (role checks, history, versions, the project's last leader), which the admin's
    generic forms would bypass. People change them on Koers's own pages."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(NoWrites, admin.ModelAdmin):
    pass


class ReadOnlyInline(NoWrites, admin.TabularInline):
    extra = 0


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "content_type", "object_id", "action"]
    list_filter = ["content_type", "action"]

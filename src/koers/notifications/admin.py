"""What was sent to whom, for the operator: read-only, as every record with history."""

from django.contrib import admin

from koers.audit.admin import ReadOnlyAdmin

from .models import Mail, Notice


@admin.register(Mail)
class MailAdmin(ReadOnlyAdmin):
    list_display = ["id", "recipient", "bundle", "status", "attempts", "last_error", "sent_at"]
    list_filter = ["status", "bundle"]
    search_fields = ["address", "subject"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "recipient", "subject", "period", "created_at", "mail"]
    list_filter = ["kind", "unmailed"]
    list_select_related = ["recipient", "mail"]

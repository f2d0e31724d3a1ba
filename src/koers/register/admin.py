from django.contrib import admin

from koers.audit.admin import ReadOnlyAdmin

from .models import AlgorithmRecord


@admin.register(AlgorithmRecord)
class AlgorithmRecordAdmin(ReadOnlyAdmin):
    list_display = ["name", "project", "publication_category", "updated_at"]
    list_filter = ["publication_category"]

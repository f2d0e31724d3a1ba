from django.contrib import admin

from koers.audit.admin import ReadOnlyAdmin

from .models import Partner


@admin.register(Partner)
class PartnerAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "project", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation__name", "project__title"]

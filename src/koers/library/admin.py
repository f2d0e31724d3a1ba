from django.contrib import admin

from koers.audit.admin import ReadOnlyAdmin

from .models import Adoption, ReferenceCase


@admin.register(ReferenceCase)
class ReferenceCaseAdmin(ReadOnlyAdmin):
    list_display = ["title_nl", "organisation_name", "domain", "stage_reached"]
    list_filter = ["domain", "stage_reached"]


@admin.register(Adoption)
class AdoptionAdmin(ReadOnlyAdmin):
    list_display = ["project", "adopter", "original_project", "original_case", "at"]

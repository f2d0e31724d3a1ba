from django.contrib import admin

from .models import Adoption, ReferenceCase


@admin.register(ReferenceCase)
class ReferenceCaseAdmin(admin.ModelAdmin):
    list_display = ["title_nl", "organisation_name", "domain", "stage_reached"]
    list_filter = ["domain", "stage_reached"]


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    list_display = ["project", "adopter", "original_project", "original_case", "at"]

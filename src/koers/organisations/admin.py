from django.contrib import admin

from .models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "cbs_code", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "slug", "cbs_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

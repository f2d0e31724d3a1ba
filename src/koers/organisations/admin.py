from django.contrib import admin

from .models import Membership, Organisation
from .services import ORGANISATION_FIELDS, membership_set, organisation_create, organisation_update


class MembershipInline(admin.TabularInline):
    """Roles are given through `membership_set` (history); nobody is removed here, because
    removing people has rules of its own (the organisation's last administrator)."""

    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    can_delete = False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Platform staff create and rename organisations here; every save goes through the
    organisations' services, so it is validated and recorded in the history."""

    list_display = ["name", "kind", "cbs_code", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "slug", "cbs_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def has_delete_permission(self, request, obj=None):
        # An organisation's projects and history are never deleted with it (see docs).
        return False

    def save_model(self, request, obj, form, change):
        fields = {f: form.cleaned_data[f] for f in ORGANISATION_FIELDS if f in form.cleaned_data}
        if change:
            saved = organisation_update(organisation=obj, by=request.user, **fields)
        else:
            saved = organisation_create(by=request.user, **fields)
        obj.pk, obj.created_at = saved.pk, saved.created_at
        obj._state.adding = False

    def save_formset(self, request, form, formset, change):
        for membership in formset.save(commit=False):
            membership_set(
                user=membership.user,
                organisation=form.instance,
                role=membership.role,
                by=request.user,
            )

"""People in the admin: nobody is deleted (their answers and history would go, or the
deletion fails on protected records); platform staff anonymise instead."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .services import user_anonymise

User = get_user_model()


@admin.action(description=gettext_lazy("Anonymise the selected people (they left)"))
def anonymise(modeladmin, request, queryset):
    for user in queryset:
        for project in user_anonymise(user=user, by=request.user):
            messages.warning(
                request, _("%(project)s has no project leader now.") % {"project": project}
            )
    messages.success(request, _("%(n)d anonymised.") % {"n": queryset.count()})


class KoersUserAdmin(UserAdmin):
    actions = [anonymise]

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(User)
admin.site.register(User, KoersUserAdmin)

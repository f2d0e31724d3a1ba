from django.contrib import admin

from koers.audit.admin import ReadOnlyAdmin

from .models import ActionOption, Factor, FrameworkVersion, Indicator

# Versions are loaded and activated from a framework file (`koers framework_load`), never
# edited in place: old scans keep pointing at what they answered.


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ReadOnlyAdmin):
    list_display = ["number", "title_en", "is_active", "loaded_at"]


@admin.register(Factor)
class FactorAdmin(ReadOnlyAdmin):
    list_display = ["version", "number", "name_nl", "name_en"]
    list_filter = ["version"]


admin.site.register(Indicator, ReadOnlyAdmin)
admin.site.register(ActionOption, ReadOnlyAdmin)

from django.contrib import admin

from .models import ActionOption, Factor, FrameworkVersion, Indicator


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "title_en", "is_active", "loaded_at"]
    readonly_fields = ["content_hash", "loaded_at", "loaded_by"]


@admin.register(Factor)
class FactorAdmin(admin.ModelAdmin):
    list_display = ["version", "number", "name_nl", "name_en"]
    list_filter = ["version"]


admin.site.register(Indicator)
admin.site.register(ActionOption)

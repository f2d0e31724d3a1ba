from django.contrib import admin

from .models import Project, ProjectMember, StageEvent, Technique, Theme


class TeamInline(admin.TabularInline):
    model = ProjectMember
    extra = 0
    autocomplete_fields = ["user"]


class StageEventInline(admin.TabularInline):
    model = StageEvent
    extra = 0
    readonly_fields = ["from_stage", "to_stage", "on", "note", "by"]
    can_delete = False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "stage", "visibility", "is_demo", "updated_at"]
    list_filter = ["stage", "domain", "visibility", "is_demo"]
    search_fields = ["title", "problem"]
    readonly_fields = ["stage", "stage_since", "last_scan", "version"]
    inlines = [TeamInline, StageEventInline]


admin.site.register(Theme)
admin.site.register(Technique)

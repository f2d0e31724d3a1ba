from django.contrib import admin

from koers.audit.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import BudgetLine, Mandate, Project, ProjectMember, StageEvent, Technique, Theme


class TeamInline(ReadOnlyInline):
    model = ProjectMember


class StageEventInline(ReadOnlyInline):
    model = StageEvent


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine


class MandateInline(ReadOnlyInline):
    model = Mandate


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["title", "owner", "stage", "visibility", "is_demo", "updated_at"]
    list_filter = ["stage", "domain", "visibility", "is_demo"]
    search_fields = ["title", "problem"]
    inlines = [TeamInline, StageEventInline, BudgetLineInline, MandateInline]


admin.site.register(Theme, ReadOnlyAdmin)
admin.site.register(Technique, ReadOnlyAdmin)

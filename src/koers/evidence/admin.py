from django.contrib import admin

from koers.audit.admin import ReadOnlyAdmin

from .models import EndUserSession, LearningEvent, Step


@admin.register(Step)
class StepAdmin(ReadOnlyAdmin):
    list_display = ["goal", "project", "started_on", "planned_end", "ended_on", "result"]
    list_filter = ["result"]


@admin.register(EndUserSession)
class EndUserSessionAdmin(ReadOnlyAdmin):
    list_display = ["kind", "project", "held_on", "participants"]
    list_filter = ["kind"]


@admin.register(LearningEvent)
class LearningEventAdmin(ReadOnlyAdmin):
    list_display = ["kind", "project", "held_on"]
    list_filter = ["kind"]

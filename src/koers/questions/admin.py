from django.contrib import admin

from koers.audit.admin import ReadOnlyAdmin

from .models import Question, QuestionLink, SameNeed


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ("title", "organisation", "domain", "status", "asked_at")
    list_filter = ("status", "domain")
    search_fields = ("title",)


@admin.register(QuestionLink)
class QuestionLinkAdmin(ReadOnlyAdmin):
    list_display = ("question", "project", "linked_at", "feedback_on")


@admin.register(SameNeed)
class SameNeedAdmin(ReadOnlyAdmin):
    list_display = ("first", "second", "linked_at")

from django.contrib import admin

from .models import Action


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "factor_number", "status", "due_date"]
    list_filter = ["status", "factor_number"]

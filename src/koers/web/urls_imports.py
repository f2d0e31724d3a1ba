"""The import's pages (koers.imports), kept apart so that web/urls.py names them in one line."""

from django.urls import path

from .views import imports

import_patterns = [
    path("organisations/<slug:slug>/import/", imports.import_start, name="import_start"),
    path(
        "organisations/<slug:slug>/import/<int:pk>/columns/",
        imports.import_columns,
        name="import_columns",
    ),
    path("organisations/<slug:slug>/import/<int:pk>/", imports.import_check, name="import_check"),
    path(
        "organisations/<slug:slug>/import/<int:pk>/apply/",
        imports.import_apply,
        name="import_apply",
    ),
    path(
        "organisations/<slug:slug>/import/<int:pk>/status/",
        imports.import_status,
        name="import_status",
    ),
    path(
        "organisations/<slug:slug>/import/template-<str:language>.<str:kind>",
        imports.import_template,
        name="import_template",
    ),
]

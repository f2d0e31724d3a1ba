"""The admin in one language: every app, model and field of Koers that the admin shows has
a Dutch name in the catalogue (it mixed "ACTIONS", "Adoptions" and "Factors" into Dutch)."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.functional import Promise
from django.utils.translation import trans_real

# The notices app keeps its own catalogue and is being built by another change this
# session; its field names follow there.
ELSEWHERE = {"notifications"}


def _koers_models():
    registered = set(admin.site._registry)
    for model_admin in admin.site._registry.values():
        registered |= {inline.model for inline in getattr(model_admin, "inlines", [])}
    return [
        m
        for m in registered
        if m.__module__.startswith("koers.") and m._meta.app_label not in ELSEWHERE
    ]


def _untranslated(names):
    catalogue = trans_real.translation("nl")._catalog
    return [
        (where, str(name))
        for where, name in names
        if not isinstance(name, Promise) or str(name._args[0]) not in catalogue
    ]


def test_every_name_the_admin_shows_is_in_the_dutch_catalogue(db):
    names = []
    for model in _koers_models():
        meta = model._meta
        app = apps.get_app_config(meta.app_label)
        names += [(app.label, app.verbose_name), (meta.label, meta.verbose_name)]
        names.append((meta.label, meta.verbose_name_plural))
        for field in meta.get_fields():
            if hasattr(field, "verbose_name") and not field.auto_created:
                names.append((f"{meta.label}.{field.name}", field.verbose_name))
    assert _koers_models() and not _untranslated(names), _untranslated(names)


@pytest.mark.parametrize("english", ["Adoptions", "Factors", "Study cases", "Case library"])
def test_the_admin_index_reads_dutch(client, db, english):
    staff = get_user_model().objects.create_superuser("staff", "s@example.org", "pw-123456!")
    client.force_login(staff)
    page = client.get("/admin/").content.decode()
    assert "Casusbibliotheek" in page and "Overnames" in page
    assert english not in page

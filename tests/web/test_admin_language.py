"""The admin in one language: every app, model and field of Koers has a Dutch name in the
catalogue (it mixed "ACTIONS", "Adoptions" and "Factors" into Dutch, and the notices' and
scans' field names were English), and so do the admin's own actions."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.functional import Promise
from django.utils.translation import trans_real


def _koers_models():
    """Every model of Koers: those the admin lists, shows inline or names in a relation."""
    return [m for m in apps.get_models() if m.__module__.startswith("koers.")]


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


def test_every_app_and_admin_action_of_koers_has_a_dutch_name(db):
    names = [
        (config.label, config.verbose_name)
        for config in apps.get_app_configs()
        if config.name.startswith("koers.")
    ]
    for model, model_admin in admin.site._registry.items():
        # Other packages' models whose names they mark for translation (django-axes, the
        # task queue; django-otp's are plain English and stay so).
        if not model.__module__.startswith(("koers.", "django.contrib.")):
            meta = model._meta
            for key in ("verbose_name", "verbose_name_plural"):
                if isinstance(meta.original_attrs.get(key), Promise):
                    names.append((meta.label, getattr(meta, key)))
        for action in model_admin.actions or []:
            if callable(action) and action.__module__.startswith("koers."):
                names.append((action.__name__, action.short_description))
    assert len(names) > 20 and not _untranslated(names), _untranslated(names)

"""Demo administrators made before were staff (one a superuser) and so reached every
organisation's records in Django's admin; the admin is for platform staff only now."""

from django.db import migrations

DEMO_MAIL = "@demo.koers.invalid"


def demo_users_not_staff(apps, schema_editor):
    User = apps.get_model("auth", "User")
    User.objects.filter(email__endswith=DEMO_MAIL).update(is_staff=False, is_superuser=False)


class Migration(migrations.Migration):
    dependencies = [
        ("guards", "0001_cache_table"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(demo_users_not_staff, migrations.RunPython.noop)]

from django.db import migrations

from koers.projects.vocabulary import vocabulary_sync


def load(apps, schema_editor):
    vocabulary_sync(apps.get_model("projects", "Theme"), apps.get_model("projects", "Technique"))


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

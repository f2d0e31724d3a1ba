from django.db import migrations


class Migration(migrations.Migration):
    """Partners are koers.partners.Partner records now (moved there by its migration 0002)."""

    dependencies = [
        ("projects", "0008_room_and_disciplines"),
        ("partners", "0002_from_project_partners"),
    ]

    operations = [migrations.RemoveField(model_name="project", name="partners")]

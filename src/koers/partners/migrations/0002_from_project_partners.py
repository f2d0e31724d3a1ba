"""The old list of partner organisations on a project (Project.partners, a many-to-many to
Organisation) becomes Partner records linked to those organisations, so that there is one
concept of a partner. The old list said nothing of the kind of partnership, what the partner
brought or since when: municipalities and regional partnerships become "other municipality",
other organisations "chain partner", dated from the project's start, bringing nothing
recorded yet (the team fills it in when it next edits the partner)."""

from django.db import migrations


def forward(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    Partner = apps.get_model("partners", "Partner")
    through = Project._meta.get_field("partners").remote_field.through
    links = through.objects.select_related("project", "organisation").order_by("id")
    Partner.objects.bulk_create(
        [
            Partner(
                project_id=link.project_id,
                organisation_id=link.organisation_id,
                kind="municipality"
                if link.organisation.kind in ("municipality", "partnership")
                else "chain_partner",
                starts_on=link.project.started_on,
            )
            for link in links
            if link.organisation_id != link.project.owner_id
        ]
    )


def backward(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    Partner = apps.get_model("partners", "Partner")
    through = Project._meta.get_field("partners").remote_field.through
    pairs = set(
        Partner.objects.filter(organisation__isnull=False).values_list(
            "project_id", "organisation_id"
        )
    )
    through.objects.bulk_create(
        [through(project_id=p, organisation_id=o) for p, o in sorted(pairs)]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("projects", "0008_room_and_disciplines"),
    ]

    operations = [migrations.RunPython(forward, backward)]

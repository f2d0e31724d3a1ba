"""Work the `koers db_worker` process does outside any request (django-tasks)."""

from django_tasks import task

from .kept import compute_and_keep


@task()
def compute_analysis(organisation_id: int, settings_key: str) -> str:
    """An organisation's analysis for the data as they are when the task runs (kept.py)."""
    return compute_and_keep(organisation_id=organisation_id, key=settings_key)

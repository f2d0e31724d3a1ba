"""Work the `koers db_worker` process does outside any request (django-tasks): a long list
is imported here, so that the page need not wait for it (services.upload_apply)."""

from django_tasks import task


@task()
def apply_upload(upload_id: int) -> str:
    """Import a queued upload: every row or none; the upload keeps the outcome."""
    from .services import upload_run

    return upload_run(upload_id=upload_id)

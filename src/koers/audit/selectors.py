"""Reading history; callers pass objects they have already checked access to."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .models import ChangeRecord


def history_for(*, obj: models.Model) -> QuerySet[ChangeRecord]:
    ct = ContentType.objects.get_for_model(obj)
    return ChangeRecord.objects.filter(content_type=ct, object_id=obj.pk).select_related("actor")

"""The portfolio workbook's sheet of questions ("Vragen" in Dutch, "Questions" in English)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.projects.lifecycle import STAGE_LABELS

from .models import Question, QuestionLink


def _local_day(moment: Any) -> Any:
    return timezone.localtime(moment).date() if moment else None


def questions_sheet(organisation: Any, filters: Any) -> tuple[str, list[str], Iterator[list[Any]]]:
    """One row per question of the organisation (the dashboard's domain filter applies),
    with the projects that answer it and the asker's latest feedback. The caller checked
    that the user may export the organisation's portfolio. Askers are not named: the sheet
    travels further than the board."""
    questions = Question.objects.filter(organisation=organisation)
    if getattr(filters, "domain", ""):
        questions = questions.filter(domain=filters.domain)
    links = QuestionLink.objects.select_related("project").order_by("linked_at", "id")
    headers = [
        _("Question id"),
        _("Question"),
        _("Domain"),
        _("Department"),
        _("How often"),
        _("Status"),
        _("Reason"),
        _("Merged into (id)"),
        _("Asked on"),
        _("Status since"),
        _("Shared with the network"),
        _("Projects answering"),
        _("Stages of those projects"),
        _("Asker last saw a result"),
        _("What the asker said"),
    ]

    def rows() -> Iterator[list[Any]]:
        for q in (
            questions.prefetch_related(Prefetch("links", queryset=links))
            .order_by("asked_at", "id")
            .iterator(chunk_size=500)
        ):
            answered = list(q.links.all())
            latest = max(
                (link for link in answered if link.feedback_on),
                key=lambda link: link.feedback_on,
                default=None,
            )
            yield [
                q.pk,
                q.title,
                q.get_domain_display(),
                q.department,
                q.get_frequency_display(),
                q.get_status_display(),
                q.status_reason,
                q.merged_into_id,
                _local_day(q.asked_at),
                _local_day(q.status_changed_at),
                _("yes") if q.visibility == "network" else _("no"),
                "; ".join(link.project.title for link in answered),
                "; ".join(str(STAGE_LABELS[link.project.stage]) for link in answered),
                latest.feedback_on if latest else None,
                latest.feedback if latest else "",
            ]

    return _("Questions"), headers, rows()

"""Project PDFs made once and kept: WeasyPrint takes about a third of a second of CPU per
report, while a project changes a few times a week and is read by many.

A kept PDF is found under everything it is made from: the project, the organisation's stamp
(`koers.audit.stamps`: any change of one of its records through the services, and of any
person), the release, the language, the day (the evidence is read as of today) and what the
reader may see of the scan: whether the result is kept from them until they have answered,
and whether they read it in full or only its shared profile. Two readers who may see the
same get the same bytes; nobody gets a PDF made for someone who may see more.
"""

import hashlib
from typing import Any

from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.utils import timezone

from koers.assessments.selectors import reads_scans_in_full, result_hidden_for
from koers.audit import stamps
from koers.projects.models import Project
from koers.projects.selectors import project_get, projects_visible_to
from koers.web.kept import release

from .documents import project_report_pdf

# A kept PDF's key changes with every change; the day bounds it for a change that was lost
# between commit and the stamp's update (a process that died in between).
KEEP_SECONDS = 24 * 3600


def project_report_kept(*, user: Any, pk: Any, language: str) -> tuple[Project, bytes]:
    """The project's PDF as this user may read it (404 when they may not see the project)."""
    owner_id = Project.objects.filter(pk=pk).values_list("owner_id", flat=True).first()
    # The stamp is read before the data: what is kept under it is at least that new.
    stamp = stamps.current(owner_id) if owner_id is not None else ""
    # Enough of the project to know whether and what the user may read; the whole project
    # (team, events, themes) only when the PDF has to be made.
    project = get_object_or_404(projects_visible_to(user).select_related("last_scan"), pk=pk)
    key, _hide = _key(project, user, stamp, language)
    pdf = cache.get(key)
    if pdf is None:
        project = project_get(user=user, pk=pk)
        key, hide = _key(project, user, stamp, language)  # what it is made from, as it is now
        pdf = project_report_pdf(project=project, language=language, hide_scan=hide, reader=user)
        cache.set(key, pdf, KEEP_SECONDS)
    return project, pdf


def _key(project: Project, user: Any, stamp: str, language: str) -> tuple[str, bool]:
    """Everything the PDF is made from, of the reader only what they may see of it; and
    whether the scan's result is kept from them."""
    hide = bool(project.last_scan) and result_hidden_for(scan=project.last_scan, user=user)
    full = reads_scans_in_full(user=user, project=project)
    parts = [
        project.pk,
        project.version,
        project.updated_at.isoformat(),
        project.last_scan_id,
        stamp,
        release(),
        language,
        timezone.localdate().isoformat(),
        f"hidden={hide}",
        f"full={full}",
    ]
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:32]
    return f"koers:pdf:project:{project.pk}:{digest}", hide

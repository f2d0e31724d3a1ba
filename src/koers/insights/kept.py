"""The analysis once per change of the data, computed by the worker and kept in the database.

A change that the analysis reads bumps the organisation's data version in its transaction
(`organisations.services.portfolio_changed`); after commit it requests the organisation's
analysis at the default settings. A page that finds no analysis for the current state of the
data requests it too, and says "being computed" until the worker has stored it. The worker
task (`tasks.compute_analysis`) reads the data version before the data, so a result is never
stored under a version newer than the data it was computed from; pages read only the result
of the current version, so a stale one is never shown as current.

What is kept holds no sentence in any language: errors are codes (engine_messages), factors
are read in the reader's language when the page is made.
"""

import dataclasses
import datetime
import json
import logging
import pickle
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Sum
from django.db.models.fields.json import KeyTransform
from django.utils import timezone
from django_tasks import TaskResultStatus

from koers.framework.models import Factor
from koers.framework.selectors import framework_active
from koers.organisations.models import Organisation, Role
from koers.organisations.selectors import has_role
from koers.projects.models import Project

from .models import KeptAnalysis
from .qca import (
    MIN_PATH_PROJECTS,
    NETWORK,
    AnalysisSettings,
    Literal,
    Path,
    PortfolioAnalysis,
    ProjectPath,
    ProjectReading,
    carries_a_project_reading,
    portfolio_analysis,
    project_path,
)

log = logging.getLogger(__name__)

DEFAULT = AnalysisSettings()
# A request the worker has not answered in this time is made again (a worker that died).
RETRY_AFTER = datetime.timedelta(minutes=10)


class Computing:
    """The analysis for the current data is not there yet: the worker is computing it."""

    is_computing = True  # for templates: `{% if path.is_computing %}`


COMPUTING = Computing()


def settings_key(settings: AnalysisSettings) -> str:
    return json.dumps(dataclasses.asdict(settings), sort_keys=True, separators=(",", ":"))


def settings_from_key(key: str) -> AnalysisSettings:
    values = json.loads(key)
    values["factors"] = tuple(values["factors"])
    values["evidence"] = tuple(values.get("evidence", ()))  # JSON keeps tuples as lists
    return AnalysisSettings(**values)


DEFAULT_KEY = settings_key(DEFAULT)


@dataclass(frozen=True)
class State:
    """What an analysis depends on besides its settings."""

    data_version: int
    framework_version_id: int
    day: datetime.date


def current_state(*, organisation_id: int, settings: AnalysisSettings) -> State | None:
    """The state of the data an analysis with these settings reads now; None without an
    active framework. The network's analysis reads every organisation's shared projects, so
    its version is the sum of all data versions (each only grows, so the sum changes exactly
    when one of them does)."""
    framework = framework_active()
    if framework is None:
        return None
    if settings.scope == NETWORK:
        version = Organisation.objects.aggregate(v=Sum("data_version"))["v"] or 0
    else:
        version = Organisation.objects.values_list("data_version", flat=True).get(
            pk=organisation_id
        )
    return State(version, framework.pk, timezone.localdate())


def _state_fields(organisation_id: int, key: str, state: State) -> dict[str, Any]:
    return {
        "organisation_id": organisation_id,
        "settings_key": key,
        "data_version": state.data_version,
        "framework_version_id": state.framework_version_id,
        "day": state.day,
    }


def _rows(organisation_id: int, key: str, state: State):
    return KeptAnalysis.objects.filter(**_state_fields(organisation_id, key, state))


def request_analysis(*, organisation_id: int, settings: AnalysisSettings = DEFAULT) -> bool:
    """Ask the worker for the analysis of the current data, once: a second request for the
    same state is answered by the first. True when it was computed right away (the immediate
    task backend of `make run` and the tests)."""
    from .tasks import compute_analysis

    state = current_state(organisation_id=organisation_id, settings=settings)
    if state is None:
        return False
    key = settings_key(settings)
    now = timezone.now()
    row, created = KeptAnalysis.objects.get_or_create(
        **_state_fields(organisation_id, key, state),
        defaults={"requested_at": now},
    )
    if not created:
        if row.computed_at is not None or now - row.requested_at < RETRY_AFTER:
            return False
        KeptAnalysis.objects.filter(pk=row.pk).update(requested_at=now)
    result = compute_analysis.enqueue(organisation_id, key)
    return result.status == TaskResultStatus.SUCCESSFUL


class _RequestAfterCommit:
    """One request per organisation per transaction, however many changes it made."""

    def __init__(self, organisation_id: int):
        self.organisation_id = organisation_id

    def __call__(self) -> None:
        request_analysis(organisation_id=self.organisation_id)


def request_after_commit(*, organisation_id: int) -> None:
    waiting = (entry[1] for entry in connection.run_on_commit)
    if any(
        isinstance(f, _RequestAfterCommit) and f.organisation_id == organisation_id for f in waiting
    ):
        return
    transaction.on_commit(_RequestAfterCommit(organisation_id))


def compute_and_keep(*, organisation_id: int, key: str) -> str:
    """The worker's part (tasks.compute_analysis): compute the analysis for the current data
    unless it is kept already. Safe to run twice for one state, and in parallel."""
    settings = settings_from_key(key)
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return "organisation gone"
    # The version before the data: whatever the analysis then reads is at least as new.
    state = current_state(organisation_id=organisation_id, settings=settings)
    if state is None:
        return "no active framework"
    if _rows(organisation_id, key, state).filter(computed_at__isnull=False).exists():
        return "kept already"
    analysis = portfolio_analysis(organisation=organisation, settings=settings)
    paths = (
        {path_key(pk): reading_data(analysis, pk) for pk in analysis.memberships}
        if key == DEFAULT_KEY
        else {}
    )
    result = {
        "analysis": pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL),
        "paths": paths,
        "computed_at": timezone.now(),
    }
    KeptAnalysis.objects.update_or_create(
        **_state_fields(organisation_id, key, state),
        defaults=result,
        create_defaults={**result, "requested_at": result["computed_at"]},
    )
    # What no page will read again: earlier versions of this analysis, earlier days.
    KeptAnalysis.objects.filter(organisation_id=organisation_id).filter(day__lt=state.day).delete()
    KeptAnalysis.objects.filter(
        organisation_id=organisation_id, settings_key=key, data_version__lt=state.data_version
    ).delete()
    return "computed"


def analysis_kept(
    *, organisation: Organisation, settings: AnalysisSettings
) -> PortfolioAnalysis | Computing:
    """The analysis page's analysis for the current data, or COMPUTING while the worker
    computes it (requested here when nobody had)."""
    state = current_state(organisation_id=organisation.pk, settings=settings)
    if state is None:  # nothing to compute: the analysis says why at once
        return portfolio_analysis(organisation=organisation, settings=settings)
    key = settings_key(settings)
    analysis = _kept_analysis(organisation.pk, key, state)
    if analysis is None and request_analysis(organisation_id=organisation.pk, settings=settings):
        analysis = _kept_analysis(organisation.pk, key, state)
    return COMPUTING if analysis is None else analysis


def _kept_analysis(organisation_id: int, key: str, state: State) -> PortfolioAnalysis | None:
    row = _rows(organisation_id, key, state).filter(computed_at__isnull=False)
    row = row.only("analysis").first()
    if row is None:
        return None
    try:
        return pickle.loads(row.analysis)
    except Exception:  # kept by an older release of the code: the worker computes it again
        log.warning("A kept analysis could not be read; it is computed again.")
        row.delete()
        return None


def path_key(project_id: int) -> str:
    # Not the bare id: a key of digits reads as an array index in a JSON path.
    return f"p{project_id}"


def reading_data(analysis: PortfolioAnalysis, project_id: int) -> dict[str, Any]:
    """What the project page says about one project, as language-free data."""
    compared = len(analysis.cases)
    if not carries_a_project_reading(analysis):
        return {"compared": compared}
    path, lacking = project_path(analysis, project_id)
    if path is None or path.cases < MIN_PATH_PROJECTS:
        return {"compared": compared}
    return {
        "compared": compared,
        "path": {
            "literals": _literals_data(path.literals),
            "inclusion": path.inclusion,
            "coverage": path.coverage,
            "unique_coverage": path.unique_coverage,
            "cases": path.cases,
            "members": path.members,
        },
        "lacking": _literals_data(lacking),
    }


def _literals_data(literals: list[Literal]) -> list[list[Any]]:
    return [[lit.factor.number, lit.strong] for lit in literals]


def reading_from_data(data: dict[str, Any], factors: dict[int, Factor]) -> ProjectReading:
    if "path" not in data:
        return ProjectReading(None, data["compared"])

    def literals(items: list[list[Any]]) -> list[Literal]:
        return [Literal(factors[number], bool(strong)) for number, strong in items]

    kept = data["path"]
    path = Path(
        literals(kept["literals"]),
        kept["inclusion"],
        kept["coverage"],
        kept["unique_coverage"],
        kept["cases"],
        kept["members"],
    )
    return ProjectReading(ProjectPath(path, literals(data["lacking"])), data["compared"])


def project_path_get(*, user: Any, project: Project) -> ProjectReading | Computing | None:
    """For people of the owning organisation: the path of their portfolio's analysis (default
    settings) that the project follows, or the closest one and what it lacks, when the data
    can carry it (see qca.MIN_CASES); COMPUTING while the worker computes the analysis of the
    current data. None for anyone else, or when the project is no case of the analysis. One
    query when kept (two when a path is named: the factors' names)."""
    if not has_role(user, project.owner_id, Role.VIEWER):
        return None
    kept = _kept_reading(project)
    if kept is None or kept[0] is None:
        if not request_analysis(organisation_id=project.owner_id):
            return COMPUTING
        kept = _kept_reading(project)
        if kept is None or kept[0] is None:
            return COMPUTING
    data = kept[1]
    if data is None:
        return None
    if isinstance(data, str):  # SQLite hands a JSON value out as its text
        data = json.loads(data)
    factors = {}
    if "path" in data:
        factors = {f.number: f for f in Factor.objects.filter(version__is_active=True)}
    return reading_from_data(data, factors)


def _kept_reading(project: Project) -> tuple[Any, Any] | None:
    """(computed at, the project's reading) of the current data's analysis, None if not
    requested yet; the data version is read in the same query."""
    return (
        KeptAnalysis.objects.filter(
            organisation_id=project.owner_id,
            settings_key=DEFAULT_KEY,
            data_version=F("organisation__data_version"),
            framework_version__is_active=True,
            day=timezone.localdate(),
        )
        .values_list("computed_at", KeyTransform(path_key(project.pk), "paths"))
        .first()
    )

"""The project lifecycle: stages and the moves allowed between them, as one table."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

IDEA, EXPERIMENT, DEVELOPMENT = "idea", "experiment", "development"
IMPLEMENTED, SCALED_INTERNAL, SCALED_EXTERNAL = "implemented", "scaled_internal", "scaled_external"
STOPPED = "stopped"

PROGRESS_STAGES: tuple[str, ...] = (
    IDEA,
    EXPERIMENT,
    DEVELOPMENT,
    IMPLEMENTED,
    SCALED_INTERNAL,
    SCALED_EXTERNAL,
)
STAGE_LABELS = {
    IDEA: gettext_lazy("Idea"),
    EXPERIMENT: gettext_lazy("Experiment"),
    DEVELOPMENT: gettext_lazy("Development"),
    IMPLEMENTED: gettext_lazy("Implemented"),
    SCALED_INTERNAL: gettext_lazy("Scaled up internally"),
    SCALED_EXTERNAL: gettext_lazy("Scaled up to other organisations"),
    STOPPED: gettext_lazy("Stopped"),
}

# Forward one step (an idea may skip the experiment; an implemented project may be taken
# over by another organisation directly), back one step when a step must be redone, or stop.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    IDEA: frozenset({EXPERIMENT, DEVELOPMENT, STOPPED}),
    EXPERIMENT: frozenset({IDEA, DEVELOPMENT, STOPPED}),
    DEVELOPMENT: frozenset({EXPERIMENT, IMPLEMENTED, STOPPED}),
    IMPLEMENTED: frozenset({DEVELOPMENT, SCALED_INTERNAL, SCALED_EXTERNAL, STOPPED}),
    SCALED_INTERNAL: frozenset({IMPLEMENTED, SCALED_EXTERNAL, STOPPED}),
    SCALED_EXTERNAL: frozenset({SCALED_INTERNAL, STOPPED}),
    STOPPED: frozenset(),  # only a reopen, to the stage where it stopped
}


class StageMoveRefused(ValueError):
    """A move the lifecycle does not allow; the message explains why."""


def check_move(current: str, target: str, *, stage_before_stop: str | None) -> None:
    if target not in STAGE_LABELS:
        raise StageMoveRefused(_("Unknown stage."))
    if target == current:
        raise StageMoveRefused(_("The project is already in this stage."))
    if current == STOPPED:
        if target != stage_before_stop:
            raise StageMoveRefused(
                _(
                    "This project was stopped. Reopen it first at the stage where it stopped "
                    "(%(stage)s)."
                )
                % {"stage": STAGE_LABELS.get(stage_before_stop or IDEA)}
            )
        return
    if target not in ALLOWED_MOVES[current]:
        if PROGRESS_STAGES.index(target) > PROGRESS_STAGES.index(current):
            needed = PROGRESS_STAGES[PROGRESS_STAGES.index(target) - 1]
            raise StageMoveRefused(
                _("A project cannot become '%(target)s' before it has been '%(needed)s'.")
                % {"target": STAGE_LABELS[target], "needed": STAGE_LABELS[needed]}
            )
        raise StageMoveRefused(
            _(
                "A project can only go back one stage at a time; from '%(current)s' to "
                "'%(target)s' is too far."
            )
            % {"current": STAGE_LABELS[current], "target": STAGE_LABELS[target]}
        )


def allowed_targets(current: str, *, stage_before_stop: str | None) -> list[str]:
    if current == STOPPED:
        return [stage_before_stop or IDEA]
    order = [*PROGRESS_STAGES, STOPPED]
    return [s for s in order if s in ALLOWED_MOVES[current]]


def is_implemented(stage: str) -> bool:
    return stage in (IMPLEMENTED, SCALED_INTERNAL, SCALED_EXTERNAL)


def is_scaled(stage: str) -> bool:
    return stage in (SCALED_INTERNAL, SCALED_EXTERNAL)

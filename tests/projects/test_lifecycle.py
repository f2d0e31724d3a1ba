"""The lifecycle table: which stage moves are allowed, and why others are refused."""

import pytest

from koers.projects import lifecycle as lc

ALLOWED = [
    (lc.IDEA, lc.EXPERIMENT, None),  # the usual first step
    (lc.IDEA, lc.DEVELOPMENT, None),  # an idea may skip the experiment
    (lc.EXPERIMENT, lc.IDEA, None),  # back one step to rethink
    (lc.DEVELOPMENT, lc.IMPLEMENTED, None),
    (lc.IMPLEMENTED, lc.SCALED_EXTERNAL, None),  # adopted by another organisation
    (lc.SCALED_INTERNAL, lc.SCALED_EXTERNAL, None),
    (lc.DEVELOPMENT, lc.STOPPED, None),  # stopping is possible from any stage
    (lc.STOPPED, lc.EXPERIMENT, lc.EXPERIMENT),  # reopen where it stopped
]

REFUSED = [
    (lc.IDEA, lc.IMPLEMENTED, None, "before"),  # implemented before development
    (lc.EXPERIMENT, lc.SCALED_INTERNAL, None, "before"),  # scaled before implemented
    (lc.DEVELOPMENT, lc.SCALED_EXTERNAL, None, "before"),
    (lc.IMPLEMENTED, lc.IDEA, None, "back"),  # back more than one step
    (lc.STOPPED, lc.IMPLEMENTED, lc.EXPERIMENT, "stopped"),  # after stop only a reopen
    (lc.STOPPED, lc.STOPPED, lc.EXPERIMENT, "already"),
    (lc.IDEA, lc.IDEA, None, "already"),
    (lc.IDEA, "finished", None, "Unknown"),
]


@pytest.mark.parametrize(("current", "target", "before_stop"), ALLOWED)
def test_allowed_moves(current, target, before_stop):
    lc.check_move(current, target, stage_before_stop=before_stop)
    assert target in lc.allowed_targets(current, stage_before_stop=before_stop)


@pytest.mark.parametrize(("current", "target", "before_stop", "reason"), REFUSED)
def test_refused_moves_explain_why(current, target, before_stop, reason):
    with pytest.raises(lc.StageMoveRefused, match=reason):
        lc.check_move(current, target, stage_before_stop=before_stop)
    assert target not in lc.allowed_targets(current, stage_before_stop=before_stop)


def test_outcomes_follow_from_the_stage():
    assert [lc.is_implemented(s) for s in lc.PROGRESS_STAGES] == [
        False,
        False,
        False,
        True,
        True,
        True,
    ]
    assert [lc.is_scaled(s) for s in lc.PROGRESS_STAGES] == [False, False, False, False, True, True]
    assert not lc.is_implemented(lc.STOPPED)

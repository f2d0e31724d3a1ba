"""The life of a question: which status may follow which, as a small table.

A question comes in as new. A coordinator considers it, and it ends up taken up by one or
more projects, parked for later, declined (with a reason the asker reads) or merged into
another question that asks the same. Taken up is reached by linking a project, never by
choosing it: the link is what makes it true.
"""

NEW = "new"
CONSIDERING = "considering"
TAKEN_UP = "taken_up"
PARKED = "parked"
DECLINED = "declined"
MERGED = "merged"

STATUSES = (NEW, CONSIDERING, TAKEN_UP, PARKED, DECLINED, MERGED)

# Where a coordinator may move a question by hand (taken up comes from linking a project).
TRIAGE_MOVES: dict[str, frozenset[str]] = {
    NEW: frozenset({CONSIDERING, PARKED, DECLINED, MERGED}),
    CONSIDERING: frozenset({NEW, PARKED, DECLINED, MERGED}),
    PARKED: frozenset({CONSIDERING, DECLINED, MERGED}),
    DECLINED: frozenset({CONSIDERING}),  # reopened, e.g. when circumstances change
    MERGED: frozenset({CONSIDERING}),  # unmerged
    # A taken-up question goes back to considering when its last project is unlinked; by
    # hand it can still be parked or merged (the projects stay linked, on record).
    TAKEN_UP: frozenset({PARKED, MERGED}),
}

# Statuses in which the question still waits for a decision.
OPEN = frozenset({NEW, CONSIDERING})
# Statuses that need a reason the asker can read.
NEEDS_REASON = frozenset({DECLINED})


def triage_targets(status: str) -> list[str]:
    """The statuses a coordinator may choose from `status`, in the order of STATUSES."""
    allowed = TRIAGE_MOVES.get(status, frozenset())
    return [s for s in STATUSES if s in allowed]


def may_move(status: str, to: str) -> bool:
    return to in TRIAGE_MOVES.get(status, frozenset())


def merge_loops(question_id: int, target_chain: list[int]) -> bool:
    """Whether merging question `question_id` into the question whose chain of merges is
    `target_chain` (the target first, then what it is merged into, and so on) makes a loop."""
    return question_id in target_chain

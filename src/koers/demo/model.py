"""The fictional outcome model behind the demo portfolio.

Each demo project gets a hidden profile: a strength from 0 to 1 per factor. Two factor
combinations make implementation likely, mirroring the study's core findings:

  path A: a multidisciplinary team (5) AND involved end users (8)
  path B: room and budget from management (2) AND a short-cycle way of working (4)

A project on either path (both factors >= 0.6) reaches implementation with probability 0.85,
otherwise 0.15. Implemented projects on both paths, or with a strong network (7), scale up
with probability 0.6, otherwise 0.2. Failures either stall (no move for a long time) or stop.
The noise makes the cross-case analysis find the paths, with imperfect consistency, as in
real portfolios.
"""

import random

STRONG = 0.6


def draw_profile(rng: random.Random) -> list[float]:
    """Nine strengths; correlated a little through a shared 'organisation maturity' term."""
    base = rng.uniform(0.25, 0.75)
    return [min(1.0, max(0.0, base + rng.gauss(0, 0.22))) for _ in range(9)]


def on_path(profile: list[float]) -> tuple[bool, bool]:
    path_a = profile[4] >= STRONG and profile[7] >= STRONG
    path_b = profile[1] >= STRONG and profile[3] >= STRONG
    return path_a, path_b


def draw_outcome(rng: random.Random, profile: list[float]) -> str:
    """'scaled', 'implemented', 'stalled' or 'stopped'."""
    path_a, path_b = on_path(profile)
    if rng.random() < (0.85 if path_a or path_b else 0.15):
        scale_chance = 0.6 if (path_a and path_b) or profile[6] >= STRONG else 0.2
        return "scaled" if rng.random() < scale_chance else "implemented"
    return "stopped" if rng.random() < 0.45 else "stalled"


def answer(rng: random.Random, strength: float) -> int | None:
    """A 1-5 answer around the strength; sometimes 'don't know'."""
    if rng.random() < 0.06:
        return None
    return min(5, max(1, round(1 + 4 * strength + rng.gauss(0, 0.7))))

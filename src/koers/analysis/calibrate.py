"""Calibration of raw values into set membership: crisp thresholds and the direct method."""

import math

import numpy as np

# The direct method maps the full-membership anchor to 0.95 and full non-membership to 0.05.
IDM = 0.95


def crisp(raw: np.ndarray, threshold: float) -> np.ndarray:
    """1 at or above the threshold, 0 below."""
    return (np.asarray(raw, dtype=float) >= threshold).astype(float)


def fuzzy(
    raw: np.ndarray, *, exclusion: float, crossover: float, inclusion: float, logistic: bool = True
) -> np.ndarray:
    """Direct method with three anchors (full non-membership, crossover, full membership).
    With inclusion < exclusion the set is decreasing (more raw value, less membership).
    `logistic=False` interpolates linearly between the anchors and clips at 0 and 1."""
    if not (exclusion < crossover < inclusion or inclusion < crossover < exclusion):
        raise ValueError("The crossover must lie between full non-membership and full membership.")
    x = np.asarray(raw, dtype=float)
    sign = 1.0 if inclusion > exclusion else -1.0
    above = sign * (x - crossover) >= 0
    span = np.where(above, abs(inclusion - crossover), abs(crossover - exclusion))
    distance = sign * (x - crossover) / span
    if logistic:
        log_odds = math.log(IDM / (1 - IDM))
        return 1.0 / (1.0 + np.exp(-distance * log_odds))
    return np.clip(0.5 + distance * 0.5, 0.0, 1.0)

"""Parameters of fit: inclusion (consistency), PRI, raw and unique coverage."""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SufficiencyFit:
    inclusion: float
    pri: float
    coverage: float


def sufficiency(x: np.ndarray, y: np.ndarray) -> SufficiencyFit:
    """Fit of 'x is sufficient for y' (x, y memberships per case)."""
    xy = np.minimum(x, y)
    sx, sxy, sy = x.sum(), xy.sum(), y.sum()
    xyny = np.minimum(xy, 1.0 - y).sum()
    inclusion = sxy / sx if sx else 0.0
    denominator = sx - xyny
    pri = (sxy - xyny) / denominator if denominator else 0.0
    return SufficiencyFit(float(inclusion), float(pri), float(sxy / sy) if sy else 0.0)


def sufficiency_of_rows(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """Inclusion, PRI and coverage of every row of x (one set per row) for y, at once."""
    xy = np.minimum(x, y)
    return sufficiency_of_sums(
        x.sum(axis=1), xy.sum(axis=1), np.minimum(xy, 1.0 - y).sum(axis=1), y.sum()
    )


def sufficiency_of_sums(
    sx: np.ndarray, sxy: np.ndarray, xyny: np.ndarray, sy: float
) -> tuple[np.ndarray, ...]:
    """Inclusion, PRI and coverage from the sums over cases of x, min(x, y) and
    min(x, y, 1 - y) (one entry per set), and of y."""
    inclusion = np.divide(sxy, sx, out=np.zeros_like(sx), where=sx != 0)
    denominator = sx - xyny
    pri = np.divide(sxy - xyny, denominator, out=np.zeros_like(sx), where=denominator != 0)
    coverage = sxy / sy if sy else np.zeros_like(sx)
    return inclusion, pri, coverage


@dataclass(frozen=True)
class NecessityFit:
    inclusion: float
    relevance: float
    coverage: float


def necessity(x: np.ndarray, y: np.ndarray) -> NecessityFit:
    """Fit of 'x is necessary for y': inclusion = sum(min(x,y))/sum(y), coverage =
    sum(min(x,y))/sum(x), relevance of necessity RoN = sum(1-x)/sum(1-min(x,y))."""
    xy = np.minimum(x, y).sum()
    sy, sx = y.sum(), x.sum()
    ron_den = (1.0 - np.minimum(x, y)).sum()
    return NecessityFit(
        float(xy / sy) if sy else 0.0,
        float((1.0 - x).sum() / ron_den) if ron_den else 0.0,
        float(xy / sx) if sx else 0.0,
    )

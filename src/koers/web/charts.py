"""Geometry for server-rendered SVG charts; templates draw it, a data table accompanies it."""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Axis:
    label: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str


@dataclass(frozen=True)
class Radar:
    size: int
    centre: float
    axes: list[Axis]
    rings: list[str]
    current: str
    previous: str | None
    points: list[tuple[float, float]]


def _point(
    centre: float, radius: float, index: int, count: int, fraction: float
) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (
        round(centre + radius * fraction * math.cos(angle), 1),
        round(centre + radius * fraction * math.sin(angle), 1),
    )


def _polygon(pts: list[tuple[float, float]]) -> str:
    return " ".join(f"{x},{y}" for x, y in pts)


def radar(
    values: list[float | None],
    labels: list[str],
    previous: list[float | None] | None = None,
    size: int = 360,
) -> Radar:
    """A radar of scores on 0-100; a missing score is drawn at the centre."""
    count = len(values)
    centre = size / 2
    radius = size / 2 - 36

    def shape(scores: list[float | None]) -> list[tuple[float, float]]:
        return [
            _point(centre, radius, i, count, max(0.0, min(100.0, s or 0.0)) / 100)
            for i, s in enumerate(scores)
        ]

    axes = []
    for i, label in enumerate(labels):
        x, y = _point(centre, radius, i, count, 1.0)
        lx, ly = _point(centre, radius + 18, i, count, 1.0)
        anchor = "middle" if abs(lx - centre) < 8 else ("start" if lx > centre else "end")
        axes.append(Axis(label=label, x=x, y=y, label_x=lx, label_y=ly + 5, anchor=anchor))
    rings = [
        _polygon([_point(centre, radius, i, count, f) for i in range(count)])
        for f in (0.25, 0.5, 0.75, 1.0)
    ]
    current = shape(values)
    return Radar(
        size=size,
        centre=centre,
        axes=axes,
        rings=rings,
        current=_polygon(current),
        previous=_polygon(shape(previous)) if previous else None,
        points=current,
    )

"""Geometry for server-rendered SVG charts; templates draw it, a data table accompanies it."""

import math
from collections.abc import Iterable
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


def text_width(text: str, font_size: float) -> float:
    """A generous estimate of a label's width in the sans-serif fonts the pages and PDFs use
    (Noto Sans, DejaVu Sans): wide enough that a label drawn in the room it gets is never cut."""
    return len(text) * font_size * 0.62


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    label_y: float
    y: float
    width: float
    text_x: float
    text_y: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bar_height: int
    font_size: int
    bars: list[Bar]


def bars(
    items: list[tuple[str, float]],
    width: int = 320,
    bar_height: int = 18,
    font_size: int = 14,
) -> BarChart:
    """Horizontal bars scaled to the largest value, each label on its own line above its bar:
    a long label ("Opgeschaald naar andere organisaties") gets the chart's full width, and the
    chart stays narrow enough to be drawn at full size on a phone."""
    largest = max((v for _, v in items), default=0) or 1
    value_room = text_width("0000", font_size) + 6
    room = width - value_room
    row = font_size + 6 + bar_height + 12
    out = []
    for i, (label, value) in enumerate(items):
        top = i * row
        w = round(room * value / largest, 1)
        bar_y = top + font_size + 6
        out.append(
            Bar(
                label=label,
                value=value,
                label_y=top + font_size,
                y=bar_y,
                width=w,
                text_x=w + 6,
                text_y=bar_y + bar_height - 4,
            )
        )
    return BarChart(
        width=width,
        height=len(items) * row,
        bar_height=bar_height,
        font_size=font_size,
        bars=out,
    )


# Nine colours that stay apart for common colour-vision deficiencies, one per factor.
SERIES_COLOURS = [
    "#0b5394",
    "#b45309",
    "#15803d",
    "#7c3aed",
    "#be123c",
    "#0e7490",
    "#4d7c0f",
    "#a21caf",
    "#57534e",
]


@dataclass(frozen=True)
class Series:
    name: str
    points: str
    dots: list[tuple[float, float]]
    colour: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    bottom: float
    font_size: int
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, int]]
    series: list[Series]


def factor_trend(
    trend: dict[str, dict[int, float | None]], numbers: Iterable[int]
) -> "LineChart | None":
    """The dashboard's trend: one line per factor over the quarters, or None without data."""
    quarters = sorted(trend)
    if not quarters:
        return None
    return lines(quarters, {str(n): [trend[q].get(n) for q in quarters] for n in numbers})


def lines(
    x_labels: list[str],
    series: dict[str, list[float | None]],
    width: int = 560,
    height: int = 260,
    font_size: int = 13,
) -> LineChart:
    """Lines on a 0-100 scale; gaps where a value is missing. The outer labels get room to be
    read whole, and labels are thinned (the latest always kept) when they would overlap."""
    widest = max((text_width(label, font_size) for label in x_labels), default=0)
    left, top, bottom = 40, 12, height - 28
    right = max(16, round(widest / 2) + 4)
    step = (width - left - right) / max(1, len(x_labels) - 1)
    every = max(1, math.ceil((widest + 12) / step)) if len(x_labels) > 1 else 1
    last = len(x_labels) - 1

    def xy(i: int, v: float) -> tuple[float, float]:
        return round(left + i * step, 1), round(bottom - (bottom - top) * v / 100, 1)

    out = []
    for index, (name, values) in enumerate(series.items()):
        dots = [xy(i, v) for i, v in enumerate(values) if v is not None]
        out.append(
            Series(
                name=name,
                points=" ".join(f"{x},{y}" for x, y in dots),
                dots=dots,
                colour=SERIES_COLOURS[index % len(SERIES_COLOURS)],
            )
        )
    return LineChart(
        width=width,
        height=height,
        left=left,
        bottom=bottom,
        font_size=font_size,
        x_labels=[
            (xy(i, 0)[0], label) for i, label in enumerate(x_labels) if (last - i) % every == 0
        ],
        y_ticks=[(xy(0, t)[1], t) for t in (0, 25, 50, 75, 100)],
        series=out,
    )


@dataclass(frozen=True)
class Scatter:
    size: int
    left: float
    top: float
    bottom: float
    side: float
    ticks: list[tuple[float, float, str]]  # position on x, position on y, label
    points: list[tuple[float, float]]
    x_title: tuple[float, float]  # where the title of each axis is centred
    y_title: tuple[float, float]


def scatter(values: list[tuple[float, float]], size: int = 340) -> Scatter:
    """Points in the unit square (x right, y up), e.g. membership in a solution against
    membership in the outcome; the template draws the diagonal x = y and the axis titles."""
    left, top, right, below = 60.0, 12.0, 16.0, 46.0
    side = min(size - left - right, size - top - below)

    def xy(x: float, y: float) -> tuple[float, float]:
        return round(left + side * x, 1), round(top + side * (1 - y), 1)

    ticks = [(*xy(t, 0)[:1], xy(0, t)[1], f"{t:g}") for t in (0, 0.5, 1)]
    return Scatter(
        size=size,
        left=left,
        top=top,
        bottom=top + side,
        side=side,
        ticks=ticks,
        points=[xy(x, y) for x, y in values],
        x_title=(left + side / 2, top + side + 38),
        y_title=(18, top + side / 2),
    )

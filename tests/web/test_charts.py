"""Chart geometry: every label gets the room it needs (pages and PDFs draw the same SVG)."""

from django.utils import translation

from koers.projects.lifecycle import STAGE_LABELS
from koers.web.charts import bars, lines, scatter, text_width


def test_the_funnel_gives_every_stage_label_the_whole_width():
    for language in ("nl", "en"):
        with translation.override(language):
            items = [(str(label), n) for n, label in enumerate(STAGE_LABELS.values())]
        chart = bars(items)
        for bar in chart.bars:
            # the label starts at the left edge on its own line, above its bar
            assert text_width(bar.label, chart.font_size) <= chart.width, bar.label
            assert bar.label_y < bar.y and bar.y + chart.bar_height <= chart.height
            assert bar.text_x + text_width("0000", chart.font_size) <= chart.width + 1


# (quarters, labels expected: the latest always, thinned when they would overlap)
QUARTERS = [
    (["2025-Q4", "2026-Q1"], ["2025-Q4", "2026-Q1"]),
    ([f"{y}-Q{q}" for y in range(2020, 2027) for q in range(1, 5)], None),
]


def test_the_quarterly_chart_keeps_its_last_label_whole_and_apart():
    for quarters, expected in QUARTERS:
        chart = lines(quarters, {"1": [50.0] * len(quarters)})
        shown = [label for _, label in chart.x_labels]
        assert shown[-1] == quarters[-1]
        if expected:
            assert shown == expected
        half = text_width(quarters[-1], chart.font_size) / 2
        xs = [x for x, _ in chart.x_labels]
        assert xs[0] - half >= 0 and xs[-1] + half <= chart.width
        assert all(b - a >= 2 * half for a, b in zip(xs, xs[1:]))  # no two overlap


def test_the_xy_plot_has_room_for_its_axis_titles():
    plot = scatter([(0.2, 1.0), (0.9, 0.0)])
    x, y = plot.x_title
    assert plot.bottom + 20 < y < plot.size and plot.left <= x <= plot.left + plot.side
    x, y = plot.y_title
    assert 0 < x < plot.left - 20 and plot.top < y < plot.bottom

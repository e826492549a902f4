"""Charts as inline SVG drawn on the server by pygal: no script, readable without one. Every
chart is shown with its data as a table beside it, for screen readers and for copying, so
the SVG itself is marked as an image with a short description."""

import re

import pygal
from django.utils.html import escape
from pygal.style import Style

# GOV.UK Frontend's palette, so charts match the rest of the page.
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f",
    colors=("#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    legend_font_size=14,
    value_font_size=14,
    title_font_size=16,
)


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _render(chart, description: str) -> str:
    # pygal writes its tooltip configuration as an inline script even without its JS: the
    # chart needs none of it.
    svg = _SCRIPT.sub("", chart.render(is_unicode=True, disable_xml_declaration=True))
    # One accessible name for the picture; the table beside it carries the figures.
    label = escape(description)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1)


def line_chart(
    labels: list[str], series: dict[str, list[float | None]], *, description: str, top=None
) -> str:
    chart = pygal.Line(
        style=STYLE,
        js=(),
        height=300,
        show_dots=True,
        allow_interruptions=True,
        range=(0, top) if top else None,
        legend_at_bottom=True,
        x_label_rotation=0,
        truncate_legend=-1,
    )
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    return _render(chart, description)


def bar_chart(labels: list[str], series: dict[str, list[float | None]], *, description: str) -> str:
    chart = pygal.HorizontalBar(
        style=STYLE,
        js=(),
        height=max(200, 40 * len(labels) + 80),
        legend_at_bottom=True,
        truncate_legend=-1,
        truncate_label=-1,
    )
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    return _render(chart, description)

"""Small inline-SVG charts (horizontal bars, grouped columns) for the self-contained HTML report.

Hand-written SVG keeps the report one file that needs no network and no script to view. Every
label is escaped: domains, titles and reasons come from crawled pages. Each bar is a
`<rect class="bar">` with `data-label` and `data-value`, so a test can find what a browser drew.
"""

from __future__ import annotations

import math
from html import escape

FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def ticks(value: float) -> list[int]:
    """Axis ticks for counts: 0 up to at least `value` in 1, 2 or 5 times a power of ten (about 4 steps)."""
    raw = max(value, 1) / 4
    power = 10 ** max(0, math.floor(math.log10(raw)))
    step = next(int(m * power) for m in (1, 2, 5, 10) if m * power >= raw)
    return list(range(0, step * math.ceil(max(value, 1) / step) + 1, step))


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "\u2026"


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(title)}" {FONT}>'
            + "".join(body) + "</svg>")


def _empty(title: str) -> str:
    return _svg(300, 30, title, ['<text x="4" y="20" fill="#666">no data</text>'])


def _bar(x: float, y: float, w: float, h: float, color: str, label: str, value: int) -> str:
    tip = escape(f"{label}: {value:,}")
    return (f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{color}" '
            f'data-label="{escape(label)}" data-value="{value}"><title>{tip}</title></rect>')


def hbars(title: str, items: list[tuple[str, int]], color: str = "#2b6cb0", *, limit: int = 25) -> str:
    """Horizontal bar chart, one labelled bar per item (items past `limit` summed as one "other" bar)."""
    if len(items) > limit:
        rest = items[limit - 1:]
        items = items[: limit - 1] + [(f"other ({len(rest)})", sum(v for _, v in rest))]
    if not items:
        return _empty(title)
    row, label_w, bar_w, value_w = 22, 230, 420, 70
    vmax = max(v for _, v in items) or 1
    body = []
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        w = max(1.0, bar_w * value / vmax) if value else 0.0
        body.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">'
                    f'<title>{escape(label)}</title>{escape(_short(label, 34))}</text>')
        body.append(_bar(label_w, y + 3, w, row - 6, color, label, value))
        body.append(f'<text x="{label_w + w + 5:.1f}" y="{y + 15}">{value:,}</text>')
    return _svg(label_w + bar_w + value_w, 8 + row * len(items), title, body)


def columns(title: str, labels: list[str], series: list[tuple[str, str, list[int]]]) -> str:
    """Vertical (grouped) column chart: `series` is (name, color, one value per label)."""
    if not labels:
        return _empty(title)
    width, height, left, right, top, bottom = 760, 280, 56, 12, 28 if len(series) > 1 else 12, 70
    plot_w, plot_h = width - left - right, height - top - bottom
    axis = ticks(max((v for _, _, values in series for v in values), default=0))
    vmax = axis[-1]
    group_w = plot_w / len(labels)
    bar_w = max(1.0, min(group_w * 0.8, 90.0) / len(series))  # a few days must not make slabs
    body = []
    for tick in axis:  # horizontal grid lines with their values
        y = top + plot_h - plot_h * tick / vmax
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{tick:,}</text>')
    for j, (name, color, _) in enumerate(series if len(series) > 1 else []):  # legend
        x = left + j * 120
        body.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{color}"/>'
                    f'<text x="{x + 16}" y="16">{escape(name)}</text>')
    step = math.ceil(len(labels) / 14)
    for i, label in enumerate(labels):
        x0 = left + (i + 0.5) * group_w - bar_w * len(series) / 2
        for j, (name, color, values) in enumerate(series):
            h = plot_h * values[i] / vmax
            h = max(1.0, h) if values[i] else 0.0
            body.append(_bar(x0 + j * bar_w, top + plot_h - h, bar_w, h, color, f"{label} {name}", values[i]))
        if i % step == 0:
            cx, cy = left + (i + 0.5) * group_w, top + plot_h + 14
            body.append(f'<text x="{cx:.1f}" y="{cy:.1f}" text-anchor="end" '
                        f'transform="rotate(-35 {cx:.1f} {cy:.1f})">{escape(_short(label, 16))}</text>')
    body.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#333"/>')
    return _svg(width, height, title, body)

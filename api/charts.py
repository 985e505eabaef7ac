"""Three charts as hand-written SVG (no plotting dependency): target progress, the age-gender pyramid
and the sector balance now, in 2030 and in 2045. Text is escaped; sizes are fixed so the charts
print the same on every page."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

FONT = "font-family='Noto Sans, DejaVu Sans, Arial, sans-serif'"
BLUE, RED, GREEN, GREY = "#2b6cb0", "#c53030", "#2f855a", "#a0aec0"


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    head = (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' {FONT} font-size='12'>"
        f"<rect width='100%' height='100%' fill='white'/>"
        f"<text x='{width / 2}' y='22' text-anchor='middle' font-size='15' font-weight='bold'>"
        f"{escape(title)}</text>"
    )
    return head + "".join(body) + "</svg>"


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f"<text x='{x:.1f}' y='{y:.1f}' text-anchor='{anchor}' {extra}>{escape(text)}</text>"


def _rect(x: float, y: float, w: float, h: float, fill: str) -> str:
    return f"<rect x='{x:.1f}' y='{y:.1f}' width='{max(w, 0):.1f}' height='{h:.1f}' fill='{fill}'/>"


def target_progress(items: Sequence[tuple[str, float, float, float | None]]) -> str:
    """items: (label, current, target, forecast at the deadline or None); bars show % of target."""
    width, left, bar_w, row = 1100, 330, 460, 46
    height = 70 + row * len(items) + 30
    body = []
    for i, (label, current, target, projected) in enumerate(items):
        y = 50 + i * row
        share = current / target if target else 0.0
        body.append(_text(left - 10, y + 17, label, "end"))
        body.append(_rect(left, y + 4, bar_w, 18, "#edf2f7"))
        body.append(_rect(left, y + 4, bar_w * min(share, 1.5) / 1.5, 18, GREEN if share >= 1 else BLUE))
        goal = left + bar_w / 1.5
        body.append(
            f"<line x1='{goal:.1f}' y1='{y}' x2='{goal:.1f}' y2='{y + 26}' stroke='{RED}' stroke-width='2'/>"
        )
        note = f"{current:g} / {target:g} ({100 * share:.0f}%)"
        if projected is not None:
            px = left + bar_w * min(projected / target if target else 0, 1.5) / 1.5
            body.append(f"<circle cx='{px:.1f}' cy='{y + 13}' r='5' fill='white' stroke='black'/>")
            note += f"; dự báo {projected:g}"
        body.append(_text(left + bar_w + 8, y + 17, note))
    y = height - 14
    body.append(_text(left, y, "Vạch đỏ: chỉ tiêu; vòng tròn: dự báo theo xu hướng hiện nay (trung vị)"))
    return _svg(width, height, "Tiến độ thực hiện chỉ tiêu đến năm 2030", body)


def pyramid(bands: Sequence[str], men: Sequence[int], women: Sequence[int]) -> str:
    """Age bands bottom (youngest) to top; men left, women right."""
    width, mid, half, row = 760, 380, 300, 28
    height = 80 + row * len(bands) + 30
    top = max([*men, *women, 1])
    body = [
        _text(mid - 40, 45, "Nam", "end", "font-weight='bold'"),
        _text(mid + 40, 45, "Nữ", "start", "font-weight='bold'"),
    ]
    for i, band in enumerate(bands):
        y = 55 + (len(bands) - 1 - i) * row
        m, w = men[i], women[i]
        body.append(_rect(mid - 35 - half * m / top, y, half * m / top, row - 6, BLUE))
        body.append(_rect(mid + 35, y, half * w / top, row - 6, RED))
        body.append(_text(mid, y + 16, band, "middle"))
        body.append(_text(mid - 40 - half * m / top - 4, y + 16, str(m), "end"))
        body.append(_text(mid + 40 + half * w / top + 4, y + 16, str(w)))
    return _svg(width, height, "Tháp tuổi – giới tính của đội ngũ trí thức", body)


def sector_balance(sectors: Sequence[str], series: Sequence[tuple[str, Sequence[float]]]) -> str:
    """Grouped horizontal bars: for each sector, its share (%) in each series (e.g. now, 2030, 2045)."""
    colours = (BLUE, GREEN, GREY, RED)
    width, left, bar_w = 900, 230, 560
    per = 14 * len(series) + 14
    height = 80 + per * len(sectors) + 20
    top = max([v for _, values in series for v in values] + [1.0])
    body = []
    for k, (name, _) in enumerate(series):
        x = left + k * 150
        body.append(_rect(x, 36, 12, 12, colours[k % 4]) + _text(x + 18, 46, name))
    for i, sector in enumerate(sectors):
        y = 64 + i * per
        body.append(_text(left - 10, y + 7 * len(series) + 4, sector, "end"))
        for k, (_, values) in enumerate(series):
            v = values[i]
            body.append(_rect(left, y + 14 * k, bar_w * v / top, 12, colours[k % 4]))
            body.append(
                _text(left + bar_w * v / top + 5, y + 14 * k + 10, f"{v:.1f}%", extra="font-size='10'")
            )
    return _svg(width, height, "Cơ cấu trí thức theo ngành: hiện nay và dự báo (%)", body)

"""A very small SVG writer: rectangles, lines and escaped text, nothing else.

The report's four charts need bars, markers and labels only.  Writing them as a
few lines of SVG keeps the page self-contained (no script, no font, no network)
and the package free of a plotting library that would weigh more than the rest
of chuyenhoa together.  Every piece of text goes through :func:`html.escape`.
Colours and sizes are attributes, not CSS, so a chart copied out of the page
still reads the same.
"""

from __future__ import annotations

import html
import textwrap
import unicodedata

FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"

#: One colour per verdict, chosen to stay apart in grey print; charts also write the verdict in words.
MET = "#2e7d32"
NOT_MET = "#c62828"
UNKNOWN = "#9e9e9e"
NEUTRAL = "#1565c0"
INK = "#212121"
TRACK = "#eeeeee"


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class Svg:
    """Collects shapes in a ``width`` × ``height`` box and renders one ``<svg>`` element.

    ``label`` becomes the ``<title>`` a screen reader announces (and ``aria-label``).
    The element scales to its container's width, so the same chart fits a screen and an A4 page.
    """

    def __init__(self, width: float, height: float, label: str) -> None:
        self.width, self.height, self.label = width, height, label
        self.parts: list[str] = []

    def rect(self, x: float, y: float, w: float, h: float, fill: str, *, tip: str | None = None,
             stroke: str | None = None, dash: bool = False) -> None:
        extra = f' stroke="{stroke}" stroke-width="1"' if stroke else ""
        extra += ' stroke-dasharray="3 2"' if dash else ""
        shape = f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(max(w, 0))}" height="{_n(h)}" fill="{fill}"{extra}'
        self.parts.append(f"{shape}><title>{html.escape(tip)}</title></rect>" if tip else f"{shape}/>")

    def line(self, x1: float, y1: float, x2: float, y2: float, *, color: str = INK, width: float = 1,
             dash: bool = False) -> None:
        pattern = ' stroke-dasharray="4 3"' if dash else ""
        self.parts.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{color}" '
                          f'stroke-width="{_n(width)}"{pattern}/>')

    def text(self, x: float, y: float, text: str, *, size: float = 12, anchor: str = "start",
             color: str = INK, bold: bool = False, tip: str | None = None) -> None:
        weight = ' font-weight="bold"' if bold else ""
        title = f"<title>{html.escape(tip)}</title>" if tip else ""
        self.parts.append(f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}" '
                          f'fill="{color}"{weight}>{title}{html.escape(text)}</text>')

    def render(self) -> str:
        label = html.escape(self.label)
        return (f'<svg class="chart" viewBox="0 0 {_n(self.width)} {_n(self.height)}" width="100%" '
                f'role="img" aria-label="{label}" font-family="{html.escape(FONT)}" '
                f'preserveAspectRatio="xMinYMin meet"><title>{label}</title>'
                + "".join(self.parts) + "</svg>")


#: Advance widths of Helvetica (Arial and Liberation Sans share them) in thousandths of an em, for the
#: printable ASCII characters from the space on; regular and bold.  The page names no font of its own
#: (it loads none), so the real face is the reader's sans-serif: :data:`SAFETY` covers the wider ones
#: (DejaVu Sans, Linux's default, measured in Chromium at up to 1.21 times Helvetica's widths).
_REGULAR = (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, *(556,) * 10,
            278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
            722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556,
            556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556,
            500, 722, 500, 500, 500, 334, 260, 334, 584)
_BOLD = (278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, *(556,) * 10,
         333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
         722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556,
         611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611,
         556, 778, 556, 556, 500, 389, 280, 389, 584)
#: Characters outside ASCII that the charts write, by the width of a letter they resemble or their own.
_OTHER: dict[str, str | int] = {
    "đ": "d", "Đ": "D", "—": 1000, "–": 556, "…": 1000, "“": 333, "”": 333, "‘": 222, "’": 222,
    "≥": 584, "≤": 584, "×": 584, "§": 556, "→": 1000, "·": 278, "\u00a0": 278,
}
SAFETY = 1.22


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` draws at ``size`` px, measured on Helvetica's widths and made :data:`SAFETY` wider.

    A Vietnamese letter is as wide as its base letter (the marks stack above or below it: "ệ" is an "e"),
    so one table of ASCII widths measures every name the charts write.  Approximate on purpose: labels are
    laid out by it with room to spare, never by counting characters, so an English label longer than the
    Vietnamese one moves the columns instead of running off the chart.
    """
    table = _BOLD if bold else _REGULAR
    total = 0
    for char in text:
        found = _OTHER.get(char)
        if isinstance(found, int):
            total += found
            continue
        base = found if isinstance(found, str) else unicodedata.normalize("NFD", char)[0]
        code = ord(base)
        total += table[code - 32] if 32 <= code < 127 else 600
    return total * size / 1000 * SAFETY


def fit(text: str, size: float, room: float, bold: bool = False) -> str:
    """``text`` cut with an ellipsis to draw within ``room`` px (the caller puts the whole text in a tooltip)."""
    if text_width(text, size, bold) <= room:
        return text
    while text and text_width(text + "…", size, bold) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap_to(text: str, size: float, room: float, lines: int = 2, bold: bool = False) -> list[str]:
    """At most ``lines`` lines of ``text`` that each draw within ``room`` px, the last one cut with "…"."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", size, bold) <= room:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out[-1] = fit(f"{out[-1]} {' '.join(words)}", size, room, bold)
    return [fit(line, size, room, bold) for line in out] or [""]


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis; the full text goes in a tooltip."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str, width: int, lines: int = 2) -> list[str]:
    """At most ``lines`` lines of ``width`` characters, the last one clipped."""
    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], clip(" ".join(parts[lines - 1:]), width)]
    return parts


def nice_ceiling(value: float) -> float:
    """The next of 1, 2, 2.5, 5 × 10ⁿ at or above ``value``: an axis end a reader can count on."""
    if value <= 0:
        return 1.0
    scale = 10.0 ** len(str(int(value))) / 10
    for step in (1, 2, 2.5, 5, 10):
        if step * scale >= value:
            return step * scale
    return 10 * scale  # pragma: no cover - the loop ends at 10 × scale ≥ value

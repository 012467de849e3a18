"""The bundled faces, registered with reportlab once, and the choice of face per string.

A string is drawn in the face asked for when that face has every character in it, else in
the serif, else in the broad sans (which also has Arabic). Arabic is shaped (contextual
letter forms) with arabic-reshaper and put in visual order line by line with python-bidi,
because reportlab's own shaping needs libraries this project does not ship.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from resources import path as resource_path

FACES = {
    "brush": ("RapportBrush", "RapportBrush-Regular.ttf"),
    "serif": ("RapportSerif", "NotoSerif-Regular.ttf"),
    "sans": ("RapportSans", "DejaVuSans.ttf"),
}
FALLBACK = ("serif", "sans")

_INVISIBLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\ufeff\ufff9-\ufffb]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


@dataclass(frozen=True, slots=True)
class Face:
    """A registered TrueType face: its reportlab name, characters and width function."""

    key: str
    name: str
    font: TTFont
    chars: frozenset[str]
    widths: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def width(self, text: str, size: float = 1.0) -> float:
        """The advance width of ``text``; words are measured once per process."""
        found = self.widths.get(text)
        if found is None:
            found = self.widths[text] = self.font.stringWidth(text, 1.0)
            if len(self.widths) > 50_000:  # a bound, not an eviction policy
                self.widths.clear()
        return found * size

    def has_all(self, text: str) -> bool:
        return set(text) <= self.chars


@cache
def face(key: str) -> Face:
    """The face called ``key`` (brush, serif or sans), registered on first use."""
    name, file = FACES[key]
    font = TTFont(name, str(resource_path("fonts", file)))
    pdfmetrics.registerFont(font)
    chars = frozenset(map(chr, font.face.charToGlyph)) | frozenset(" \n\u00a0")
    return Face(key, name, font, chars)


def vertical_metrics(chosen: Face) -> tuple[float, float]:
    """Ascent and descent (both positive, per point of size) that every glyph stays within,
    accents and descenders included."""
    ascent = min(1.1, max(0.93, chosen.font.face.ascent / 1000))
    descent = min(0.4, max(0.24, -chosen.font.face.descent / 1000))
    return ascent, descent


def face_for(text: str, wanted: str) -> Face:
    """``wanted`` if it can draw every character of ``text``, else the first fallback that can."""
    for key in dict.fromkeys((wanted, *FALLBACK)):
        candidate = face(key)
        if candidate.has_all(text):
            return candidate
    return face("sans")


def clean(text: str) -> str:
    """Text safe to draw: NFC, tabs as spaces, control and invisible format characters gone."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\t", "    ")
    return _INVISIBLE.sub("", text.replace("\r", "\n"))


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


def shape(text: str) -> str:
    """Arabic letters in their joined (contextual) forms; other text unchanged."""
    if not _ARABIC.search(text):
        return text
    import arabic_reshaper  # only when there is Arabic to draw

    return arabic_reshaper.reshape(text)


def visual(line: str) -> tuple[str, bool]:
    """A shaped logical line in the order it is drawn left to right, and whether it is RTL."""
    if not has_rtl(line):
        return line, False
    from bidi import get_display  # only when there is right-to-left text

    rtl = _first_strong_is_rtl(line)
    return get_display(line, base_dir="R" if rtl else "L"), rtl


def _first_strong_is_rtl(line: str) -> bool:
    for ch in line:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False

"""The bundled faces, registered with reportlab on first use, and the order they stand in.

A message is set in the face asked for (brush, serif or sans); only the characters it
lacks fall back, run by run (``runs.py``), to the serif, then the broad sans (which also has
Hebrew and Arabic), then the script faces: Devanagari, Thai, Chinese and Japanese,
Korean. Every face is TrueType (glyf outlines): reportlab embeds no other kind.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from exports.cards.shaping import Font
from resources import FONT_FACES
from resources import path as resource_path

FACES = FONT_FACES
FALLBACK = ("serif", "sans", "devanagari", "thai", "han", "hangul")
# Droid Sans Fallback has three Hangul syllables of 11,172: Korean goes to the Korean face
# whole rather than in two designs.
_NOT_FROM = {"han": re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]")}

# Left-to-right and right-to-left marks stay: strong directions with no glyph, which set a
# name apart in a line of the other direction (domain.text.in_ltr_line); embeddings,
# overrides and isolates go (the bidi rules we draw with predate isolates).
_INVISIBLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u200b\u202a-\u202e"
                        "\u2060-\u206f\ufeff\ufff9-\ufffb]")


@dataclass(frozen=True, slots=True)
class Face:
    """A registered TrueType face: its reportlab name, characters and width function."""

    key: str
    name: str
    font: Font
    chars: frozenset[str]
    widths: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def width(self, text: str, size: float = 1.0) -> float:
        """The advance width of ``text`` drawn unshaped; words are measured once."""
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
    """The face called ``key`` (a key of :data:`FACES`), registered on first use."""
    from reportlab.pdfbase import pdfmetrics

    name, file = FACES[key]
    font = Font(name, str(resource_path("fonts", file)))
    pdfmetrics.registerFont(font)
    chars = _drawn(font) | set(" \n\u00a0")
    excluded = _NOT_FROM.get(key)
    if excluded is not None:
        chars = {ch for ch in chars if not excluded.match(ch)}
    return Face(key, name, font, frozenset(chars))


# Characters that are meant to draw nothing: a face with an empty glyph for them has them.
_BLANK_BY_DESIGN = frozenset(("Cc", "Cf", "Mn", "Zs", "Zl", "Zp"))


def _drawn(font: Font) -> set[str]:
    """The characters ``font`` really draws: its character map, less those mapped to a glyph
    without an outline. NanumSquare maps 13,972 characters (every hanja, 〒) to empty
    glyphs; counting them as covered printed "Hi   ," for "Hi 小明,"."""
    glyph_at = font.face.glyphPos  # loca: a glyph's outline is glyf[at[g]:at[g + 1]]
    drawn = set()
    for code, glyph in font.face.charToGlyph.items():
        char = chr(code)
        if glyph_at[glyph + 1] > glyph_at[glyph] or char == "\u2800" \
                or unicodedata.category(char) in _BLANK_BY_DESIGN:
            drawn.add(char)
    return drawn


def chain(wanted: str) -> tuple[str, ...]:
    """The faces tried for a character, in order: the one asked for, then the fallbacks."""
    return tuple(dict.fromkeys((wanted, *FALLBACK)))


def vertical_metrics(*chosen: Face) -> tuple[float, float]:
    """Ascent and descent (both positive, per point of size) that every glyph of the faces
    stays within, accents, descenders and stacked marks included."""
    ascent = max(min(1.1, max(0.93, f.font.face.ascent / 1000)) for f in chosen)
    descent = max(min(0.46, max(0.24, -f.font.face.descent / 1000)) for f in chosen)
    return ascent, descent


def clean(text: str) -> str:
    """Text safe to draw: NFC, tabs as spaces, control and invisible format characters gone
    (the zero-width joiner and non-joiner stay: Persian and Indic spelling needs them; so do
    the left-to-right and right-to-left marks, which only set direction)."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\t", "    ")
    return _INVISIBLE.sub("", text.replace("\r", "\n"))

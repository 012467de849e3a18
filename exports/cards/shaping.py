"""Shaping a run of text with HarfBuzz, and fonts whose PDF text reads back as written.

A shaped run (Arabic joining, Devanagari conjuncts, Thai marks) draws glyphs that often
have no character of their own. reportlab gives such a glyph a private character whose
ToUnicode entry is itself, so copying or searching the PDF loses the letters. Here each
glyph gets a code standing for the characters it draws (a conjunct for its three
letters), and each PDF font subset gets a ToUnicode map saying so: ``pdftotext`` and pypdf
read "हिन्दी" and "محمد عبد الله" back. reportlab draws the result (``ShapedStr``) with
HarfBuzz's offsets and advances.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import uharfbuzz as hb
from reportlab.pdfbase.ttfonts import SUBSETN, ShapeData, ShapedStr, TTFont

# Supplementary private use plane: no bundled font maps characters there.
PRIVATE_FIRST, PRIVATE_LAST = 0xF0000, 0xFFFFD


class Font(TTFont):
    """A TrueType font that can shape, and writes a ToUnicode map for what it shaped."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.standing_for: dict[int, str] = {}  # private code → the characters it draws
        self._codes: dict[tuple[int, str, float | None], int] = {}
        self._next = PRIVATE_FIRST
        self._hb: hb.Font | None = None
        self.per_unit = 1000 / self.face.unitsPerEm

    @property
    def hb_font(self) -> hb.Font:
        if self._hb is None:
            self._hb = hb.Font(hb.Face(hb.Blob(self.face._ttf_data)))
        return self._hb

    def code_for(self, gid: int, text: str, rtl: bool, width: float | None = None) -> int:
        """The character reportlab draws glyph ``gid`` with, standing for ``text``;
        ``width``: the glyph's width in the PDF, when not its own advance."""
        key = (gid, text, width)
        found = self._codes.get(key)
        if found is None:
            found = self._codes[key] = self._new_code(gid, text, rtl, width)
        return found

    def _new_code(self, gid: int, text: str, rtl: bool, width: float | None) -> int:
        face = self.face
        if width is None and len(text) == 1 and face.charToGlyph.get(ord(text)) == gid:
            return ord(text)  # the glyph is the character's own
        if rtl and len(text) > 1:
            # A ligature such as lam-alef: its presentation form reads the same in every
            # reader, where a several-letter entry is turned round by some.
            for code in face.glyphToChar.get(gid, ()):
                if unicodedata.normalize("NFKC", chr(code)) == text:
                    return code
        if self._next > PRIVATE_LAST:  # not met in practice: 65,534 distinct clusters
            return next(iter(face.glyphToChar.get(gid, [0])))
        code, self._next = self._next, self._next + 1
        face.charToGlyph[code] = gid
        face.glyphToChar.setdefault(gid, []).append(code)
        face.charWidths[code] = (self.hb_font.get_glyph_h_advance(gid) * self.per_unit
                                 if width is None else width)
        self.standing_for[code] = text
        return code

    def addObjects(self, doc: Any) -> None:  # reportlab's name
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        face = self.face
        for n, subset in enumerate(subsets):
            base = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is not None:
                stream.content = to_unicode(base, subset, self.standing_for)


def to_unicode(name: str, subset: list[int], standing_for: dict[int, str]) -> str:
    """A ToUnicode CMap for one subset: each code's characters, in UTF-16 (reportlab's own
    writes four hex digits, which loses characters outside the BMP)."""
    def utf16(code: int) -> str:
        return standing_for.get(code, chr(code)).encode("utf-16-be").hex().upper()

    rows = [f"<{i:02X}> <{utf16(code)}>" for i, code in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({name})", f"/Ordering ({name})", "/Supplement 0",
        ">> def", f"/CMapName /{name} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *rows, "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop",
        "end", "end"])


@dataclass(frozen=True, slots=True)
class Shaped:
    """A run as HarfBuzz set it: what reportlab draws, and its advance at 1 pt."""

    glyphs: ShapedStr
    width: float


def shape(font: Font, text: str, rtl: bool) -> Shaped:
    """``text`` shaped in ``font`` (right to left when ``rtl``), glyphs in drawing order."""
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(font.hb_font, buf)
    infos, positions = buf.glyph_infos, buf.glyph_positions
    texts = _glyph_texts(text, [i.cluster for i in infos], [p.x_advance for p in positions],
                         rtl)
    scale, chars, data = font.per_unit, [], []
    widths = font.face.charWidths
    for info, pos, part in zip(infos, positions, texts, strict=True):
        # A mark moved left onto its letter: as wide in the PDF as the move, so readers
        # see it reach the next letter (pdftotext took the gap for a word break).
        width = -pos.x_offset * scale if pos.x_advance == 0 and pos.x_offset < 0 else None
        code = font.code_for(info.codepoint, part, rtl, width)
        chars.append(chr(code))
        data.append(ShapeData(info.cluster, pos.x_advance * scale, pos.y_advance * scale,
                              pos.x_offset * scale, pos.y_offset * scale, widths[code]))
    advance = sum(d.x_advance for d in data) / 1000
    return Shaped(ShapedStr("".join(chars), shapeData=data), advance)


def _glyph_texts(text: str, clusters: list[int], advances: list[int], rtl: bool) -> list[str]:
    """The characters each glyph stands for: a cluster's characters shared out over its
    glyphs in reading order, one each, the last glyph taking the rest; where a cluster has
    more glyphs than characters (Thai ำ is drawn as a mark and a vowel), the extra ones are
    its zero-width marks, which stand for nothing. Reading the glyphs gives the text back
    exactly once."""
    end = dict(pairwise([*sorted(set(clusters)), len(text)]))
    groups: dict[int, list[int]] = {}
    for i, cluster in enumerate(clusters):
        groups.setdefault(cluster, []).append(i)
    out = [""] * len(clusters)
    for cluster, members in groups.items():
        chars = text[cluster:end[cluster]]
        order = members[::-1] if rtl else members  # readers turn right-to-left glyphs round
        spare, taken = len(order) - len(chars), 0
        for k, i in enumerate(order):
            if k == len(order) - 1:
                out[i] = chars[taken:]
            elif spare > 0 and k > 0 and advances[i] == 0:
                spare -= 1
            else:
                out[i] = chars[taken:taken + 1]
                taken += 1
    return out

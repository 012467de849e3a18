"""Names in every script show in the window, not as boxes: the bundled script faces join
Qt's font fallback (found under Xvfb: Korean, Devanagari and Thai names were rows of □ in
Today on a machine without such system fonts)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QTextLayout

from ui.app import add_script_fonts

NAMES = ["김민준", "प्रिया शर्मा", "สมชาย ใจดี", "王小明", "山田太郎", "דוד כהן", "محمد عبد الله"]


def glyphs_missing(text: str) -> int:
    """How many glyphs Qt would draw as the font's 'missing' box for ``text``."""
    layout = QTextLayout(text, QFont())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return sum(1 for run in layout.glyphRuns() for g in run.glyphIndexes() if g == 0)


def test_the_script_faces_are_added(qapp):
    families = add_script_fonts()
    assert {"Noto Sans Devanagari", "Noto Sans Thai", "NanumSquare",
            "Droid Sans Fallback"} <= set(families)


@pytest.mark.parametrize("name", NAMES)
def test_a_name_in_any_script_has_every_glyph(qapp, name):
    add_script_fonts()
    assert glyphs_missing(name) == 0

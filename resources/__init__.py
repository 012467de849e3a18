"""Bundled files (fonts, icons, built-in templates) found through one helper."""

from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """The absolute path of a bundled resource, e.g. ``path("fonts", "Lora.ttf")``."""
    return _ROOT.joinpath(*parts)


# The bundled faces: key -> (the name reportlab registers, the TrueType file in fonts/).
# The cards draw with them (exports/cards/fonts.py); the window adds the script faces to Qt's
# fallback so names in Devanagari, Thai or Korean show on machines without such fonts.
FONT_FACES = {
    "brush": ("RapportBrush", "RapportBrush-Regular.ttf"),
    "serif": ("RapportSerif", "NotoSerif-Regular.ttf"),
    "sans": ("RapportSans", "DejaVuSans.ttf"),
    "devanagari": ("RapportDevanagari", "NotoSansDevanagari-Regular.ttf"),
    "thai": ("RapportThai", "NotoSansThai-Regular.ttf"),
    "han": ("RapportHan", "DroidSansFallbackFull.ttf"),  # Chinese, kana and kanji
    "hangul": ("RapportHangul", "NanumSquareR.ttf"),
}
SCRIPT_FACES = ("sans", "devanagari", "thai", "han", "hangul")

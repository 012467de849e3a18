"""Bundled files (fonts, icons, built-in templates) found through one helper."""

from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """The absolute path of a bundled resource, e.g. ``path("fonts", "Lora.ttf")``."""
    return _ROOT.joinpath(*parts)

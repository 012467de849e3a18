"""Before Qt starts on Linux: say plainly what is missing instead of Qt's cryptic abort.

Without these libraries Qt prints "Could not load the Qt platform plugin "xcb"" and aborts.
The list was found with ``ldd`` on PySide6's ``libQt6XcbQpa.so.6`` (see MEASURED.md).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# shared library -> the Debian/Ubuntu package that provides it
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-shape.so.0": "libxcb-shape0",
}


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def missing_packages(loads: Callable[[str], bool] = _loads) -> list[str]:
    """Debian packages whose libraries Qt's xcb plugin needs and cannot find."""
    return [package for library, package in XCB_LIBRARIES.items() if not loads(library)]


def problem(environ: Mapping[str, str] = os.environ, platform: str = sys.platform,
            loads: Callable[[str], bool] = _loads) -> str:
    """A plain message when the window cannot open here; empty when all looks fine."""
    if not platform.startswith("linux"):
        return ""
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return ""  # offscreen, wayland…: not ours to judge
    if not chosen and environ.get("WAYLAND_DISPLAY"):
        return ""
    if not environ.get("DISPLAY"):
        return ("Rapport needs a desktop to open its window, and none was found (DISPLAY is "
                "not set). The other commands work without one: see `python main.py --help`.")
    missing = missing_packages(loads)
    if not missing:
        return ""
    return ("Rapport's window needs a few X11 libraries that are not installed: "
            f"{', '.join(missing)}.\n"
            "On Debian or Ubuntu install them with:\n"
            f"    sudo apt-get install {' '.join(missing)}")

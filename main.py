"""Rapport: composition root and command line.

``python main.py`` opens the window; the other commands (``ui/cli``) run headless and never
import Qt. User errors print one line on stderr and exit 1, never a traceback. This file stays
small: Python compiles a script it runs every time, and caches the modules it imports.
"""

from __future__ import annotations

import sys

from ui.cli.common import UserError
from ui.cli.run import COMMANDS, build_parser, main

__all__ = ["COMMANDS", "UserError", "build_parser", "main"]

if __name__ == "__main__":
    sys.exit(main())

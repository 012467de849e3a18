"""Where Rapport keeps its files: one place, with an environment override for tests."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Rapport"
NOTEBOOK_SUFFIX = ".rapport"


def data_dir() -> Path:
    """The user's Rapport folder (0700 on POSIX): ``$RAPPORT_DATA_DIR`` or platformdirs'."""
    override = os.environ.get("RAPPORT_DATA_DIR")
    folder = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    return folder


def default_notebook() -> Path:
    return data_dir() / f"Notebook{NOTEBOOK_SUFFIX}"

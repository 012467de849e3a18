"""Shared fixtures: a fresh notebook per test, Qt offscreen, no real user folders."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    """Keep every test away from the real user data folder."""
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "userdata"))


@pytest.fixture
def notebook(tmp_path):
    """A new, empty, open notebook in a temporary folder."""
    from storage.db import close_notebook, open_notebook

    info = open_notebook(tmp_path / "test.rapport")
    yield info
    close_notebook()

"""Shared fixtures: a fresh notebook per test, Qt offscreen, no real user folders."""

from __future__ import annotations

import os
from datetime import date

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    """Keep every test away from the real user data folder."""
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "userdata"))


# The day stored agendas are worked out from (storage.agenda), fixed, not the computer's: the
# queue is then read from them on the days after it, and worked out on the spot before it.
AGENDA_DAY = date(2026, 10, 1)


@pytest.fixture(autouse=True)
def _agenda_day(monkeypatch):
    from storage import agenda

    monkeypatch.setattr(agenda, "_clock", lambda: AGENDA_DAY)


@pytest.fixture
def notebook(tmp_path):
    """A new, empty, open notebook in a temporary folder."""
    from storage.db import close_notebook, open_notebook

    info = open_notebook(tmp_path / "test.rapport")
    yield info
    close_notebook()


@pytest.fixture(scope="session")
def cups_server(tmp_path_factory):
    """A private cupsd for the session with two stopped queues on a margin-reporting driver:
    "Test" (duplex unit, the default printer) and "Simplex" (one side only). Skipped, with
    the reason, where cupsd is missing or cannot start."""
    from tests.cups_server import CupsServer, CupsUnavailable

    server = CupsServer(tmp_path_factory.mktemp("cups"))
    try:
        server.start()
        server.add_queue("Test")
        server.add_queue("Simplex", duplex=False)
        server.set_default("Test")
    except CupsUnavailable as exc:
        server.stop()
        pytest.skip(f"no private CUPS server: {exc}")
    yield server
    server.stop()


@pytest.fixture
def cups(cups_server):
    """The private CUPS server, seen by this process's libcups (and Qt) during one test."""
    from tests.cups_server import use_server

    before = os.environ.get("CUPS_SERVER")
    use_server(str(cups_server.socket))
    yield cups_server
    use_server(before)

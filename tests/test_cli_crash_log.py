"""A command line failure that is a bug: one line on stderr, the traceback in the private log."""

from __future__ import annotations

import os
import stat

import pytest

import main
from storage import logs


@pytest.fixture(autouse=True)
def _no_log_left_installed():
    yield
    logs.remove()


def _boom(_args):
    raise RuntimeError("kaboom")


def test_a_bug_goes_to_the_owner_only_log_and_not_its_arguments(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(main.COMMANDS, "check", _boom)
    secret = tmp_path / "Jane Customer private.rapport"
    old = os.umask(0o000)
    try:
        assert main.main(["check", "--notebook", str(secret)]) == 2
    finally:
        os.umask(old)
    err = capsys.readouterr().err
    path = tmp_path / "userdata" / "logs" / "rapport.log"
    assert err.count("\n") == 1 and "Traceback" not in err and str(path) in err
    text = path.read_text(encoding="utf-8")
    assert "rapport check failed" in text and "RuntimeError: kaboom" in text
    assert "Jane Customer" not in text  # arguments are not logged
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not (tmp_path / "userdata" / "rapport-errors.log").exists()


def test_repeated_crashes_keep_the_log_bounded(monkeypatch, capsys, tmp_path):
    def huge(_args):
        raise RuntimeError("y" * 3_000_000)

    monkeypatch.setitem(main.COMMANDS, "check", huge)
    for _ in range(6):  # 18 MB of exception messages
        assert main.main(["check"]) == 2
    capsys.readouterr()
    folder = tmp_path / "userdata" / "logs"
    sizes = [p.stat().st_size for p in folder.iterdir()]
    assert len(sizes) <= logs.BACKUPS + 1 and max(sizes) <= logs.MAX_BYTES
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())


def test_a_log_that_cannot_be_written_still_gives_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(main.COMMANDS, "check", _boom)
    blocker = tmp_path / "userdata"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    assert main.main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "kaboom" in err and "Traceback" not in err


def test_a_log_file_that_cannot_be_opened_still_gives_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(main.COMMANDS, "check", _boom)
    (tmp_path / "userdata" / "logs" / "rapport.log").mkdir(parents=True)  # not a file
    assert main.main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "kaboom" in err and "could not be logged" in err


def test_a_bug_met_with_an_intact_notebook_open_is_still_a_bug(monkeypatch, capsys, tmp_path):
    """Since the catch-all asks check whether a failure was damage, a bug (here a TypeError in
    Today's wording) with a sound notebook open must still be said as one: exit 2, logged —
    not blamed on the owner's file."""
    from domain.outreach import report

    book = tmp_path / "shop.rapport"
    assert main.main(["demo", str(book)]) == 0

    def broken(*_args):
        raise TypeError("a bug in the wording")

    monkeypatch.setattr(report, "json_text", broken)
    capsys.readouterr()
    assert main.main(["--notebook", str(book), "today", "--json"]) == 2
    err = capsys.readouterr().err
    assert "something went wrong (TypeError: a bug in the wording)" in err
    assert "damaged" not in err
    log = tmp_path / "userdata" / "logs" / "rapport.log"
    assert "a bug in the wording" in log.read_text(encoding="utf-8")

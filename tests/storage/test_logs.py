"""The log file: one per user, owner-only from its first byte, rotated, bounded in size."""

from __future__ import annotations

import logging
import os
import stat
import sys

import pytest

from storage import logs


@pytest.fixture(autouse=True)
def _fresh_root_logger():
    """Each test installs the log afresh and leaves the root logger as it found it."""
    yield
    logs.remove()


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def log_files(folder):
    return sorted(p for p in folder.iterdir() if p.name.startswith(logs.LOG_NAME))


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277])
def test_the_log_is_owner_only_from_its_first_byte_whatever_the_umask(tmp_path, umask):
    old = os.umask(umask)
    try:
        path = logs.install()
        logging.getLogger("rapport.test").error("first line")
    finally:
        os.umask(old)
    assert path == tmp_path / "userdata" / "logs" / "rapport.log"
    assert mode(path) == 0o600 and "first line" in path.read_text(encoding="utf-8")
    assert mode(path.parent) == 0o700 and mode(path.parent.parent) == 0o700


def test_nothing_is_written_until_something_goes_wrong(tmp_path):
    path = logs.install()
    logging.getLogger("rapport.test").info("fine")  # below the log's level
    assert not path.exists()


def test_a_log_left_readable_by_others_is_made_owner_only(tmp_path):
    folder = tmp_path / "userdata" / "logs"
    folder.mkdir(parents=True)
    (folder / "rapport.log").write_text("old\n", encoding="utf-8")
    os.chmod(folder / "rapport.log", 0o644)
    path = logs.install()
    logging.getLogger("rapport.test").error("new")
    assert mode(path) == 0o600 and path.read_text(encoding="utf-8").startswith("old\n")


def test_rotated_files_stay_owner_only_and_the_total_stays_bounded(tmp_path):
    old = os.umask(0o000)  # a careless umask: every file would be 0666 if left to it
    try:
        path = logs.install()
        chunk = "x" * 1000
        for i in range(10_000):  # 10 MB of errors
            logging.getLogger("rapport.test").error("%d %s", i, chunk)
    finally:
        os.umask(old)
    files = log_files(path.parent)
    assert [p.name for p in files] == ["rapport.log", "rapport.log.1", "rapport.log.2",
                                       "rapport.log.3"]
    assert all(mode(p) == 0o600 for p in files)
    assert all(p.stat().st_size <= logs.MAX_BYTES for p in files)
    assert sum(p.stat().st_size for p in files) <= (logs.BACKUPS + 1) * logs.MAX_BYTES
    assert "9999 x" in path.read_text(encoding="utf-8")  # the newest is kept


def test_one_huge_record_is_cut_so_no_file_outgrows_the_limit(tmp_path):
    path = logs.install()
    try:
        raise ValueError("ß" * 5_000_000)  # 10 MB in UTF-8, in one exception message
    except ValueError:
        logging.getLogger("rapport.test").exception("a huge failure")
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_size <= logs.MAX_BYTES
    assert "a huge failure" in text and "ValueError" in text and "cut" in text


def test_installing_twice_keeps_one_handler_and_follows_the_data_folder(tmp_path, monkeypatch):
    first = logs.install()
    assert logs.install() == first
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "elsewhere"))
    second = logs.install()
    logging.getLogger("rapport.test").error("where")
    assert second == tmp_path / "elsewhere" / "logs" / "rapport.log"
    assert second.exists() and not first.exists()
    ours = [h for h in logging.getLogger().handlers if isinstance(h, logs.PrivateLogHandler)]
    assert len(ours) == 1


def test_a_crash_goes_to_the_log_only(tmp_path, capsys):
    console = logging.StreamHandler(sys.stderr)  # as the command line has
    logging.getLogger().addHandler(console)
    try:
        raise RuntimeError("kaboom")
    except RuntimeError:
        path = logs.write_crash("check")
    finally:
        logging.getLogger().removeHandler(console)
    text = path.read_text(encoding="utf-8")
    assert "rapport check failed" in text and "RuntimeError: kaboom" in text
    assert "Traceback" in text and mode(path) == 0o600
    assert capsys.readouterr().err == ""


def test_the_old_error_log_is_made_owner_only_and_grows_no_more(tmp_path):
    old_log = tmp_path / "userdata" / "rapport-errors.log"
    old_log.parent.mkdir(parents=True)
    old_log.write_text("--- 2026-01-01 ['check']\nTraceback…\n", encoding="utf-8")
    os.chmod(old_log, 0o644)
    before = old_log.read_bytes()
    try:
        raise RuntimeError("again")
    except RuntimeError:
        logs.write_crash("check")
    assert mode(old_log) == 0o600 and old_log.read_bytes() == before


def test_a_failure_repeated_forever_is_written_once_then_counted(tmp_path):
    path = logs.install()
    seen = []

    class Spy(logging.Handler):  # another handler still gets every record whole
        def emit(self, record):
            seen.append(record.exc_info is not None)

    spy = Spy()
    logging.getLogger().addHandler(spy)
    try:
        for _ in range(1000):
            try:
                {}["missing"]
            except KeyError:
                logging.getLogger("rapport.test").exception("a lookup failed")
        logging.getLogger("rapport.test").error("something else")
    finally:
        logging.getLogger().removeHandler(spy)
    text = path.read_text(encoding="utf-8")
    assert text.count("Traceback") == 1 and "something else" in text
    assert [line.split("(")[1].split(" ")[0] for line in text.splitlines()
            if "The same failure again" in line] == ["2", "10", "100", "1000"]
    assert len(seen) == 1001 and all(seen[:1000])


def test_redact_leaves_no_byte_of_an_erased_person_in_any_log_file(tmp_path):
    path = logs.install()
    old_log = tmp_path / "userdata" / logs.OLD_LOG_NAME
    old_log.write_text("ValueError: bad phone for Zoë Łukasik\n", encoding="utf-8")
    try:
        raise ValueError("cannot read zoe@example.com of ZOË ŁUKASIK")
    except ValueError:
        logging.getLogger("rapport.test").exception("import row failed")
    for i in range(3000):  # enough to rotate: the name is in an older file too
        logging.getLogger("rapport.test").error("%d Zoë Łukasik %s", i, "x" * 500)
    assert (path.parent / "rapport.log.1").exists()
    assert logs.redact(["Zoë Łukasik", "zoe@example.com", "", " "]) >= 3
    logging.getLogger("rapport.test").error("written after the erase")
    files = [*log_files(path.parent), old_log]
    for file in files:
        data = file.read_bytes().lower()
        assert "zoë łukasik".encode() not in data and b"zoe@example.com" not in data
        assert mode(file) == 0o600
    assert "written after the erase" in path.read_text(encoding="utf-8")
    assert "[erased]" in path.read_text(encoding="utf-8")

"""Output paths (issue 12, finding 2): no output ever replaces a notebook, a backup, a lock, a
``-wal``/``-shm`` or a file of another kind, under any name; outputs are atomic, owner-only,
and a missing ``.pdf`` is added. Each attack must exit 1 with one line and change nothing."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import stat
from pathlib import Path

import pytest

import main
from storage import backups
from storage.db import close_notebook, open_notebook


def run(*argv) -> int:
    return main.main([str(a) for a in argv])


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def shop(tmp_path) -> Path:
    """The demo notebook: customers with addresses and posted cards due."""
    path = tmp_path / "shop.rapport"
    assert run("demo", path) == 0
    return path


def _backup(shop: Path) -> Path:
    open_notebook(shop, read_only=True)
    try:
        return backups.backup_now("manual")
    finally:
        close_notebook()


def _wal_pair(shop: Path) -> tuple[Path, Path]:
    """The notebook's -wal and -shm, made to exist by a reader that stays open."""
    con = sqlite3.connect(shop)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("SELECT count(*) FROM customer").fetchone()
    _wal_pair.keep = con  # type: ignore[attr-defined]
    return Path(f"{shop}-wal"), Path(f"{shop}-shm")


def _targets(shop: Path, tmp: Path) -> dict[str, Path]:
    """Every name an attack writes to, made to exist as the attack needs."""
    (tmp / "hard.pdf").hardlink_to(shop)
    (tmp / "soft.pdf").symlink_to(shop)
    (tmp / "alias").symlink_to(tmp, target_is_directory=True)
    (tmp / "notes.txt").write_text("do not lose me\n")
    (tmp / "notes.pdf").write_text("not a pdf but mine\n")
    (tmp / "folder.pdf").mkdir()
    os.mkfifo(tmp / "pipe.pdf")
    lock = Path(f"{shop}.lock")
    lock.write_text("4242 elsewhere\n")
    wal, shm = _wal_pair(shop)
    copy = tmp / "copy.json"
    copy.write_bytes(shop.read_bytes())  # a notebook named like an export
    return {
        "notebook by its own name": shop,
        "notebook through ./ and ..": tmp / "sub" / ".." / shop.name,
        "notebook through a symlinked folder": tmp / "alias" / shop.name,
        "hard link to the notebook": tmp / "hard.pdf",
        "symlink to the notebook": tmp / "soft.pdf",
        "a backup": _backup(shop),
        "the lock file": lock,
        "the -wal": wal,
        "the -shm": shm,
        "a .txt file": tmp / "notes.txt",
        "a text file named .pdf": tmp / "notes.pdf",
        "a folder": tmp / "folder.pdf",
        "a pipe": tmp / "pipe.pdf",
        "a notebook copy named .json": copy,
    }


COMMANDS = {
    "print-labels": (".pdf", lambda t: ["print-labels", t]),
    "print-cards": (".pdf", lambda t: ["print-cards", t, "--date", "2026-12-07"]),
    "print-cards --envelopes": (".pdf", lambda t: ["print-cards", "{tmp}/cards.pdf",
                                                   "--envelopes", t, "--date", "2026-12-07"]),
    "export .json": (".json", lambda t: ["export", t]),
    "export .vcf": (".vcf", lambda t: ["export", t]),
    "export .csv": (".csv", lambda t: ["export", t]),
    "export .ics": (".ics", lambda t: ["export", t]),
}


def _names_for(target: Path, suffix: str, tmp: Path, n: int) -> list[Path]:
    """The target as typed, and the same file under a name ending in the output's suffix
    (a symlink, and a hard link for a regular file): an export follows the suffix."""
    names = [target]
    if not os.path.lexists(target):
        return names
    link = tmp / f"via-symlink-{n}{suffix}"
    link.symlink_to(target.resolve())
    names.append(link)
    if target.is_file() and not target.is_symlink():
        hard = tmp / f"via-hardlink-{n}{suffix}"
        hard.hardlink_to(target)
        names.append(hard)
    return names


def attack(command: str, shop: Path, tmp: Path, capsys) -> tuple[int, list]:
    """Every target under every name through ``command``; (tries, failures)."""
    suffix, argv_for = COMMANDS[command]
    targets = _targets(shop, tmp)
    before = {name: digest(p) for name, p in targets.items()
              if p.is_file() and not stat.S_ISFIFO(p.stat().st_mode)}
    notebook = digest(shop)
    tries, failures = 0, []
    for n, (name, target) in enumerate(targets.items()):
        for typed in _names_for(target, suffix, tmp, n):
            argv = [str(a).replace("{tmp}", str(tmp)) for a in argv_for(typed)]
            tries += 1
            code = run(*argv, "--notebook", shop)
            err = capsys.readouterr().err
            if code != 1 or len(err.strip().splitlines()) != 1 or "Traceback" in err:
                failures.append((name, typed.name, code, err))
    if digest(shop) != notebook:
        failures.append(("the notebook changed", "", 0, ""))
    failures += [(name, "changed", 0, "") for name, d in before.items()
                 if digest(targets[name]) != d]
    return tries, failures


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_output_replaces_the_notebook_or_anything_else(shop, tmp_path, capsys, command):
    (tmp_path / "sub").mkdir()
    try:
        tries, failures = attack(command, shop, tmp_path, capsys)
    finally:
        _wal_pair.keep.close()  # type: ignore[attr-defined]
    print(f"{command}: {tries} tries, {len(failures)} failures")
    assert tries >= 20 and failures == []
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]
    open_notebook(shop)  # still a good notebook, writable
    close_notebook()


def test_labels_over_the_notebook_by_its_own_name(shop, capsys):
    before = digest(shop)
    assert run("print-labels", shop, "--notebook", shop) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "shop.rapport is the notebook shop.rapport" in err
    assert digest(shop) == before


def test_a_missing_pdf_extension_is_added(shop, tmp_path, capsys):
    assert run("print-labels", tmp_path / "labels", "--notebook", shop) == 0
    out = tmp_path / "labels.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "labels").exists()
    assert str(out) in capsys.readouterr().out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_pdf_replaces_a_pdf(shop, tmp_path):
    out = tmp_path / "labels.pdf"
    out.write_bytes(b"%PDF-1.4\nold\n")
    assert run("print-labels", out, "--notebook", shop) == 0
    assert out.read_bytes().startswith(b"%PDF") and b"old" not in out.read_bytes()


def _unstamped(data: bytes) -> bytes:
    """An export without the iCalendar DTSTAMP lines: the moment a calendar was
    written is in it, and two exports a second apart differ only there."""
    return re.sub(rb"DTSTAMP:\d{8}T\d{6}Z\r\n", b"", data)


def test_an_export_replaces_an_export_of_its_kind(shop, tmp_path):
    written = []
    for suffix in (".vcf", ".csv", ".ics", ".json"):
        out = tmp_path / f"out{suffix}"
        written.append(out.name)
        assert run("export", out, "--notebook", shop) == 0
        first = out.read_bytes()
        assert run("export", out, "--notebook", shop) == 0
        assert _unstamped(out.read_bytes()) == _unstamped(first)
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out")) \
            == sorted(written)  # replaced, not written beside


def test_an_empty_file_may_be_written(shop, tmp_path):
    out = tmp_path / "labels.pdf"
    out.touch()
    assert run("print-labels", out, "--notebook", shop) == 0
    assert out.read_bytes().startswith(b"%PDF")

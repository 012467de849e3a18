"""A real small disk for tests: a tmpfs mounted in the test's folder, filled on demand."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from pathlib import Path

import pytest


@contextlib.contextmanager
def mounted(folder: Path, size: str = "4m"):
    """Mount a tmpfs of ``size`` at ``folder``; skip the test (saying why) where we cannot."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        reason = f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}"
        print(reason)
        pytest.skip(reason)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path) -> Path:
    """Write a file in ``folder`` until the disk is full (ENOSPC); return it."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        while True:
            for size in (1 << 16, 512, 1):
                try:
                    os.write(fd, b"x" * size)
                    break
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
            else:
                return filler
    finally:
        os.close(fd)


def remount_read_only(folder: Path) -> None:
    """Make the whole small disk read-only (root ignores mode bits, not a read-only mount)."""
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)

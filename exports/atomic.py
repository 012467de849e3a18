"""Writing export files safely: a temporary file beside the target, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from exports.output_path import check_target

T = TypeVar("T")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new, never half
    (see :func:`write_atomic_with`)."""
    write_atomic_with(path, lambda fh: fh.write(data))


def write_atomic_with(path: Path, fill: Callable[[BinaryIO], T]) -> T:
    """Let ``fill`` write ``path``'s content piece by piece, so that a crash (or an exception
    from ``fill``) leaves the old file or the new, never half; return what ``fill`` returns.

    The file is readable by the owner only: exports hold customers' private details. Raises
    an OSError (nothing written) when ``path`` holds anything but a file of the kind its
    suffix names (``exports.output_path``): a notebook, a backup, a lock, a folder…
    """
    path = Path(path)
    check_target(path)  # again, at the last moment: the dialog's answer may be minutes old
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:  # a read-only or full folder: name the file asked for
        raise _naming(exc, path) from exc
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
            result = fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if os.name == "posix":
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        # Name the file the owner asked for: not the temporary one, and also when writing it
        # failed part way (a full disk says no file name at all).
        if exc.filename in (tmp, None):
            raise _naming(exc, path) from exc
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    return result


def _naming(exc: OSError, path: Path) -> OSError:
    """``exc`` naming ``path`` (when it has an error number to carry over)."""
    return exc if exc.errno is None else type(exc)(exc.errno, exc.strerror, str(path))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; elsewhere the rename is all there is)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

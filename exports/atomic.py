"""Writing export files safely: a temporary file beside the target, then a rename."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new, never half.

    The file is readable by the owner only: exports hold customers' private details.
    """
    path = Path(path)
    _check_target(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if os.name == "posix":
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.filename == tmp:  # name the file the owner asked for, not the temporary one
            raise type(exc)(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _check_target(path: Path) -> None:
    """Refuse a folder, and a file the owner made read-only: a rename would replace either."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, f"{path.name} is a folder; choose a file name",
                                str(path))
    if path.is_file() and not (path.stat().st_mode & stat.S_IWUSR
                               and os.access(path, os.W_OK)):
        raise PermissionError(errno.EACCES, f"{path.name} is read-only; it was left as it was",
                              str(path))

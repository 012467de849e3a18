"""The notebook's peewee database: SQLite's errors reach callers as NotebookErrors, and nothing
is written before the open notebook has passed its full check.

:mod:`storage.db` makes the one instance and binds it to a file; this module knows nothing of
which notebook is open beyond the two callables it is given (``notebook``: the open notebook's
info, to name it in a message; ``before_write``: the check a write waits for).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Protocol, TypeVar

from peewee import SqliteDatabase

from storage import errors
from storage.errors import _DB_ERRORS, NotebookError

T = TypeVar("T")


class _Named(Protocol):
    @property
    def path(self) -> Path: ...


# BEGIN and SAVEPOINT write nothing themselves: an atomic block is checked as it starts, a
# read transaction (``reading``) is not.
_WRITES = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER",
                     "REINDEX", "VACUUM", "ANALYZE"})


def _writes(sql: str) -> bool:
    words = sql.split(None, 1)
    return bool(words) and words[0].rstrip(";").upper() in _WRITES


def raise_translated(exc: BaseException, notebook: Callable[[], _Named | None],
                     opening: Path | None = None) -> None:
    """Raise ``exc`` as the NotebookError it means (a full disk, damage…), else as it is.

    ``opening``: the file being opened, where a disk or file problem must never read as damage
    (nor as a lost save)."""
    if opening is not None:
        cause = exc.__cause__ if isinstance(exc, NotebookError) else exc
        if isinstance(cause, _DB_ERRORS):
            raise errors.reading_failure(opening, cause) from cause
    info = notebook()
    new = errors.translate_error(exc, info.path if info else None)
    if new is exc:
        raise exc
    raise new from exc


class NotebookDatabase(SqliteDatabase):
    """peewee's SqliteDatabase whose disk and file errors reach callers as NotebookErrors."""

    def __init__(self, database: str | None, *, notebook: Callable[[], _Named | None],
                 before_write: Callable[[], None],
                 before_commit: Callable[[], None] = lambda: None,
                 after_commit: Callable[[], None] = lambda: None, **kwargs: Any) -> None:
        super().__init__(database, **kwargs)
        self.notebook, self.before_write = notebook, before_write
        self.before_commit = before_commit  # derived tables brought up to date, in the write
        self.after_commit = after_commit  # … and told of, once committed

    def execute_sql(self, sql: str, params: Any = None, commit: Any = None) -> Any:
        if _writes(sql):
            self.before_write()
        try:
            return super().execute_sql(sql, params)
        except _DB_ERRORS as exc:
            raise_translated(exc, self.notebook)

    def atomic(self, *args: Any, **kwargs: Any) -> Any:
        return _Atomic(self, args, kwargs)

    def reading(self) -> _Atomic:
        """A read transaction: one consistent snapshot of the notebook, for reads only.

        Unlike :meth:`atomic` it is no write, so a notebook that may not be written (damage
        the full check found) can still be read through it; a write inside it is still
        checked, statement by statement."""
        return _Atomic(self, (), {}, check=False)

    def rollback(self) -> None:
        # After SQLITE_FULL or an I/O error SQLite may have rolled the whole transaction back
        # already; a second ROLLBACK would fail and hide the error that matters.
        conn = None if self.is_closed() else self.connection()
        if conn is not None and not conn.in_transaction:
            return
        super().rollback()


class _Atomic:
    """peewee's atomic block, with a failed statement or commit translated on the way out."""

    def __init__(self, database: NotebookDatabase, args: tuple, kwargs: dict,
                 check: bool = True) -> None:
        self._database, self._args, self._kwargs = database, args, kwargs
        self._check = check
        self._blocks: list = []

    def __enter__(self) -> Any:
        # Checked before the block, not at its first write: bulk writes go through the raw
        # connection (executemany), which execute_sql never sees.
        if self._check:
            self._database.before_write()
        block = SqliteDatabase.atomic(self._database, *self._args, **self._kwargs)
        self._blocks.append(block)
        return block.__enter__()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> Literal[False]:
        block = self._blocks.pop()
        outermost = exc is None and self._check and self._database.transaction_depth() == 1
        try:
            if outermost:
                self._before_commit(block)
            block.__exit__(exc_type, exc, tb)
        except Exception as failure:  # the commit failed, or the rollback after ``exc``
            raise_translated(exc if exc is not None else failure, self._database.notebook)
        # Committed: peewee does not count a nested block's savepoint in its depth, so the end
        # of a nested block also looks outermost; only a commit leaves no transaction open.
        if outermost and not self._database.in_transaction():
            self._database.after_commit()
        if exc is not None:
            info = self._database.notebook()
            new = errors.translate_error(exc, info.path if info else None)
            if new is not exc:
                raise new from exc
        return False

    def _before_commit(self, block: Any) -> None:
        """The database's work before the outermost block commits, inside the transaction:
        if it fails, the whole transaction is rolled back and the failure raised."""
        try:
            self._database.before_commit()
        except BaseException as failed:
            block.__exit__(type(failed), failed, failed.__traceback__)
            raise

    def __call__(self, fn: Callable[..., T]) -> Callable[..., T]:
        @wraps(fn)
        def inner(*args: Any, **kwargs: Any) -> T:
            with self:
                return fn(*args, **kwargs)
        return inner

"""Reading untrusted JSON into typed values, with messages that name the bad field.

Each :class:`Obj` knows where it sits in the file (``customers[3].milestones[0]``), so a bad
value is reported as ``customers[3].milestones[0].date: '1980-13-01' is not a date …``.
A key that is missing and a key that is ``null`` mean the same: "not given".
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, NoReturn

from domain.dates import PartialDate

FORMAT = "rapport-notebook"  # the notebook file's "format"
VERSION = 1  # and the newest "version" this Rapport reads and writes

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$")
_AMOUNT = re.compile(r"^-?\d{1,12}(\.\d{1,2})?$")


@lru_cache(maxsize=8192)
def _iso_date(text: str) -> date | None:
    """``YYYY-MM-DD`` as a date, or None. Cached: a notebook has a few thousand distinct days
    spread over a million entries."""
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


class NotebookFileError(ValueError):
    """A file that cannot be imported; the message names the bad field and says why."""


def fail(path: str, problem: str) -> NoReturn:
    raise NotebookFileError(f"{path}: {problem}" if path else problem)


def quote(text: str, limit: int = 40) -> str:
    """A value from the file as shown in a message: quoted, on one line, cut when long."""
    return repr(text[:limit]) + ("…" if len(text) > limit else "")


def describe(value: Any) -> str:
    """A JSON value as named in messages: ``a number (12)``, ``a list``…"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({quote(value)})"
    return "a list" if isinstance(value, list) else "an object"


def decode_json(data: bytes) -> Any:
    """Parse UTF-8 JSON (a byte-order mark is allowed); explain any failure in one line."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        fail("", "the file is UTF-16 text; a notebook file must be saved as UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail("", f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at position "
                 f"{exc.start}); a notebook file must be saved as UTF-8")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        fail("", f"the file is not valid JSON: {exc.msg} (line {exc.lineno}, "
                 f"column {exc.colno})")
    except RecursionError:
        fail("", "the file is not a notebook: its JSON is nested too deeply")
    except ValueError:  # Python's limit on the digits of one integer
        fail("", "the file is not a notebook: it holds a number too long to read")
    problem = surrogate_problem(text, 0, len(text), value)
    if problem:
        fail("", problem)
    return value


def surrogate_problem(text: str, start: int, end: int, value: Any) -> str:
    """Why ``value``, read from ``text[start:end]``, cannot be stored ("" when it can)."""
    if _SURROGATE.search(text, start, end) and not _encodes(value):
        return ("the file holds a broken character: a \\ud800-style escape without its other "
                "half")
    return ""


# ``\\uD83C\\uDF89`` is one emoji, but a half of such a pair alone is not a character: SQLite
# could not store it. Only files with such escapes pay for the check.
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _encodes(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Obj:
    """One JSON object of the file and where it sits, read key by key into typed values.

    The path is worked out only when a message needs it: building it for each of a million
    objects would double the time a 50,000-customer file takes to read.
    """

    __slots__ = ("_index", "_key", "_parent", "_path", "data")

    def __init__(self, value: Any, path: str = "", parent: Obj | None = None, key: str = "",
                 index: int = 0) -> None:
        self.data = value
        self._path, self._parent, self._key, self._index = path, parent, key, index
        if not isinstance(value, dict):
            fail(self.path, f"expected an object, found {describe(value)}")

    @property
    def path(self) -> str:
        if self._parent is None:
            return self._path
        return f"{self._parent.at(self._key)}[{self._index}]"

    def at(self, key: str) -> str:
        path = self.path
        return f"{path}.{key}" if path else key

    def given(self, key: str) -> bool:
        return self.data.get(key) is not None

    def require(self, key: str) -> Any:
        value = self.data.get(key)
        if value is None:
            fail(self.at(key), "missing")
        return value

    def text(self, key: str, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, str):
            fail(self.at(key), f"expected text, found {describe(value)}")
        return value

    def required_text(self, key: str) -> str:
        self.require(key)
        value = self.text(key)
        if not value.strip():
            fail(self.at(key), "must not be empty")
        return value

    def items(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            fail(self.at(key), f"expected a list, found {describe(value)}")
        return value

    def objects(self, key: str) -> list[Obj]:
        return [Obj(v, "", self, key, i) for i, v in enumerate(self.items(key))]

    def texts(self, key: str) -> list[str]:
        values = self.items(key)
        for i, value in enumerate(values):
            if not isinstance(value, str):
                fail(f"{self.at(key)}[{i}]", f"expected text, found {describe(value)}")
        return values

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        """One of ``allowed``; ``default`` when not given (required when there is none)."""
        value = self.data.get(key)
        if isinstance(value, str) and value in allowed:
            return value
        if value is None and default is not None:
            return default
        self.require(key)
        _check_choice(self.at(key), self.text(key), allowed)
        return value  # not reached: the value is text that is not allowed

    def optional_choice(self, key: str, allowed: tuple[str, ...]) -> str | None:
        return self.choice(key, allowed) if self.given(key) else None

    def choices(self, key: str, allowed: tuple[str, ...]) -> list[str]:
        values = self.texts(key)
        for i, value in enumerate(values):
            _check_choice(f"{self.at(key)}[{i}]", value, allowed)
        return values

    def integer(self, key: str, low: int, high: int) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            fail(self.at(key), f"expected a whole number, found {describe(value)}")
        if not low <= value <= high:
            fail(self.at(key), f"{value} is not between {low} and {high}")
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            fail(self.at(key), f"expected true or false, found {describe(value)}")
        return value

    def date(self, key: str) -> date | None:
        """An ISO date (``2026-03-14``), or None when not given."""
        value = self.data.get(key)
        if value is None:
            return None
        found = _iso_date(value) if isinstance(value, str) else None
        if found is None:
            fail(self.at(key), f"{quote(self.text(key))} is not a date (YYYY-MM-DD)")
        return found

    def required_date(self, key: str) -> date:
        self.require(key)
        return self.date(key)

    def partial_date(self, key: str) -> PartialDate | None:
        """``1980-02-29`` or, without a year, ``--02-29``; None when not given."""
        if not self.given(key):
            return None
        value = self.text(key)
        try:
            return PartialDate.parse(value)
        except ValueError:
            fail(self.at(key), f"{quote(value)} is not a date (YYYY-MM-DD, or --MM-DD without "
                               "a year)")

    def moment(self, key: str) -> datetime:
        """A required date (``2026-03-14``) or local date-time (``2026-03-14T15:30``)."""
        self.require(key)
        value = self.text(key)
        try:
            if _MOMENT.match(value):
                return datetime.fromisoformat(value).replace(second=0)
        except ValueError:
            pass
        fail(self.at(key), f"{quote(value)} is not a date or date-time (YYYY-MM-DD or "
                           "YYYY-MM-DDTHH:MM, local time)")

    def binary(self, key: str, limit: int) -> bytes:
        """Required base64 text, decoded; at most ``limit`` bytes."""
        self.require(key)
        value = self.text(key)
        try:
            data = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            fail(self.at(key), "is not base64 data")
        if len(data) > limit:
            fail(self.at(key), f"is {len(data):,} bytes; at most {limit:,} are allowed")
        return data

    def amount(self, key: str) -> Decimal:
        """A decimal text such as ``"120.00"``; zero when not given."""
        value = self.data.get(key)
        if value is None:
            return Decimal("0.00")
        if not isinstance(value, str):
            fail(self.at(key), f'expected a decimal text like "120.00", found {describe(value)}')
        if not _AMOUNT.match(value.strip()):
            fail(self.at(key), f'{quote(value)} is not an amount (a decimal text like "120.00")')
        return Decimal(value.strip())


def _check_choice(path: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        fail(path, f"{quote(value)} is not one of: {', '.join(allowed)}")

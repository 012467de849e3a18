"""One vCard content line → a property whose parts can be read as text, whatever the version.

vobject's ``parseLine`` reads the grammar (group, name, parameters, raw value), once per
distinct head (what comes before the value: ``item1.TEL;type=CELL``): an address book repeats a
few dozen heads, and a photo's megabytes are never searched by its line expression. The rest is
ours: vCard 2.1 bare types (``TEL;CELL;PREF``) and ``TYPE=A,B`` or ``PREF=1`` alike become a
set of types; quoted-printable values are decoded in their declared CHARSET (Android and
Outlook 2.1), component by component so that a literal ``;`` stays a separator; backslash
escapes (``\\,`` ``\\;`` ``\\n``) are undone after splitting, never before.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from vobject.base import ParseError, parseLine

from domain.contacts_text import decode_declared

_TOKENS = {sep: re.compile(r"\\.|" + re.escape(sep) + r"|[^\\" + sep + r"]+|\\", re.S)
           for sep in ";,"}
_ESCAPE = re.compile(r"\\(.)", re.S)
# RFC 6350 escapes, and Gmail's ``\"`` (its export escapes every double quote).
_ESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", ":": ":", "\\": "\\", '"': '"'}
_HEADS_KEPT = 4096  # distinct heads remembered; a file of ever-new heads starts over
_HEAD_CHARS = 512  # a longer head is read as it comes, not remembered


class CardError(ValueError):
    """A line of a card that cannot be read: that line is left out (or the card skipped)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclass(slots=True)
class Prop:
    """One property of a card, its value still raw (escaped, maybe quoted-printable).

    ``types`` and ``params`` are shared by every property of the same head: read only. Whether
    the value is quoted-printable or base64 follows from them: ``parse_prop`` works it out
    once per head (a value is asked several times, once per part read)."""

    name: str
    raw: str
    line: int
    group: str = ""
    types: tuple[str, ...] = ()  # upper case, each once, in the order written
    params: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    quoted_printable: bool = False
    base64: bool = False

    def param(self, name: str) -> str:
        values = self.params.get(name)
        return values[0] if values else ""

    def text(self) -> str:
        """The whole value as text (escapes undone)."""
        return _unescape(self._decoded(self.raw))

    def parts(self) -> list[str]:
        """A structured value (N, ADR, ORG) split on ``;``."""
        return self._read(split_unescaped(self.raw, ";"))

    def items(self) -> list[str]:
        """A list value (CATEGORIES, NICKNAME) split on ``,``."""
        return self._read(split_unescaped(self.raw, ","))

    def _read(self, pieces: list[str]) -> list[str]:
        if self.quoted_printable:  # asked once per value, not once per piece
            return [_unescape(self._decoded(p)) for p in pieces]
        return [_unescape(p) for p in pieces]

    def _decoded(self, piece: str) -> str:
        if not self.quoted_printable:
            return piece
        data = quopri.decodestring(piece.encode("utf-8"))
        return decode_declared(data, self.param("CHARSET")).replace("\r\n", "\n")


def split_unescaped(raw: str, sep: str) -> list[str]:
    """Split ``raw`` on ``sep`` where it is not escaped by a backslash."""
    if "\\" not in raw:  # nothing escaped (most values): str.split, 5× faster than tokens
        return raw.split(sep)
    return _split_tokens(raw, sep)


def _split_tokens(raw: str, sep: str) -> list[str]:
    """``split_unescaped`` token by token: a backslash escapes the character after it."""
    parts, buf = [], []
    for m in _TOKENS[sep].finditer(raw):
        token = m.group()
        if token == sep:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(token)
    parts.append("".join(buf))
    return parts


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: _ESCAPED.get(m.group(1), m.group()), text)


def parse_prop(number: int, line: str) -> Prop:
    """The property on ``line``; raise CardError when it is not a content line."""
    colon = line.find(":")
    head = line[:colon] if 0 <= colon <= _HEAD_CHARS else None
    try:
        # Without a double quote before it, the first colon is where vobject's grammar ends
        # the parameters (only a quoted parameter value may hold a colon): the head read alone
        # reads as the whole line does, and once for all the lines that share it.
        if head is None or '"' in head:
            name, params, raw, group = parseLine(line, number)
            return Prop(name.upper(), raw, number, (group or "").lower(),
                        *_encodings(*_params(params)))
        known = _HEADS.get(head)
        if known is None:
            if len(_HEADS) >= _HEADS_KEPT:
                _HEADS.clear()
            name, params, _raw, group = parseLine(head + ":", number)
            known = _HEADS[head] = (name.upper(), (group or "").lower(),
                                    *_encodings(*_params(params)))
    except ParseError:
        raise CardError(f"cannot read {_excerpt(line)!r}", number) from None
    name, group, types, named, qp, b64 = known
    return Prop(name, line[colon + 1:], number, group, types, named, qp, b64)


# head → (name, group, types, parameters, quoted-printable, base64), as parse_prop read them
_HEADS: dict[str, tuple[str, str, tuple[str, ...], Mapping[str, tuple[str, ...]], bool, bool]] = {}


def _encodings(types: tuple[str, ...], named: Mapping[str, tuple[str, ...]]
               ) -> tuple[tuple[str, ...], Mapping[str, tuple[str, ...]], bool, bool]:
    """``types`` and ``named`` with whether they declare the value quoted-printable (2.1's
    bare ``QUOTED-PRINTABLE`` or ``ENCODING=QUOTED-PRINTABLE``) and base64 (``BASE64``,
    ``ENCODING=B`` or ``ENCODING=BASE64``)."""
    encodings = [v.upper() for v in named.get("ENCODING", ())]
    return (types, named, "QUOTED-PRINTABLE" in types or "QUOTED-PRINTABLE" in encodings,
            "BASE64" in types or "B" in encodings or "BASE64" in encodings)


def _params(params: list[list[str]]) -> tuple[tuple[str, ...], Mapping[str, tuple[str, ...]]]:
    """vobject's parameters as (types in the order written, the other parameters), read
    only. The order is the file's, never a set's: "TYPE=spouse,child" is a spouse in every
    run (a set's order changes with each run's string hashing)."""
    types: dict[str, None] = {}
    named: dict[str, list[str]] = {}
    for param in params:
        _add_param(types, named, param)
    return tuple(types), MappingProxyType({k: tuple(v) for k, v in named.items()})


def _add_param(types: dict[str, None], named: dict[str, list[str]], param: list[str]) -> None:
    key = param[0].upper()
    if len(param) == 1:  # vCard 2.1: TEL;CELL;PREF, PHOTO;BASE64
        types[key] = None
    elif key == "TYPE":
        types.update(dict.fromkeys(t.strip().upper() for v in param[1:] for t in v.split(",")
                                   if t))
    else:
        named.setdefault(key, []).extend(param[1:])
        if key == "PREF":  # vCard 4.0: PREF=1
            types["PREF"] = None


def _excerpt(line: str) -> str:
    return line if len(line) <= 40 else line[:37] + "…"

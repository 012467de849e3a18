"""Checking a notebook JSON file as it streams in, customer by customer (issue 17).

Each customer is checked as strictly as ``notebook_parse`` checks a whole file, with the same
messages naming the bad field (``customers[48999].milestones[0].date: …``), and handed on in
batches; what can only be checked once every id is known (referrals, snoozes naming someone
else) is checked at the end, before the last item. Memory holds one batch, the ids seen, and
the small sections (templates, cards, settings), never the file.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from exports.json_reader import NotebookFileError, Obj, decode_json
from exports.json_stream import JsonStream
from exports.notebook_entries import forget
from exports.notebook_parse import (
    FORMAT,
    MAX_PHOTO,
    VERSION,
    _card,
    _Checks,
    _customer,
    _fields,
    _Keys,
    _root,
    _settings,
    _tag_settings,
    _template,
    fail,
    quote,
    state,
)
from storage.bulk_stream import CustomerBatch, NotebookTail

BATCH = 250  # customers checked and written at a time
_HEADER = ("format", "version")


class _Reader:
    """The state of one pass over a file: the ids seen and what waits for the end."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.keys = _Keys("c", "customer")
        self.counts: dict[int, int] = {}  # key → promises + problems << 32, when they have any
        self.referrals: list[tuple[int, str, int]] = []  # (key, referrer's id, position)
        self.states: list[tuple[int, dict, str]] = []  # (owner's key, the state, its path)
        self.sections: dict[str, Any] = {}  # every other member of the file
        self.customers = 0

    def customer(self, value: Any, batch: CustomerBatch) -> None:
        index = self.customers
        self.customers += 1
        o = Obj(value, f"customers[{index}]")
        c = _customer(o, self.keys, batch.timeline)
        key = c.id or 0
        if c.promises or c.problems:
            self.counts[key] = len(c.promises) + (len(c.problems) << 32)
        text = o.text("referred_by")
        if text:
            self.referrals.append((key, text, index))
        if o.given("photo"):
            batch.photos[key] = _photo(o)
        for n, s in enumerate(o.items("suggestions")):
            self.states.append((key, s, f"customers[{index}].suggestions[{n}]"))
        batch.customers.append(c)

    def tail(self) -> NotebookTail:
        root = _root(self.sections)  # format and version, wherever they stood
        root.items("customers")  # a customers member that is not a list
        return NotebookTail(self._referrals(), *self._templates_and_cards(root),
                            _settings(root), _tag_settings(root), self._states(),
                            _fields(root))

    def _referrals(self) -> list[tuple[int, int]]:
        out = []
        for key, text, index in self.referrals:
            path = f"customers[{index}].referred_by"
            to = self.keys.ref(text, path)
            if to == key:
                fail(path, f"{quote(text)} is this customer's own id")
            out.append((key, to))
        return out

    def _states(self) -> list:
        def count(customer: int, item: str) -> int:
            both = self.counts.get(customer, 0)
            return both >> 32 if item == "problem" else both & 0xFFFFFFFF

        return [state(Obj(s, path), owner, self.keys, count) for owner, s, path in self.states]

    def _templates_and_cards(self, root: Obj) -> tuple[list, list]:
        template_keys = _Keys("t", "template", "templates")
        checks = _Checks(self.clock)
        templates = [_template(o, template_keys, checks) for o in root.objects("templates")]
        cards = [_card(o, self.keys, template_keys) for o in root.objects("cards")]
        return templates, cards


def _photo(o: Obj) -> tuple[str, bytes]:
    photo = Obj(o.data["photo"], o.at("photo"))
    mime = photo.text("mime", "image/jpeg")
    if not mime.startswith("image/"):
        fail(photo.at("mime"), f"{quote(mime)} is not an image type")
    return mime, photo.binary("data", MAX_PHOTO)


def read_notebook(fh: BinaryIO, clock: Callable[[], float] = time.monotonic,
                  ) -> Iterator[CustomerBatch | NotebookTail]:
    """Check the file in ``fh`` as it is read: batches of customers, then the tail; raise
    NotebookFileError on the first fault (the writer's transaction then rolls back)."""
    stream = JsonStream(fh)
    if stream.peek() != "{":  # not a notebook: read as before, for the same message
        _root(decode_json(stream.rest()))
    stream.pos += 1
    reader = _Reader(clock)
    for name, value in stream.members(("customers",)):
        if name == "customers" and isinstance(value, Iterator):
            yield from _batches(value, reader)
        else:
            reader.sections[name] = value
            if name in _HEADER:  # not a notebook: said before any customer is read
                _root({"format": FORMAT, "version": VERSION, **reader.sections})
    tail = reader.tail()
    forget()
    yield tail


def _batches(items: Iterator[Any], reader: _Reader) -> Iterator[CustomerBatch]:
    batch = CustomerBatch([])
    for value in items:
        reader.customer(value, batch)
        if len(batch.customers) >= BATCH:
            yield batch
            batch = CustomerBatch([])
    if batch.customers:
        yield batch


def wanted_max(path: Path) -> int:
    """The highest customer number the file at ``path`` asks for (0 when none); read only
    when a customer needs a new number, which must be above all of them."""
    keys = _Keys("c", "customer")
    highest = 0
    try:
        with path.open("rb") as fh:
            stream = JsonStream(fh)
            stream.take("{", "")
            for name, value in stream.members(("customers",)):
                for item in value if name == "customers" and isinstance(value, Iterator) else ():
                    found = keys.pattern.match(str(item.get("id", "")) if isinstance(
                        item, dict) else "")
                    highest = max(highest, int(found.group(1)) if found else 0)
    except NotebookFileError:
        pass  # the import itself stops at the same fault, before it needs the number
    return highest

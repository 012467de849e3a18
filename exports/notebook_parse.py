"""Checking a notebook JSON file and reading it into plain data: each part's checks, with
messages naming the bad field's path.

``parse_notebook`` reads a whole file at once (``notebook_json.loads``); an import streams
through ``notebook_stream``, which checks each customer with the same functions as it comes and
writes in one transaction that a fault anywhere rolls back.
"""

from __future__ import annotations

import re
import time
from array import array
from collections.abc import Callable
from typing import Any

from domain.model import (
    CARD_STATUSES,
    CHANNELS,
    CUSTOM_FIELD_KINDS,
    FACT_KINDS,
    MILESTONE_KINDS,
    PROBLEM_STATUSES,
    PROMISE_STATUSES,
    STATUSES,
    YEARLY_MILESTONES,
    Address,
    Card,
    Customer,
    CustomField,
    Fact,
    Milestone,
    Problem,
    ProblemUpdate,
    Promise,
    Template,
)
from domain.outreach.keys import Ref, SavedState, read_file_key
from domain.setting_values import BadSetting, check_setting
from domain.template_sample import first_problem
from domain.template_sandbox import RENDER_SECONDS, Budget
from exports.json_reader import (
    FORMAT,
    VERSION,
    NotebookFileError,
    Obj,
    decode_json,
    describe,
    fail,
    quote,
)
from exports.notebook_entries import (
    interaction,
    interaction_rows,
    partial_date,
    purchase,
    purchase_rows,
)
from storage.bulk import NotebookContent

MAX_CADENCE = 3650  # ten years: anything longer is a typo
MAX_VARIANT = 1000
MAX_PHOTO = 4_000_000  # bytes: photos are small, downscaled on import
CHECK_SECONDS = 10.0  # trying every template of one file (60 built-ins take about 0.01 s)

__all__ = ["FORMAT", "VERSION", "NotebookFileError", "parse_notebook"]


class _Numbers:
    """A set of positive whole numbers: a bitmap below 2**26 (25 KB for 200,000 customers
    numbered from 1, 8 MiB at most), a set above. A set of 200,000 numbers takes 13 MiB."""

    LIMIT = 1 << 26

    def __init__(self) -> None:
        self.bits, self.big = bytearray(), set[int]()

    def add(self, number: int) -> None:
        if number >= self.LIMIT:
            self.big.add(number)
            return
        byte = number >> 3
        if byte >= len(self.bits):  # grown by doubling: each number added in O(1)
            self.bits.extend(bytes(max(byte + 1 - len(self.bits), len(self.bits))))
        self.bits[byte] |= 1 << (number & 7)

    def __contains__(self, number: int) -> bool:
        if number >= self.LIMIT:
            return number in self.big
        byte = number >> 3
        return byte < len(self.bits) and bool(self.bits[byte] >> (number & 7) & 1)


class _Keys:
    """File ids (``"c12"``) to the integer keys storage expects.

    ``c12`` becomes 12, kept on import where the notebook has it free; any other id (or a
    number met twice, ``c12`` and ``c012``) gets a placeholder below zero for a new number.
    Lean, for a file streamed customer by customer: an id written as the export writes it is
    kept as its number alone, and where an id first appeared is looked up only for a message.
    """

    def __init__(self, prefix: str, noun: str, section: str = "customers") -> None:
        self.prefix, self.noun, self.section = prefix, noun, section
        self.pattern = re.compile(rf"^{prefix}(\d{{1,15}})$")
        self.plain = _Numbers()  # numbers whose id is f"{prefix}{number}", key = number
        self.other: dict[str, int] = {}  # any other id → its key
        self.other_numbers: set[int] = set()  # the positive keys of those
        self.order = array("q")  # every key, in the file's order

    def _key(self, text: str | None) -> int | None:
        if text is None:
            return None
        found = self.other.get(text)
        if found is not None:
            return found
        match = self.pattern.match(text)
        if match and match.group(1)[0] != "0" and int(match.group(1)) in self.plain:
            return int(match.group(1))
        return None

    def add(self, text: str | None, path: str) -> int:
        known = self._key(text)
        if known is not None:
            fail(path, f"{quote(text)} is also the id of "
                       f"{self.section}[{self.order.index(known)}]")
        match = self.pattern.match(text or "")
        number = int(match.group(1)) if match else 0
        if number <= 0 or number in self.plain or number in self.other_numbers:
            number = -(len(self.order) + 1)
        self.order.append(number)
        if text is not None and text == f"{self.prefix}{number}":
            self.plain.add(number)
        elif text is not None:
            self.other[text] = number
            if number > 0:
                self.other_numbers.add(number)
        return number

    def ref(self, text: str, path: str) -> int:
        found = self._key(text)
        if found is None:
            fail(path, f"{quote(text)} is not the id of any {self.noun} in this file")
        return found


def parse_notebook(data: bytes, clock: Callable[[], float] = time.monotonic) -> NotebookContent:
    """Check the whole file and return its content; raise NotebookFileError on the first fault.

    ``clock`` times the templates' trial fills (tests pass a fake one)."""
    root = _root(decode_json(data))
    customer_keys = _Keys("c", "customer")
    objects = root.objects("customers")
    customers = [_customer(o, customer_keys) for o in objects]
    _link_referrals(objects, customers, customer_keys)
    photos = _photos(objects, customers)
    states = _states(objects, customers, customer_keys)
    template_keys = _Keys("t", "template", "templates")
    checks = _Checks(clock)
    templates = [_template(o, template_keys, checks) for o in root.objects("templates")]
    cards = [_card(o, customer_keys, template_keys) for o in root.objects("cards")]
    return NotebookContent(customers, templates, cards, _settings(root), _tag_settings(root),
                           photos, states, _fields(root))


def _root(document: Any) -> Obj:
    if not isinstance(document, dict):
        fail("", f"the file is not a Rapport notebook (it holds {describe(document)}, "
                 "not an object)")
    root = Obj(document, "")
    found = document.get("format")
    if found != FORMAT:
        what = "missing" if found is None else f"{quote(str(found))} is not {FORMAT!r}"
        fail("format", f"{what}: this is not a Rapport notebook file")
    version = root.require("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        fail("version", f"{describe(version)} is not a format version")
    if version > VERSION:
        fail("version", f"this file was made by a newer Rapport (format version {version}); "
                        "update Rapport to import it")
    return root


# --- customers ---------------------------------------------------------------------------

def _customer(o: Obj, keys: _Keys, rows: list[tuple] | None = None) -> Customer:
    """One customer, checked field by field in the file's order. With ``rows`` (an import
    streaming in), their touches and sales are added there as stored rows, ``(key,
    interaction rows, purchase rows)``, and left out of the customer."""
    key = keys.add(o.required_text("id"), o.at("id"))
    head: dict[str, Any] = dict(
        given_name=o.text("given_name"), family_name=o.text("family_name"),
        preferred_name=o.text("preferred_name"), pronunciation=o.text("pronunciation"),
        company=o.text("company"), role=o.text("role"),
        emails=o.texts("emails"), phones=o.texts("phones"), tags=o.texts("tags"),
        email_labels=_labels(o, "email_labels"), phone_labels=_labels(o, "phone_labels"),
        preferred_channels=o.choices("preferred_channels", CHANNELS),
        do_not_contact=o.choices("do_not_contact", CHANNELS),
        cadence_days=o.integer("cadence_days", 1, MAX_CADENCE),
        customer_since=o.date("customer_since"), notes=o.text("notes"),
        addresses=[_address(a) for a in o.objects("addresses")],
        facts=[_fact(f) for f in o.objects("facts")],
        milestones=[_milestone(m) for m in o.objects("milestones")])
    if rows is None:
        head["interactions"] = [interaction(i) for i in o.objects("interactions")]
        head["purchases"] = [purchase(p) for p in o.objects("purchases")]
    else:
        rows.append((key, interaction_rows(o), purchase_rows(o)))
    return Customer(
        **head,
        promises=[_promise(p) for p in o.objects("promises")],
        problems=[_problem(p) for p in o.objects("problems")],
        status=o.choice("status", STATUSES, ""), fields=_labels(o, "fields"),
        id=key,
    )


def _labels(o: Obj, key: str) -> dict[str, str]:
    """``{"+15035550101": "cell"}``: how the address book labelled each phone or email."""
    value = o.data.get(key)
    if value is None:
        return {}
    if type(value) is dict and all(type(v) is str for v in value.values()):
        return dict(value)  # as the export writes them: nothing to check one by one
    labels = Obj(value, o.at(key))  # an object, or one plain message
    return {name: labels.text(name) for name in value}


def _link_referrals(objects: list[Obj], customers: list[Customer], keys: _Keys) -> None:
    """Turn each ``referred_by`` text into the referrer's key, now that all ids are known."""
    for o, c in zip(objects, customers, strict=True):
        text = o.text("referred_by")
        if not text:
            continue
        path = o.at("referred_by")
        c.referred_by = keys.ref(text, path)
        if c.referred_by == c.id:
            fail(path, f"{quote(text)} is this customer's own id")


def _photos(objects: list[Obj], customers: list[Customer]) -> dict[int, tuple[str, bytes]]:
    """Customer key → (mime type, image bytes) for those with a photo."""
    out = {}
    for o, c in zip(objects, customers, strict=True):
        if o.given("photo"):
            photo = Obj(o.data["photo"], o.at("photo"))
            mime = photo.text("mime", "image/jpeg")
            if not mime.startswith("image/"):
                fail(photo.at("mime"), f"{quote(mime)} is not an image type")
            out[c.id] = (mime, photo.binary("data", MAX_PHOTO))
    return out


def _states(objects: list[Obj], customers: list[Customer], keys: _Keys) -> list[SavedState]:
    """Each customer's snoozes and dismissals, their references checked against the file
    (a file from before them has none; an older Rapport skips them, as any unknown key)."""
    by_key = {c.id: c for c in customers}

    def count(customer: int, item: str) -> int:
        return len(getattr(by_key[customer], item + "s"))

    out = []
    for o, c in zip(objects, customers, strict=True):
        for s in o.objects("suggestions"):
            out.append(state(s, c.id or 0, keys, count))
    return out


def state(o: Obj, owner: int, keys: _Keys, count: Callable[[int, str], int]) -> SavedState:
    """One snooze or dismissal; ``count(customer key, "promise")``: how many they have."""
    path = o.at("key")
    text = o.required_text("key")
    try:
        found = read_file_key(text)
    except ValueError as exc:
        fail(path, str(exc))
    customer = keys.ref(found.customer, path)
    if found.item:
        things = count(customer, found.item)
        if found.position >= things:
            fail(path, f"{quote(found.customer)} has no {found.item} {found.position} "
                       f"(they have {things}, counted from 0)")
    until, dismissed = o.date("snoozed_until"), o.flag("dismissed", False)
    if until is None and not dismissed:
        fail(o.path, "says neither snoozed_until nor dismissed")
    return SavedState(owner, found.kind, Ref(customer, found.item, found.position), found.rest,
                      until, dismissed)


def _address(o: Obj) -> Address:
    return Address(o.text("street"), o.text("city"), o.text("region"), o.text("postal_code"),
                   o.text("country"), o.flag("mailing", False), o.text("label"))


def _fact(o: Obj) -> Fact:
    return Fact(o.choice("kind", FACT_KINDS), o.text("value"), partial_date(o, "birthday"),
                o.text("relation"))


def _milestone(o: Obj) -> Milestone:
    kind = o.choice("kind", MILESTONE_KINDS)
    o.require("date")
    return Milestone(kind, partial_date(o, "date"), o.text("whose"),
                     o.flag("yearly", kind in YEARLY_MILESTONES), o.text("note"))


def _promise(o: Obj) -> Promise:
    due = o.moment("due")
    return Promise(o.date("made") or due.date(), due, o.text("what"),
                   o.choice("status", PROMISE_STATUSES, "open"))


def _problem(o: Obj) -> Problem:
    updates = [ProblemUpdate(u.required_date("date"), u.text("summary"))
               for u in o.objects("updates")]
    return Problem(o.required_date("opened"), o.text("summary"),
                   o.choice("status", PROBLEM_STATUSES, "open"), o.date("resolved"),
                   o.text("waiting_on"), updates)


# --- templates, cards, settings ----------------------------------------------------------

class _Checks:
    """The time one file's templates may take to be tried, all together: each may run up to
    the sandbox's limit, but a file of a thousand slow ones must not hold an import for an
    hour."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock, self.deadline = clock, clock() + CHECK_SECONDS

    def budget(self) -> Budget:
        left = max(0.0, self.deadline - self.clock())
        return Budget(seconds=min(RENDER_SECONDS, left), clock=self.clock)


def _template(o: Obj, keys: _Keys, checks: _Checks) -> Template:
    key = keys.add(o.text("id") or None, o.at("id"))
    template = Template(o.text("occasion"), o.text("name"), o.text("body"),
                        o.integer("variant", 1, MAX_VARIANT) or 1,
                        _card_format(o), o.text("signature"),
                        o.flag("builtin", False), key)
    _check_usable(o, template, checks)
    return template


def _check_usable(o: Obj, template: Template, checks: _Checks) -> None:
    """A template comes in only if it fills in for the sample customer within the sandbox's
    budget, as the Templates screen asks before saving one: a broken or hostile one would
    otherwise stop every print run and freeze the preview later."""
    found = first_problem(template, budget=checks.budget())
    if found is not None:
        part, problem = found
        fail(o.at(part), f"the “{template.name[:40]}” template cannot be used: {problem}")


def _card(o: Obj, customer_keys: _Keys, template_keys: _Keys) -> Card:
    customer = customer_keys.ref(o.required_text("customer"), o.at("customer"))
    template = o.text("template")
    return Card(customer, o.text("occasion"), o.text("text"),
                _card_format(o), o.choice("status", CARD_STATUSES, "draft"),
                o.date("created"), o.date("printed"), o.date("mailed"),
                template_keys.ref(template, o.at("template")) if template else None)


def _card_format(o: Obj) -> str:
    """One of Rapport's card formats: a card of another cannot be drawn or printed."""
    from exports import cards  # late: the renderers are only needed when a file has cards

    return o.choice("card_format", tuple(cards.names("card")), "a2-folded")


def _settings(root: Obj) -> dict[str, Any]:
    """Each setting checked for its type and range; the first bad one refuses the file."""
    if not root.given("settings"):
        return {}
    out = {}
    for key, value in Obj(root.data["settings"], "settings").data.items():
        if value is None:
            continue  # null is "not given", as everywhere in the file
        try:
            out[key] = check_setting(key, value)
        except BadSetting as exc:
            fail(_member("settings", key), str(exc))
    return out


def _tag_settings(root: Obj) -> dict[str, int | None]:
    if not root.given("tag_settings"):
        return {}
    tags = Obj(root.data["tag_settings"], "tag_settings")
    return {name: Obj(value, _member("tag_settings", name)).integer("cadence_days", 1,
                                                                     MAX_CADENCE)
            for name, value in tags.data.items()}


def _fields(root: Obj) -> list[CustomField]:
    """The owner's own fields: ``[{"name": "Inseam", "kind": "number"}]``."""
    return [CustomField(" ".join(o.required_text("name").split()),
                        o.choice("kind", CUSTOM_FIELD_KINDS, "text"))
            for o in root.objects("fields")]


def _member(path: str, name: str) -> str:
    """``tag_settings.vip``, or ``tag_settings['odd name']`` when the name is not a word."""
    return f"{path}.{name}" if name.isidentifier() else f"{path}[{quote(name)}]"

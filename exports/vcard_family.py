"""Family members in vCards, as each program writes them, read and written in one place.

Read: vCard 4 ``RELATED`` (a text value; a link to another card is not a name), Apple's
``itemN.X-ABRELATEDNAMES`` labelled ``_$!<Spouse>!$_`` (or a label of the owner's own),
Evolution's ``X-EVOLUTION-SPOUSE``, Outlook's ``X-MS-SPOUSE`` and ``X-MS-CHILD``, KDE's
``X-KADDRESSBOOK-X-SpousesName`` and the plain ``X-SPOUSE``. Thunderbird's address book has
no spouse field; its vCard 4 cards carry ``RELATED`` if anything.

Write: 3.0 as Apple does (a group with the name and its label, Apple's own label where it has
one), 4.0 as ``RELATED;TYPE=…;VALUE=text`` with the RFC 6350 type nearest the relation and,
when the type does not say it all (mother → parent), the relation as the group's label.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from domain.model import Fact
from exports.vcard_props import Prop

# Apple's built-in labels for related names (Contacts on macOS and iOS), lower-cased.
APPLE_LABELS = ("father", "mother", "parent", "brother", "sister", "child", "friend",
                "spouse", "partner", "assistant", "manager")
# RFC 6350 §6.6.6 RELATED types; "contact" says nothing about how they are related.
RFC_TYPES = frozenset({"child", "parent", "sibling", "spouse", "kin", "friend", "colleague",
                       "co-worker", "neighbor", "co-resident", "acquaintance", "met", "muse",
                       "crush", "date", "sweetheart", "me", "agent", "emergency"})
_NEAREST = {"mother": "parent", "father": "parent", "brother": "sibling", "sister": "sibling",
            "son": "child", "daughter": "child", "husband": "spouse", "wife": "spouse",
            "partner": "spouse", "grandson": "kin", "granddaughter": "kin",
            "grandmother": "kin", "grandfather": "kin", "aunt": "kin", "uncle": "kin",
            "niece": "kin", "nephew": "kin", "cousin": "kin"}
_NAMED = {"X-EVOLUTION-SPOUSE": "spouse", "X-MS-SPOUSE": "spouse", "X-SPOUSE": "spouse",
          "X-KADDRESSBOOK-X-SPOUSESNAME": "spouse", "X-MS-CHILD": "child"}
_URI = re.compile(r"^[a-z][a-z0-9+.-]*:\S*$", re.IGNORECASE)  # urn:uuid:…, https://…


def read_family(props: list[Prop], labels: dict[str, str]) -> list[Fact]:
    """The family members among ``props``, each once: the labelled ones (RELATED, Apple's) in
    file order, then a program's own spouse or child field unless it names one of them."""
    out: list[Fact] = []
    for prop in sorted(props, key=lambda p: p.name in _NAMED):  # stable: file order kept
        fact = _member(prop, labels)
        if fact is None or any(f.value == fact.value and (
                f.relation == fact.relation or prop.name in _NAMED) for f in out):
            continue
        out.append(fact)
    return out


def _member(prop: Prop, labels: dict[str, str]) -> Fact | None:
    if prop.name == "RELATED":
        relation = _related_type(prop)
        if prop.param("VALUE").lower() != "text" and _URI.match(prop.raw.strip()):
            return None  # a link to another card, not a name
    elif prop.name == "X-ABRELATEDNAMES":
        relation = _plain_type(prop.types)
    elif prop.name in _NAMED:
        relation = _NAMED[prop.name]
    else:
        return None
    name = prop.text().strip()
    relation = (labels.get(prop.group) or relation).strip().lower()
    return Fact("family", name, relation=relation) if name else None


def _related_type(prop: Prop) -> str:
    kinds = [t.lower() for t in prop.types if t.lower() in RFC_TYPES]
    return kinds[0] if kinds else ""


def _plain_type(types: tuple[str, ...]) -> str:
    kinds = [t.lower() for t in types if t not in ("PREF", "INTERNET", "VOICE")]
    return kinds[0] if kinds else ""


def is_family_prop(name: str) -> bool:
    """Is ``name`` (upper case) a property this module reads?"""
    return name in ("RELATED", "X-ABRELATEDNAMES") or name in _NAMED


# --- writing ---------------------------------------------------------------------------------

Line = Callable[..., str]  # vcard_write._line(name, value, params="", group="")


def write_family(facts: list[Fact], version: str, line: Line, escape: Callable[[str], str],
                 next_group: Callable[[], str]) -> list[str]:
    """The lines for the family members among ``facts``, in vCard ``version``; in 3.0 the
    first spouse also in Evolution's and Outlook's own fields, which they read instead."""
    out, spouse = [], ""
    for fact in facts:
        if fact.kind != "family" or not fact.value.strip():
            continue
        relation = fact.relation.strip().lower()
        out += (_write_40 if version == "4.0" else _write_30)(
            escape(fact.value), relation, line, escape, next_group)
        if not spouse and _nearest(relation) == "spouse":
            spouse = escape(fact.value)
    if spouse and version != "4.0":
        out += [line("X-EVOLUTION-SPOUSE", spouse), line("X-MS-SPOUSE", spouse)]
    return out


def _nearest(relation: str) -> str:
    return relation if relation in RFC_TYPES else _NEAREST.get(relation, "")


def _write_30(name: str, relation: str, line: Line, escape: Callable[[str], str],
              next_group: Callable[[], str]) -> list[str]:
    group = next_group()
    label = f"_$!<{relation.capitalize()}>!$_" if relation in APPLE_LABELS else escape(relation)
    lines = [line("X-ABRELATEDNAMES", name, group=group)]
    return [*lines, line("X-ABLabel", label, group=group)] if relation else lines


def _write_40(name: str, relation: str, line: Line, escape: Callable[[str], str],
              next_group: Callable[[], str]) -> list[str]:
    kind = _nearest(relation)
    params = (f";TYPE={kind}" if kind else "") + ";VALUE=text"
    if relation == kind or not relation:
        return [line("RELATED", name, params)]
    group = next_group()  # the relation in full (mother, not just parent) for readers who can
    return [line("RELATED", name, params, group), line("X-ABLabel", escape(relation),
                                                      group=group)]

"""The CSV fields beyond names and addresses: family, birthday parts, and what Rapport's own
export writes (customer since, last contact, do not contact), so that nothing is lost.

``read_extras`` fills them into a customer from a row's cells by target. Pure: no files, no Qt.
"""

from __future__ import annotations

import re
from datetime import date

from domain.contacts import parse_contact_date
from domain.contacts_dates import APPLE_NO_YEAR
from domain.dates import PartialDate
from domain.model import CHANNELS, STATUSES, Customer, Fact, Interaction, Milestone

EXTRA_TARGETS = {
    "family": "Family member", "relation_label": "Family relation",
    "birth_year": "Birth year", "birth_month": "Birth month", "birth_day": "Birth day",
    "customer_since": "Customer since", "last_touch": "Last contact",
    "do_not_contact": "Do not contact",
    "own_field": "A field of your own (the column's name)", "status": "Status",
}
# Rapport's CSV export names a column of the notebook's own fields "Field: Inseam".
OWN_FIELD_PREFIX = "Field: "
# Columns that hold family members in any layout, and the relation each one means.
FAMILY_HEADERS = {"spouse": "spouse", "partner": "partner", "children": "child",
                  "child": "child", "spouse name": "spouse", "spouse partner": "spouse"}
LAST_TOUCH_NOTE = "Last contact before the import"
# "Do not contact" cells: channel words, or a yes that means every channel.
_CHANNEL_WORDS = {"mail": "mail", "post": "mail", "letter": "mail", "letters": "mail",
                  "phone": "phone", "call": "phone", "calls": "phone", "telephone": "phone",
                  "email": "email", "e-mail": "email", "text": "text", "sms": "text",
                  "texts": "text", "visit": "visit", "visits": "visit"}
_YES = frozenset({"yes", "y", "true", "x", "1", "all", "any", "everything", "ja", "oui"})
_NO = frozenset({"no", "n", "false", "0", "none", "nein", "non"})


def read_extras(c: Customer, values: dict, warnings: list[str], where: str,
                day_first: bool | None) -> None:
    """Fill ``c``'s family, split birthday, do-not-contact, customer since and last contact."""
    c.facts.extend(_family(values))
    if not any(m.kind == "birthday" for m in c.milestones):
        birthday = _birth_parts(values, warnings, where)
        if birthday:
            c.milestones.append(Milestone("birthday", birthday))
    for _column, text in values.get("do_not_contact", ())[:1]:
        c.do_not_contact = _channels(text, warnings, where)
    for _column, text in values.get("customer_since", ())[:1]:
        c.customer_since = _full_date(text, "customer since", warnings, where, day_first)
    for _column, text in values.get("last_touch", ())[:1]:
        when = _full_date(text, "last contact", warnings, where, day_first)
        if when:
            c.interactions.append(Interaction(when, "note", LAST_TOUCH_NOTE))
    for column, text in values.get("own_field", ()):
        c.fields[own_field_name(column.header)] = text
    for _column, text in values.get("status", ())[:1]:
        if text.casefold() in STATUSES:
            c.status = text.casefold()
        else:
            warnings.append(f"{where}: the status {text!r} is not archived or deceased; "
                            "left out")


def own_field_name(header: str) -> str:
    """The field a column fills: its header without the export's "Field: " prefix."""
    name = header.strip()
    if name.casefold().startswith(OWN_FIELD_PREFIX.casefold()):
        name = name[len(OWN_FIELD_PREFIX):]
    return " ".join(name.split())


def _family(values: dict) -> list[Fact]:
    """Outlook's Spouse and Children, Google's Relation N, any "Spouse" column."""
    labels = {col.group: text.strip("* ").lower() for col, text in values.get("relation_label",
                                                                              ())}
    out = []
    for column, text in values.get("family", ()):
        relation = column.label or labels.get(column.group, "")
        splitter = r"\s*(?:,|;|:::)\s*" if relation == "child" else r"\s*:::\s*"
        out += [Fact("family", name, relation=relation)
                for name in re.split(splitter, text) if name.strip()]
    return sorted(out, key=lambda f: f.relation not in ("spouse", "partner"))  # partner first


def _birth_parts(values: dict, warnings: list[str], where: str) -> PartialDate | None:
    """Thunderbird's Birth Year / Birth Month / Birth Day; no year when the year is empty."""
    parts = {t: values[t][0][1] for t in ("birth_year", "birth_month", "birth_day")
             if values.get(t)}
    if not {"birth_month", "birth_day"} <= parts.keys():
        return None
    try:
        year = int(parts["birth_year"]) if parts.get("birth_year") else None
        if year in (0, APPLE_NO_YEAR):
            year = None
        return PartialDate(int(parts["birth_month"]), int(parts["birth_day"]), year)
    except ValueError:
        text = "-".join(parts.get(t, "?") for t in ("birth_year", "birth_month", "birth_day"))
        warnings.append(f"{where}: birthday {text!r} is not a date — left out")
        return None


def _channels(text: str, warnings: list[str], where: str) -> list[str]:
    words = [w for w in re.split(r"[\s,;/]+", text.casefold()) if w]
    if not words or set(words) <= _NO:
        return []
    if set(words) & _YES:
        return list(CHANNELS)  # they asked not to be contacted: not in any way
    found = [_CHANNEL_WORDS[w] for w in words if w in _CHANNEL_WORDS]
    unknown = [w for w in words if w not in _CHANNEL_WORDS]
    if unknown:
        # Safer to keep everyone away than to guess which way they may be reached.
        warnings.append(f"{where}: do not contact {text!r} is unclear — kept as "
                        "do not contact at all")
        return list(CHANNELS)
    return list(dict.fromkeys(found))  # the file's order, each once


def _full_date(text: str, what: str, warnings: list[str], where: str,
               day_first: bool | None) -> date | None:
    try:
        day = parse_contact_date(text, day_first=day_first)
    except ValueError:
        day = None
        warnings.append(f"{where}: {what} {text!r} is not a date — left out")
    if day is not None and day.year is None:
        warnings.append(f"{where}: {what} {text!r} has no year — left out")
        return None
    return day.to_date() if day else None

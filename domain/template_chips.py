"""A template's text as the editor shows it: plain text and *chips*, one per field.

The stored template stays Jinja (``{{ first_name }}``); the editor shows a field as a chip
labelled from the one registry, :data:`domain.templates.PLACEHOLDERS` ("First name"). Only a
plain ``{{ name }}`` of a known field becomes a chip, written however it was written (spaces,
``{{- name -}}``), and a chip keeps that text: joining the pieces back gives the template
exactly. Anything else (filters, loops, unknown names, broken braces) stays plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.templates import PLACEHOLDERS

_FIELD = re.compile(r"\{\{-?[ \t]*([A-Za-z_]\w*)[ \t]*-?\}\}")


@dataclass(frozen=True, slots=True)
class Chip:
    """One field: its name, its label, and its Jinja exactly as written."""

    name: str
    source: str

    @property
    def label(self) -> str:
        """What the chip says ("First name")."""
        return PLACEHOLDERS[self.name].label


def chip(name: str) -> Chip:
    """A new chip for the field ``name`` (from the list of fields), written the usual way."""
    if name not in PLACEHOLDERS:
        raise KeyError(f"{name!r} is not a template field")
    return Chip(name, f"{{{{ {name} }}}}")


def pieces(source: str) -> list[str | Chip]:
    """``source`` as text and chips, in order; ``join(pieces(s)) == s`` for every ``s``."""
    out: list[str | Chip] = []
    at = 0
    for found in _FIELD.finditer(source):
        if found.group(1) not in PLACEHOLDERS:
            continue
        if found.start() > at:
            out.append(source[at:found.start()])
        out.append(Chip(found.group(1), found.group(0)))
        at = found.end()
    if at < len(source):
        out.append(source[at:])
    return out


def join(parts: list[str | Chip]) -> str:
    """The template text of ``parts``."""
    return "".join(p if isinstance(p, str) else p.source for p in parts)

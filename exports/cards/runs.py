"""A line of text as runs: each run one face, one direction, drawn by one canvas call.

Each word goes to the first face of the chain (``fonts.chain``) that has all of it, and in
a word no face has whole, each character cluster (a letter with its marks, an emoji with its
modifiers) to the first that has it: a brush message stays brush and only a Greek word or a
Chinese name falls back. Runs in complex scripts, or right to
left, are shaped with HarfBuzz (``shaping.py``); the rest are drawn as they are, which is
also the fast path: text one face covers in simple scripts is one plain run, as before.
Right-to-left runs are put in visual order with the Unicode bidi algorithm (python-bidi's
levels, reordered run by run). A cluster no face has is left out, never drawn as a box:
:func:`unprintable` names those before printing.

Widths are the runs' own advances, so a word measured for wrapping is as wide as drawn; a
space is always a plain run of the face asked for, so a line is as wide as its words and
spaces measured one by one (what ``textfit`` adds up).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from exports.cards import fonts
from exports.cards.shaping import shape

# Scripts whose letters change shape or order, marks that attach, and joiners: shaped.
_COMPLEX = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0590-\u08ff\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f"
    "\u1100-\u11ff\u1780-\u18af\u1a00-\u1aff\u1b00-\u1bff\u1dc0-\u1dff\u200c\u200d\u20d0-\u20ff"
    "\ua800-\uabff\ud7b0-\ud7ff\ufb1d-\ufdff\ufe00-\ufe0f\ufe20-\ufe2f\ufe70-\ufefc"
    "\U00010800-\U00010fff\U00011000-\U0001bfff\U0001e800-\U0001efff\U0001f3fb-\U0001f3ff"
    "\U000e0000-\U000e01ef]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff"
                  "\U0001e800-\U0001efff]")
# Drawn by nothing (HarfBuzz hides them): a face need not have them.
_IGNORABLE = frozenset("\u200c\u200d\u2060\ufe0e\ufe0f") | frozenset(
    map(chr, range(0xFE00, 0xFE10))) | frozenset(map(chr, range(0xE0100, 0xE01F0)))
# Nor the direction marks (LRM, RLM, the Arabic letter mark): they only set the bidi levels,
# and are then left out of what is drawn (``_printable``): unshaped, a face without them
# would draw a box, and the serif face has visible "control picture" glyphs for them.
_MARKS = frozenset("\u200e\u200f\u061c")
_UNSEEN = _IGNORABLE | _MARKS
_CACHE_LIMIT = 20_000
_CHUNK = re.compile(" +|[^ ]+")


@dataclass(frozen=True, slots=True)
class Run:
    """Part of a line in one face and direction: its text, what to draw, width at 1 pt."""

    face: fonts.Face
    text: str
    glyphs: str  # the text itself, or HarfBuzz's glyphs (a reportlab ShapedStr)
    width: float
    rtl: bool = False
    x: float = 0.0  # where it starts, at 1 pt, from the line's left end
    level: int = 0  # bidi embedding level


@dataclass(frozen=True, slots=True)
class _Cluster:
    text: str
    face: fonts.Face | None  # None: no face has it; left out
    level: int
    kind: str  # "space", "plain" or "shaped"


_visual: dict[tuple[str, str], tuple[list[Run], bool]] = {}
_widths: dict[tuple[str, str], float] = {}
_chunks: dict[tuple[str, str], tuple[_Cluster, ...]] = {}


def simple(text: str, wanted: fonts.Face) -> bool:
    """Whether ``wanted`` draws all of ``text`` unshaped: the fast path (not with a
    direction mark, which is left out of what is drawn)."""
    return (_COMPLEX.search(text) is None and wanted.has_all(text)
            and "\u200e" not in text and "\u200f" not in text)


def width(text: str, wanted: str) -> float:
    """The width of ``text`` at 1 pt, set in ``wanted`` with fallback, as it is drawn; words
    are measured once."""
    key = (text, wanted)
    found = _widths.get(key)
    if found is None:
        face = fonts.face(wanted)
        found = face.width(text) if simple(text, face) else sum(
            r.width for r in line_runs(text, wanted)[0])
        if len(_widths) > _CACHE_LIMIT:  # a bound, not an eviction policy
            _widths.clear()
        _widths[key] = found
    return found


def visual_runs(line: str, wanted: str) -> list[Run]:
    """The runs of one line, left to right as drawn."""
    return sorted(line_runs(line, wanted)[0], key=lambda r: r.x)


def line_runs(line: str, wanted: str) -> tuple[list[Run], bool]:
    """The runs of one line in reading order, each with its place from the line's left end,
    and whether the line reads right to left. Drawn in reading order, the PDF's text reads
    back in it too."""
    face = fonts.face(wanted)
    if simple(line, face):  # the fast path: one plain run, not worth keeping
        return ([Run(face, line, line, face.font.stringWidth(line, 1.0))] if line else []), False
    key = (line, wanted)
    found = _visual.get(key)
    if found is None:
        if len(_visual) > _CACHE_LIMIT:  # a bound, not an eviction policy
            _visual.clear()
        found = _visual[key] = _line_runs(line, wanted)
    return found


def _line_runs(line: str, wanted: str) -> tuple[list[Run], bool]:
    levels, rtl = _levels(line)
    made = [_run(g) for g in _group(_clusters(line, wanted, levels))]
    x, placed = 0.0, {}
    for k in _reorder([r.level for r in made]):
        placed[k] = x
        x += made[k].width
    return [replace(r, x=placed[k]) for k, r in enumerate(made)], rtl


def logical_runs(text: str, wanted: str) -> list[Run]:
    """The runs of ``text`` in reading order (which faces it uses, and where)."""
    face = fonts.face(wanted)
    if simple(text, face):
        return [Run(face, text, text, face.width(text))] if text else []
    return [_run(g) for g in _group(_clusters(text, wanted, _levels(text)[0]))]


def faces(text: str, wanted: str) -> list[fonts.Face]:
    """The faces ``text`` is drawn in (the wanted one first)."""
    own = fonts.face(wanted)
    if simple(text, own):
        return [own]
    used = {c.face.key: c.face for c in _clusters(text, wanted, [0] * len(text)) if c.face}
    return [own, *(f for k, f in used.items() if k != wanted)]


def unprintable(text: str, wanted: str = "serif") -> list[str]:
    """The clusters of ``text`` (a letter, an emoji) that no bundled face draws."""
    face = fonts.face(wanted)
    if simple(text, face) or not text:
        return []
    missing = []
    for cluster in _clusters(text, wanted, [0] * len(text)):
        missing += _missing_marks(cluster) if cluster.face else [cluster.text]
    return list(dict.fromkeys(missing))


# --- clusters -------------------------------------------------------------------------


def regional(ch: str) -> bool:
    """A regional indicator letter (two make a flag, UAX #29)."""
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


def attaches(ch: str, previous: str) -> bool:
    """Whether ``ch`` belongs to the cluster before it (marks, joiners, modifiers)."""
    return (unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in _UNSEEN
            or previous == "\u200d" or "\U0001f3fb" <= ch <= "\U0001f3ff"
            or "\U000e0020" <= ch <= "\U000e007f")


def _split(text: str) -> list[tuple[int, str]]:
    """(start, characters) of each cluster; two regional-indicator letters are one flag."""
    out: list[tuple[int, str]] = []
    previous = ""
    for i, ch in enumerate(text):
        if out and (attaches(ch, previous) or (regional(ch) and out[-1][1] == previous
                    and regional(previous))):
            out[-1] = (out[-1][0], out[-1][1] + ch)
        else:
            out.append((i, ch))
        previous = ch
    return out


def _clusters(text: str, wanted: str, levels: list[int]) -> list[_Cluster]:
    """The text's clusters with their faces, word by word: a word the face asked for draws
    as it is stays one cluster (most of any message), the others go letter by letter."""
    if not any(levels):  # left to right throughout: each word's clusters are worked out once
        out = []
        for chunk in _CHUNK.findall(text):
            out += _flat_chunk(chunk, wanted)
        return out
    return [c for match in _CHUNK.finditer(text)
            for c in _chunk_clusters(match.group(), wanted, levels[match.start():match.end()])]


def _flat_chunk(chunk: str, wanted: str) -> tuple[_Cluster, ...]:
    """A left-to-right word's clusters, kept: the same words come back on card after card
    (the greeting, the signature, a name on its card and envelope)."""
    key = (chunk, wanted)
    found = _chunks.get(key)
    if found is None:
        if len(_chunks) > _CACHE_LIMIT:  # a bound, not an eviction policy
            _chunks.clear()
        found = _chunks[key] = tuple(_chunk_clusters(chunk, wanted, [0] * len(chunk)))
    return found


def _chunk_clusters(chunk: str, wanted: str, levels: list[int]) -> list[_Cluster]:
    """One word's (or run of spaces') clusters, ``levels`` its characters' bidi levels."""
    own, level = fonts.face(wanted), levels[0]
    if levels.count(level) == len(levels) and simple(chunk, own):
        kind = "space" if chunk[0] == " " else "shaped" if level % 2 else "plain"
        return [_Cluster(chunk, own, level, kind)]
    return _word_clusters(chunk, 0, fonts.chain(wanted), levels)


def _word_clusters(word: str, start: int, keys: tuple[str, ...],
                   levels: list[int]) -> list[_Cluster]:
    """A word the face asked for lacks letters of: set whole in the first face that has
    them all (a word in two designs, a brush "Th" and a serif "ị", reads as a mistake),
    its punctuation left in the face asked for; else letter by letter."""
    needed = set(word) - _UNSEEN
    whole = next((fonts.face(k) for k in keys if needed <= fonts.face(k).chars), None)
    own = fonts.face(keys[0]).chars
    out = []
    for offset, chars in _split(word):
        level = levels[start + offset]
        keep = chars[0] in own and unicodedata.category(chars[0])[0] not in "LM"
        chosen = whole if whole is not None and not keep else _face_for(chars, keys)
        kind = "space" if chars == " " else (
            "shaped" if level % 2 or _COMPLEX.search(chars) else "plain")
        out.append(_Cluster(chars, chosen, level, kind))
    return out


def _face_for(chars: str, keys: tuple[str, ...]) -> fonts.Face | None:
    """The first face with all of a cluster, else the first with its first character
    (its marks then left out), else None."""
    needed = set(chars) - _UNSEEN
    for key in keys:
        if needed <= fonts.face(key).chars:
            return fonts.face(key)
    for key in keys:
        if chars[0] in fonts.face(key).chars:
            return fonts.face(key)
    return None


def _missing_marks(cluster: _Cluster) -> list[str]:
    assert cluster.face is not None
    return [ch for ch in cluster.text if ch not in cluster.face.chars
            and ch not in _UNSEEN]


def _printable(cluster: _Cluster) -> str:
    if cluster.face is None:
        return ""
    if set(cluster.text) - _IGNORABLE <= cluster.face.chars and _MARKS.isdisjoint(cluster.text):
        return cluster.text
    return "".join(ch for ch in cluster.text
                   if (ch in cluster.face.chars or ch in _IGNORABLE) and ch not in _MARKS)


# --- runs -----------------------------------------------------------------------------


def _group(clusters: list[_Cluster]) -> list[list[_Cluster]]:
    """Neighbouring clusters of one face and level, shaped ones apart from spaces."""
    groups: list[list[_Cluster]] = []
    for c in clusters:
        if c.face is None or _MARKS.issuperset(c.text):
            continue  # no face has it: left out, never a box; or a direction mark alone
        last = groups[-1][-1] if groups else None
        if (last is not None and last.face is c.face and last.level == c.level
                and (last.kind == c.kind or "shaped" not in (last.kind, c.kind))):
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _run(group: list[_Cluster]) -> Run:
    face, level = group[0].face, group[0].level
    assert face is not None
    text = "".join(_printable(c) for c in group)
    rtl = bool(level % 2)
    if any(c.kind == "shaped" for c in group):
        shaped = shape(face.font, text, rtl)
        return Run(face, text, shaped.glyphs, shaped.width, rtl, level=level)
    return Run(face, text, text, face.width(text), rtl, level=level)


def _reorder(levels: list[int]) -> list[int]:
    """Unicode bidi rule L2 on whole runs: from the highest level down to the lowest odd
    one, reverse each stretch of runs at that level or above. The runs' indices, left to
    right."""
    order = list(range(len(levels)))
    odd = [lv for lv in levels if lv % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return order


def _levels(text: str) -> tuple[list[int], bool]:
    """Each character's bidi embedding level, and whether the text reads right to left
    (its first strong character is). Text without right-to-left letters is all level 0."""
    if not _RTL.search(text):
        return [0] * len(text), False
    from bidi import algorithm as uba  # python-bidi's rules X1–I2, character by character

    storage = uba.get_empty_storage()
    base = uba.get_base_level(text)
    storage["base_level"], storage["base_dir"] = base, ("L", "R")[base]
    uba.get_embedding_levels(text, storage)
    for index, ch in enumerate(storage["chars"]):
        ch["index"] = index  # rule X9 drops joiners and format characters from the list
        if not ch["type"]:  # unassigned: UAX #9's default for its block (never drawn anyway)
            ch["type"] = ch["orig"] = "R" if _RTL.match(ch["ch"]) else "L"
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    resolved = {ch["index"]: ch["level"] for ch in storage["chars"]}
    levels, previous = [], base
    for i in range(len(text)):  # a dropped character takes the level before it
        previous = resolved.get(i, previous)
        levels.append(previous)
    end = len(text)
    while end and text[end - 1].isspace():  # rule L1: trailing white space
        end -= 1
        levels[end] = base
    return levels, bool(base)

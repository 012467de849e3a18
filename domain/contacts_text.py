"""Turning the bytes of a contacts file into text, whatever program and decade wrote it.

A byte-order mark decides; else strict UTF-8; else charset-normalizer's guess, except that
for western text it cannot tell apart (it often says cp1250 for a short cp1252 file, which
turns "è" into "č") we take cp1252, what Outlook and Excel write on western Windows.
"""

from __future__ import annotations

import codecs

import charset_normalizer

BOMS = (  # byte-order marks and the codec each one means, longest first
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte Latin code pages that charset-normalizer confuses with cp1252 on short files.
_LATIN_COUSINS = frozenset({
    "cp1250", "cp1252", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "cp775", "cp850", "cp852", "cp857", "cp858", "mac_latin2", "mac_roman", "mac_iceland",
    "hp_roman8", "cp437",
})
# How much better another Latin code page must read before it beats cp1252.
_COHERENCE_MARGIN = 0.05


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name) for ``data``; never raises: latin-1 decodes any byte."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            return text.lstrip("\ufeff"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _known(declared)
    if encoding is None or encoding == "utf-8" or not _decodes(data, encoding):
        encoding = guess_legacy(data)
    return data.decode(encoding, errors="replace"), encoding


def guess_legacy(data: bytes) -> str:
    """The most likely non-UTF-8 encoding of ``data`` (cp1252 for western text)."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    fits_cp1252 = _decodes(data, "cp1252")
    if best is None:
        return "cp1252" if fits_cp1252 else "latin-1"
    name = best.encoding
    if name in _LATIN_COUSINS and fits_cp1252:
        rival = next((m for m in matches if m.encoding == "cp1252"), None)
        if rival is None or rival.coherence + _COHERENCE_MARGIN >= best.coherence:
            return "cp1252"
    return name


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _known(encoding: str | None) -> str | None:
    """A codec name Python knows for ``encoding`` (``Windows-1252`` → ``cp1252``), or None."""
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding.strip()).name
    except (LookupError, ValueError):
        return None


def decode_declared(data: bytes, declared: str | None) -> str:
    """Bytes of one value in the charset a vCard line declares; UTF-8, then cp1252 if wrong."""
    for encoding in (_known(declared), "utf-8", "cp1252"):
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    return data.decode("latin-1")

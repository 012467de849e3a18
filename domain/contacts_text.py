"""Turning the bytes of a contacts file into text, whatever program and decade wrote it.

A byte-order mark decides; else strict UTF-8; else charset-normalizer's guess, checked
against Windows-1252 and Mac Roman (what Outlook and Excel write on western Windows, and
Numbers or an old Mac): the decoding whose accented letters sit in words as letters do wins
(``_plausibility``). charset-normalizer alone takes a short Mac Roman file for Mac Central
European, Baltic or even Japanese, and a cp1252 one for cp1250 ("è" becomes "č").
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

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
# How much of a file the decodings are judged on.
_SAMPLE_BYTES = 256 * 1024
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
    """The most likely non-UTF-8 encoding of ``data`` (cp1252 or Mac Roman for western text)."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return _most_plausible(data, "cp1252" if _decodes(data, "cp1252") else "latin-1", True)
    name = best.encoding
    if name in _LATIN_COUSINS and _decodes(data, "cp1252"):
        rival = next((m for m in matches if m.encoding == "cp1252"), None)
        if rival is None or rival.coherence + _COHERENCE_MARGIN >= best.coherence:
            return _most_plausible(data, name, True)  # too close to call: western first
    # A Mac or DOS code page is a weak guess for a file that decodes as Mac Roman.
    return _most_plausible(data, name, name.startswith("mac_") or name in _DOS_PAGES)


_DOS_PAGES = frozenset({"cp437", "cp850", "cp852", "cp857", "cp858", "cp775", "cp863",
                        "cp869", "cp864", "cp865", "cp860", "cp861", "cp862", "cp866"})


def _most_plausible(data: bytes, guessed: str, prefer_western: bool = False) -> str:
    """``guessed``, unless Windows-1252, Mac Roman or a Central European page reads ``data``
    more plausibly (``_plausibility``).

    On a tie the guess stands, unless ``prefer_western`` (a guess among look-alike Latin
    pages): then Windows-1252 wins, then Mac Roman, then the Central European ones.
    """
    latin = ["cp1252", "mac_roman", "cp1250", "mac_latin2"]
    order = [*latin, guessed] if prefer_western else [guessed, *latin]
    sample = data[:_SAMPLE_BYTES]  # plenty of names to judge by; a big file stays quick
    scored = [(_plausibility(sample.decode(e, errors="replace")), -i, e)
              for i, e in enumerate(order) if _decodes(data, e)]
    return max(scored)[2] if scored else guessed


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Punctuation that western text uses: neither for nor against a decoding.
_NEUTRAL = frozenset("’‘“”„–—…€£¥°§©®™«»•·¿¡×÷ ¢¤¦¨ª¬­¯±²³´µ¶¸¹º¼½¾")


def _plausibility(text: str) -> int:
    """How much ``text`` reads like words: +1 for each non-ASCII letter cased as a letter
    in a word is (lower case anywhere, capitals at a word start or among capitals), -1 for
    each out-of-place capital, stray symbol or a letter of another script beside Latin ones.

    Names repeat, so each (before, letter, after) is judged once and counted."""
    padded = f" {text} "
    seen = Counter(padded[m.start() - 1:m.start() + 2] for m in _NON_ASCII.finditer(padded))
    score = 0
    for around, n in seen.items():
        before, c, after = around[0], around[1], around[2]
        if c not in _NEUTRAL:
            score += n if _fits(c, before, after) else -n
    return score


def _fits(c: str, before: str, after: str) -> bool:
    if unicodedata.category(c) not in ("Ll", "Lu", "Lt", "Lo"):  # ˆ ˇ ¸ are marks, not letters
        return False
    if "\ufb00" <= c <= "\ufb4f":  # ﬁ ﬂ: typesetting ligatures, never typed in a name
        return False
    if c.islower():
        return True
    if c.isupper():  # at a word's start, or inside a word in capitals; not a lone letter
        if not after.isalpha() and after != "." and not before.isalpha():
            return False  # "89,90 Ä;" is cp1252's "89,90 €;" read as Mac Roman
        return not before.isalpha() or (before.isupper() and not after.islower())
    # A letter without case (kana, ideographs, Arabic…) does not sit against a Latin one.
    return not ((before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()))


_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32",
          "cp1252": "Windows-1252 (Western)", "mac_roman": "Mac Roman",
          "latin-1": "ISO-8859-1 (Latin-1)", "cp1250": "Windows-1250 (Central European)",
          "mac_latin2": "Mac Central European", "cp1251": "Windows-1251 (Cyrillic)"}


def encoding_name(codec: str) -> str:
    """How an owner knows ``codec``: ``Mac Roman``, ``Windows-1252 (Western)``."""
    return _NAMES.get(codec, codec.replace("_", "-").upper())


def is_guess(codec: str) -> bool:
    """True when ``codec`` was guessed: neither a byte-order mark nor valid UTF-8 said so."""
    return codec not in ("utf-8", "utf-8-sig", "utf-16", "utf-32")


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

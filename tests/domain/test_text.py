"""Folding text for search and matching (domain.text.fold): accents dropped by a table that
remembers each character's verdict gives what filtering every character gave."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.text import _SPECIAL, fold, in_ltr_line


def _filtered(text: str) -> str:
    """fold as it was written first: every decomposed character asked whether it combines."""
    if text and text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


LETTERS = st.sampled_from(list("aZé ŁłßÆœǅİı\u0301\u0308\u0327ễỆ\u05b4\u0e48한ﬁ①Å\u212b"))


@settings(max_examples=500, deadline=None)
@given(st.text(LETTERS, max_size=20) | st.text(max_size=20))
def test_folding_by_table_is_folding_by_filter(text):
    assert fold(text) == _filtered(text)


def test_names_fold_as_they_always_did():
    assert fold("Łukasz Zoë Nguyễn Straße") == "lukasz zoe nguyen strasse"
    assert fold("") == "" and fold("Plain") == "plain"


def test_text_of_every_character_folds_and_the_table_stays_small():
    from domain.text import _MARKS

    everything = "".join(chr(c) for c in range(0x20, 0x30000) if not 0xD800 <= c < 0xE000)
    assert fold(everything) == _filtered(everything)
    assert len(_MARKS) <= 65_536


def test_a_name_in_a_left_to_right_line_is_set_apart_only_when_it_reads_right_to_left():
    assert in_ltr_line("Maria López") == "Maria López"
    assert in_ltr_line("王伟 · 김민준 · प्रियंका") == "王伟 · 김민준 · प्रियंका"
    assert in_ltr_line("") == ""
    for name in ("אברהם כהן", "محمد علي", "Dana אברהם"):
        assert in_ltr_line(name) == f"\u200e{name}\u200e"


@given(st.text())
def test_setting_a_name_apart_adds_only_invisible_marks(name):
    assert in_ltr_line(name).replace("\u200e", "") == name.replace("\u200e", "")

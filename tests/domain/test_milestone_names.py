"""What a milestone is called, written once: the Today queue, the Calendar, the customer page
and the calendar export all take the name from here."""

from __future__ import annotations

import pytest

from domain.milestone_names import LONGEST, milestone_name, milestone_phrase


@pytest.mark.parametrize("kind, note, name", [
    ("birthday", "", "Birthday"),
    ("wedding_anniversary", "at the lake", "Wedding anniversary"),  # a note never renames ours
    ("custom", "Shop anniversary", "Shop anniversary"),
    ("custom", "Gotcha day", "Gotcha day"),
    ("custom", "  NYC   marathon \n training starts in May", "NYC marathon"),
    ("custom", "", "Milestone"),  # "Other" tells the owner nothing
    ("custom", " \n ", "Milestone"),
    ("some_new_kind", "", "Some new kind"),  # a kind from a newer notebook still reads
])
def test_a_milestone_is_named_by_its_kind_or_its_note(kind, note, name):
    assert milestone_name(kind, note) == name


def test_a_long_note_is_cut_at_a_word():
    note = "Opening night of her first solo show at the Pearl gallery, with the whole family"
    name = milestone_name("custom", note)
    assert name == "Opening night of her first solo show at the Pearl gallery,…"
    assert len(name) <= LONGEST + 1 and note.startswith(name[:-1])


def test_one_long_word_is_cut_where_it_must():
    assert milestone_name("custom", "x" * 100) == "x" * LONGEST + "…"


def test_in_a_sentence_our_words_are_lowered_the_owners_kept():
    assert milestone_phrase("birthday", "") == "birthday"
    assert milestone_phrase("wedding_anniversary", "") == "wedding anniversary"
    assert milestone_phrase("custom", "NYC marathon") == "NYC marathon"
    assert milestone_phrase("custom", "Gotcha day") == "Gotcha day"
    assert milestone_phrase("custom", "") == "milestone"

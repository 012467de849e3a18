"""The card editor's personal check, in words an owner would say (not "mentions Biscuit;
adds your own words: farmers market saturday")."""

from __future__ import annotations

from domain.cards import personal_sentence
from tests.domain.test_templates import minimal, rich

TEMPLATE = "Dear Peggy,\n\nThank you so much for your order.\n\nMaria"


def test_a_fact_is_named_as_the_owner_wrote_it():
    text = "Dear Peggy,\n\nGive Biscuit a pat from us!"
    assert personal_sentence(text, rich(), text) == "✓ Just for Peggy: it mentions Biscuit."


def test_facts_and_own_words_read_as_one_sentence():
    text = TEMPLATE + "\n\nThe white orchid suits your café beautifully. Give Biscuit a pat."
    assert personal_sentence(text, rich(), TEMPLATE) == (
        "✓ Just for Peggy: it mentions Biscuit and white orchid, and has words of your own.")


def test_own_words_alone():
    template = "Dear Bo,\n\nThank you so much for your order.\n\nMaria"
    added = template + "\n\nSee you at the farmers market on Saturday."
    assert personal_sentence(added, minimal(), template) == \
        "✓ Just for Bo: it has words of your own."


def test_nothing_personal_says_nothing():
    assert personal_sentence(TEMPLATE, rich(), TEMPLATE) == ""
    assert personal_sentence("", rich(), TEMPLATE) == ""

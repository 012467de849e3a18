"""The details beside the card editor and on the hand-writing sheet mark the person who died
and never offer a line greeting them (issue 14 item 4). Plain data: no window."""

from exports.cards.jobs import talking_points
from tests.domain.test_departed import widow
from ui.cards.facts import fact_items


def test_the_editor_marks_the_deceased_and_offers_no_line_to_greet_them():
    items = {i.text: i.line for i in fact_items(widow())}
    assert items["Ernesto (husband; died 3 Nov 2026)"] == ""
    assert items["Ella (daughter)"] == "Please give our best to Ella."
    assert not any("Ernesto" in line for line in items.values())


def test_a_pet_that_died_is_marked_and_a_loss_without_a_year_still_counts():
    items = {i.text: i.line for i in fact_items(widow("--11-03", " biscuit "))}
    assert items["Biscuit (died 3 Nov)"] == ""
    assert items["Ernesto (husband)"] == "Please give our best to Ernesto."


def test_the_writing_sheet_marks_the_deceased():
    points = talking_points(widow())
    assert ("Family", "Ernesto (husband) — died 3 Nov 2026") in points
    assert ("Family", "Ella (daughter)") in points


def test_a_bereavement_naming_no_one_marks_no_one():
    assert "Ernesto (husband)" in {i.text for i in fact_items(widow(whose=""))}

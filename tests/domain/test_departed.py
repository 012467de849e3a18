"""The person who died is never offered as someone to greet (issue 14 item 4): templates leave
them out of the family they name (the details list: tests/ui/test_cards_departed.py)."""

from datetime import date

from domain.dates import PartialDate
from domain.model import Customer, Fact, Milestone
from domain.templates import Sender, build_context, render_template

SYMPATHY = ("Dear {{ name }},\n\nThinking of you{% if family %} and {{ family }}{% endif %}."
            "{% if partner %} Love to {{ partner }}.{% endif %}{% if pet %} A pat for "
            "{{ pet }}.{% endif %}")


def widow(when: str = "2026-11-03", whose: str = "Ernesto") -> Customer:
    """Maria, whose husband Ernesto died (``whose``: who the bereavement names)."""
    return Customer(given_name="Maria", family_name="Lopez",
                    facts=[Fact("family", "Ernesto", relation="husband"),
                           Fact("family", "Ella", relation="daughter"),
                           Fact("pet", "Biscuit"), Fact("interest", "orchids")],
                    milestones=[Milestone("bereavement", PartialDate.parse(when), whose,
                                          yearly=False)])


def test_templates_never_greet_the_deceased():
    context = build_context(widow(), Sender(), "sympathy", date(2026, 11, 20))
    assert (context["family"], context["partner"]) == ("Ella", "")
    assert [m["name"] for m in context["family_list"]] == ["Ella"]
    text = render_template(SYMPATHY, context)
    assert "Ernesto" not in text and "Ella" in text and "Biscuit" in text


def test_a_pet_that_died_is_left_out_too():
    context = build_context(widow("--11-03", " biscuit "), Sender(), "birthday",
                            date(2026, 11, 20))
    assert (context["pets"], context["pet"], context["partner"]) == ("", "", "Ernesto")


def test_a_bereavement_naming_no_one_leaves_everyone_in():
    context = build_context(widow(whose=""), Sender(), "sympathy", date(2026, 11, 20))
    assert (context["family"], context["partner"]) == ("Ernesto and Ella", "Ernesto")

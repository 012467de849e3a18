"""One card for two occasions of a day (issue 14 item 5): the main occasion's template, then a
line of the owner's voice for the other reason, before the signature."""

from datetime import date

import pytest

from domain.cards import also_line, builtins, compose
from domain.model import Customer, Template
from domain.templates import Sender, build_context

MARIA = Customer(given_name="Maria", family_name="Lopez")
SENDER = Sender(business="Bloom", owner="Rosa", signature="Rosa")


def birthday_card(also: list[str]) -> str:
    template = builtins()["birthday"].templates[0]
    context = build_context(MARIA, SENDER, "birthday", date(2026, 11, 25), also=also)
    return compose(template, context)


def test_the_second_reason_is_a_paragraph_before_the_signature():
    alone = birthday_card([])
    both = birthday_card([also_line("referral", friend="Ann Lee")])
    line = "And thank you for sending Ann Lee our way — it means a great deal."
    body, _, sign = alone.rpartition("\n\n")
    assert both == f"{body}\n\n{line}\n\n{sign}"


@pytest.mark.parametrize("occasion, whose, friend, line", [
    ("referral", "", "", "And thank you for recommending us — it means a great deal."),
    ("first_purchase", "", "", "And thank you for your first order with us — it was a "
                               "real pleasure."),
    ("thank_you_patience", "", "", "And thank you, too, for your patience while we put "
                                   "things right."),
    ("birthday", "", "", "And a very happy birthday to you, too!"),
    ("birthday", "Ella", "", "And a very happy birthday to Ella, too!"),
    ("wedding_anniversary", "", "", "And a happy anniversary to you both!"),
    ("retirement", "", "", "And congratulations on your retirement, too!"),
    ("graduation", "Tom", "", "And congratulations to Tom on the graduation, too!"),
])
def test_each_second_reason_reads_as_one_personal_line(occasion, whose, friend, line):
    assert also_line(occasion, whose, friend) == line


def test_a_template_may_place_the_line_itself_and_then_it_is_not_added_twice():
    template = Template("birthday", "mine", "Dear {{ name }}, happy birthday! {{ also }}")
    context = build_context(MARIA, SENDER, "birthday", date(2026, 11, 25),
                            also=[also_line("first_purchase")])
    assert compose(template, context).count("first order") == 1

"""Card templates: the sandbox, the context, the built-ins, rotation and the personal check."""

import itertools
from datetime import date
from decimal import Decimal

import pytest

from domain.cards import (
    assign_variants,
    builtins,
    compose,
    occasion_for,
    offer_line,
    personal_touches,
    pick_variant,
    says_something_personal,
)
from domain.dates import PartialDate
from domain.model import Address, Customer, Fact, Milestone, Purchase, Template
from domain.templates import (
    OCCASIONS,
    OFFER_OCCASIONS,
    PLACEHOLDERS,
    Sender,
    TemplateProblem,
    build_context,
    check_template,
    render_template,
)

TODAY = date(2026, 6, 1)
SENDER = Sender(business="Bloom & Co", owner="Maria Lopez", signature="Maria",
                return_address=Address("48 Alder St", "Portland", "OR", "97205"),
                offer="10% off your next bouquet", grace_days=21)
REQUIRED = {"first_purchase", "repeat_purchase", "referral", "birthday", "wedding_anniversary",
            "customer_anniversary", "business_anniversary", "graduation", "new_baby",
            "new_home", "promotion", "retirement", "sympathy", "thank_you_patience", "holiday",
            "price_change"}


def minimal() -> Customer:
    return Customer(given_name="Bo", id=3)


def rich() -> Customer:
    return Customer(
        given_name="Margaret", family_name="Shaw", preferred_name="Peggy",
        company="Shaw & Daughters", customer_since=date(2019, 5, 2), id=7,
        facts=[Fact("pet", "Biscuit", relation="dog"), Fact("interest", "orchids"),
               Fact("family", "Tom", relation="husband"), Fact("family", "Anna",
                                                               relation="daughter")],
        purchases=[Purchase(date(2026, 3, 1), Decimal("40"), "white orchid")])


def context(customer: Customer, occasion: str = "first_purchase", **kw) -> dict:
    return build_context(customer, SENDER, occasion, TODAY, **kw)


# --- the sandbox --------------------------------------------------------------------------

@pytest.mark.parametrize("source", [
    "{{ ''.__class__.__mro__ }}",
    "{{ name.__class__.__base__.__subclasses__() }}",
    "{{ interests.__class__ }}",
    "{{ name.format.__globals__ }}",
    "{{ 'x' * 1000000 }}",
    "{{ 9 ** 99999 }}",
])
def test_sandbox_refuses_attribute_tricks_and_blow_ups(source):
    with pytest.raises(TemplateProblem) as err:
        render_template(f"Dear {{{{ name }}}},\n{source}", context(rich()))
    assert err.value.line == 2
    assert "Line 2" in str(err.value)


def test_no_helpers_beyond_range_are_reachable():
    for name in ("lipsum", "cycler", "joiner", "namespace"):
        with pytest.raises(TemplateProblem):
            render_template(f"{{{{ {name} }}}}", {})


def test_customer_data_is_a_value_never_template_source():
    evil = Customer(given_name="{{ 7*7 }}", family_name="<b>&amp;</b> {% if 1 %}x{% endif %}")
    text = render_template("Hi {{ name }} {{ full_name }}", context(evil))
    assert text == "Hi {{ 7*7 }} {{ 7*7 }} <b>&amp;</b> {% if 1 %}x{% endif %}"


def test_syntax_error_names_its_line():
    with pytest.raises(TemplateProblem) as err:
        check_template("Dear {{ name }},\n\nThanks {% if pet %} for everything")
    assert err.value.line == 3
    assert "cannot be read" in err.value.message


def test_undefined_name_is_explained_with_the_known_names():
    with pytest.raises(TemplateProblem) as err:
        render_template("Dear {{ name }},\nSee you {{ nmae }}", context(rich()))
    assert err.value.line == 2
    assert "“nmae” is not something Rapport knows" in err.value.message
    assert "first_name" in err.value.message


def test_context_has_every_placeholder_even_without_facts():
    ctx = context(minimal())
    assert set(PLACEHOLDERS) <= set(ctx)
    assert ctx["name"] == "Bo"
    assert ctx["pet"] == "" and ctx["last_purchase"] == "" and ctx["years"] == ""


def test_context_from_a_rich_customer():
    ctx = context(rich(), "wedding_anniversary",
                  milestone=Milestone("wedding_anniversary", PartialDate(6, 12, 1996)))
    assert ctx["name"] == "Peggy"
    assert ctx["family"] == "Tom and Anna" and ctx["partner"] == "Tom"
    assert ctx["pet"] == "Biscuit" and ctx["interest"] == "orchids"
    assert ctx["last_purchase"] == "white orchid"
    assert ctx["years"] == 30 and ctx["nth"] == "30th"
    assert ctx["customer_years"] == 7
    assert ctx["business"] == "Bloom & Co"


def test_year_less_birthday_never_shows_an_age():
    ctx = context(rich(), "birthday", milestone=Milestone("birthday", PartialDate(6, 12)))
    assert ctx["years"] == "" and ctx["nth"] == ""


def test_price_change_grace_period_is_today_plus_grace_days():
    ctx = context(rich(), "price_change")
    assert ctx["grace_days"] == 21
    assert ctx["grace_until"] == "22 June 2026"


# --- built-in templates -------------------------------------------------------------------

def test_every_occasion_has_at_least_three_variants():
    found = builtins()
    assert set(found) >= REQUIRED
    assert set(found) <= set(OCCASIONS)
    for b in found.values():
        assert len(b.templates) >= 3, b.occasion
        assert len({t.body for t in b.templates}) == len(b.templates)
        assert b.headline


@pytest.mark.parametrize("occasion", sorted(OCCASIONS))
@pytest.mark.parametrize("who", [minimal, rich])
def test_every_builtin_renders_for_minimal_and_rich_customers(occasion, who):
    customer = who()
    milestone = Milestone("birthday", PartialDate(6, 12, 1980), whose="Anna") \
        if occasion == "birthday" else None
    for t in builtins()[occasion].templates:
        text = compose(t, context(customer, occasion, milestone=milestone, friend="Lee"))
        assert customer.greeting_name in text
        assert "Maria" in text
        for leftover in ("{{", "{%", "None", "  ", " ,", " .", "\n\n\n"):
            assert leftover not in text, (t.name, leftover, text)
        assert 60 < len(text) < 700, (t.name, len(text))


def test_offer_is_added_to_thank_yous_and_never_to_sympathy():
    for occasion in OCCASIONS:
        for t in builtins()[occasion].templates:
            text = compose(t, context(rich(), occasion))
            assert ("10% off your next bouquet" in text) == (occasion in OFFER_OCCASIONS)
    assert "sympathy" not in OFFER_OCCASIONS


def test_offer_line_reads_as_a_sentence():
    assert offer_line("a free Friday bunch") == "P.S. A little something extra: a free " \
        "Friday bunch."
    assert offer_line("Bring this card for 10% off!") == "P.S. Bring this card for 10% off!"


def test_suggestion_and_milestone_kinds_map_to_occasions():
    assert occasion_for("thank_you_first_purchase") == "first_purchase"
    assert occasion_for("lapsed") == "we_miss_you"
    assert occasion_for("bereavement") == "sympathy"
    assert occasion_for("birthday") == "birthday"
    assert occasion_for("something new") == "keep_in_touch"


# --- rotation -----------------------------------------------------------------------------

def variants() -> list[Template]:
    return [Template("birthday", f"v{i}", f"body {i}", variant=i, id=10 + i)
            for i in (1, 2, 3)]


def test_consecutive_customers_get_different_words():
    chosen = assign_variants(variants(), [5, 6, 7, 8, 9, 10])
    ids = [t.id for t in chosen]
    assert all(a != b for a, b in itertools.pairwise(ids))
    assert len(set(ids[:3])) == 3
    assert assign_variants(variants(), [5, 6, 7, 8, 9, 10]) == chosen  # deterministic


def test_least_recently_used_variant_wins_and_a_customer_gets_new_words():
    last_used = {11: 50, 12: 10, 13: 30}
    assert pick_variant(variants(), last_used, customer_id=1).id == 12
    assert pick_variant(variants(), last_used, customer_id=1, avoid=12).id == 13


# --- personal check -----------------------------------------------------------------------

def test_name_only_text_is_not_personal():
    text = "Dear Peggy,\n\nThank you so much for your order. Warmly, Maria"
    assert not says_something_personal(text, rich(), template_text=text)


def test_a_fact_makes_it_personal():
    text = "Dear Peggy,\n\nGive Biscuit a pat from us!"
    assert personal_touches(text, rich(), template_text=text) == ["mentions Biscuit"]
    assert says_something_personal("Hope the ORCHIDS are blooming", rich())
    assert says_something_personal("Enjoy the white orchid, Peggy", rich())


def test_owner_added_words_make_it_personal_but_a_tweak_does_not():
    template_text = "Dear Bo,\n\nThank you so much for your order.\n\nMaria"
    tweaked = "Dear Bo,\n\nThank you very much for your order!\n\nMaria"
    added = template_text + "\n\nSee you at the farmers market on Saturday."
    assert not says_something_personal(tweaked, minimal(), template_text)
    touches = personal_touches(added, minimal(), template_text)
    assert touches and touches[0].startswith("adds your own words")

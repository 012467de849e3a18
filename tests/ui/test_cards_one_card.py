"""The card editor, opened on a Today suggestion that answers two occasions of a day, fills in
words for both (issue 14 item 5)."""

from datetime import date

from domain.cards import compose
from domain.templates import build_context
from storage import outreach
from tests.storage.test_outreach_one_card import WED, maria  # noqa: F401  (fixture)
from ui.cards.service import CardService


def test_the_editor_words_answer_both_occasions(maria):  # noqa: F811
    [s] = [x for x in outreach.today_queue(WED) if x.customer_id == maria]
    d = CardService().editor_data(maria, "birthday", suggestion=s)
    assert d.also == ["And thank you for sending Ann Lee our way — it means a great deal."]
    context = build_context(d.customer, d.sender, d.occasion, date(2026, 11, 25), d.milestone,
                            d.friend, d.also)
    assert "sending Ann Lee our way" in compose(d.suggested, context)

"""Fit, never cut (issue 13, finding 6): a message that does not fit a format at its readable
floor is reported with how much is over and a larger format of the same system that takes it;
what prints is whole (the signature always there) and never below the floor."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ContentStream

from exports import cards
from exports.cards import fit_report
from exports.cards.jobs import CardJob
from exports.cards.textfit import fit

SENTENCE = "Thank you so much for the lovely visit and for the flowers you chose."
SIGN_OFF = "Warmly,\nRosandra"


def message(sentences: int) -> str:
    return "Dear Peggy,\n\n" + " ".join([SENTENCE] * sentences) + "\n\n" + SIGN_OFF


def job(text: str, recipient: tuple[str, ...] = ("Peggy Shaw", "12 Elm St",
                                                 "Portland OR 97201")) -> CardJob:
    return CardJob(text=text, headline="Thank you", recipient=list(recipient),
                   sender=["Bloom & Co", "48 Alder St", "Portland OR 97205"],
                   business="Bloom & Co", customer="Peggy Shaw")


def words_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def brush_sizes(pdf: bytes) -> set[float]:
    """The sizes the brush face (the message's) is set at, from the pages' Tf operators."""
    sizes = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"]["/Font"]
        for operands, op in ContentStream(page.get_contents(), page.pdf).operations:
            if op == b"Tf":
                base = str(fonts[operands[0]].get_object()["/BaseFont"])
                if "RapportBrush" in base:
                    sizes.add(float(operands[1]))
    return sizes


def test_a_long_message_on_a_postcard_is_reported_with_a_larger_card():
    long_card = job(message(10))
    misfit = fit_report.check(long_card, "postcard-4x6")
    assert misfit is not None and misfit.what == "message"
    assert misfit.lines_over >= 1 and misfit.words_over >= misfit.lines_over
    larger = cards.get(misfit.larger)
    assert not larger.iso and larger.kind == "card"
    assert larger.size[0] * larger.size[1] > 6 * 4 * 72 * 72
    assert fit_report.check(long_card, misfit.larger) is None
    sentence = misfit.sentence()
    assert sentence.startswith("Too long for a 4×6 postcard by about ")
    assert cards.title(misfit.larger) in sentence  # the registry's name, no second table


def test_an_iso_card_is_offered_an_iso_format():
    misfit = fit_report.check(job(message(12)), "a4-4up")
    assert misfit is not None and misfit.larger
    assert cards.get(misfit.larger).iso


def test_a_message_too_long_for_every_format_says_how_many_words():
    misfit = fit_report.check(job(message(60)), "a7")
    assert misfit is not None and misfit.larger == ""
    assert f"shorten it by about {misfit.words_over} words" in misfit.sentence()


def test_a_message_that_does_not_fit_is_never_cut():
    text = message(10)
    pdf = cards.get("postcard-4x6")().render([job(text)])
    printed = words_of(pdf)
    assert "…" not in printed
    assert "Rosandra" in printed  # the signature is never lost
    assert min(brush_sizes(pdf)) >= 9.0  # … nor shrunk below the floor


@pytest.mark.parametrize("name", cards.names("card"))
def test_what_fits_prints_whole_with_its_signature_and_never_below_the_floor(name):
    cls = cards.get(name)
    checked = 0
    for sentences in (1, 3, 5, 7, 9, 12, 16, 20, 25):
        card = job(message(sentences))
        if fit_report.check(card, name) is not None:
            continue
        pdf = cls().render([card])
        printed = words_of(pdf)
        assert "Rosandra" in printed and "Warmly," in printed
        assert printed.count("flowers you chose") == sentences
        assert min(brush_sizes(pdf)) >= cls.message_min - 0.01
        checked += 1
    assert checked >= 3
    assert cls.message_min >= 9.0


def test_the_batch_rule_names_each_card_that_does_not_fit():
    jobs = [job(message(1)), job(message(10)), job(message(2)), job(message(14))]
    found = fit_report.misfits(jobs, "postcard-4x6")
    assert [i for i, _m in found] == [1, 3]
    everyone = fit_report.format_for_all(jobs, "postcard-4x6")
    assert everyone and all(fit_report.check(j, everyone) is None for j in jobs)
    assert fit_report.format_for_all(jobs[:1], "postcard-4x6") == "postcard-4x6"


@pytest.mark.parametrize("name", ["env-a2", "avery-5160", "postcard-4x6"])
def test_an_address_that_cannot_fit_is_named_never_cut(name):
    street = "Apartment 56, Building C, Door 2, " * 4
    crowded = job(message(1), ("Peggy Shaw", *[f"{street}{i}" for i in range(9)]))
    misfit = fit_report.check(crowded, name)
    assert misfit is not None and misfit.what == "address"
    assert misfit.sentence().startswith("The address is too long for ")
    printed = words_of(cards.get(name)().render([crowded]))
    assert "…" not in printed and "Door 2, 8" in printed


def test_fit_keeps_every_line_and_counts_the_overflow():
    text = " ".join(["word"] * 400)
    fitted = fit(text, lambda s: 0.5 * len(s), 100, 50, 12, 9)
    assert not fitted.fits and fitted.overflow > 0
    assert fitted.size == 9
    assert " ".join(fitted.lines).split() == text.split()


@pytest.mark.parametrize("name", ["a7", "a2-folded", "postcard-4x6", "env-10"])
def test_the_sender_lines_are_checked_too(name):
    crowded = job(message(1))
    crowded.business = "Bloom & Co, florists of the Pearl District since 1987. " * 8
    crowded.sender = [crowded.business] * 12
    misfit = fit_report.check(crowded, name)
    assert misfit is not None and misfit.what in ("business name", "return address")
    assert misfit.sentence().startswith(f"The {misfit.what} is too long for ")


def test_the_writing_aid_carries_long_talking_points_over_whole():
    from exports.cards.aids import WritingAid

    notes = " ".join(f"Visit {n}: she chose peonies and asked after the tulips." for n in
                     range(400))
    card = job(message(3))
    card.talking_points = [("Call them", "Peggy"), ("Notes", notes)]
    reader = PdfReader(io.BytesIO(WritingAid(cards.get("a7")).render([card])))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "…" not in text
    assert "Visit 0:" in text and "Visit 399:" in text and "Rosandra" in text
    for page in reader.pages:  # nothing runs past its box (drawn in red when it does)
        assert b".75 .1 .08 rg" not in page.get_contents().get_data()


WORDS = ["thank", "you", "for", "the", "peonies", "Łukasz", "Nguyễn", "wonderful",
         "Ελένη", "Пётр", "x" * 40, "a", "—", "2026", "\n", "\n\n"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=260),
       st.sampled_from(cards.names("card") + cards.names("envelope")))
def test_the_report_and_the_page_agree(words, name):
    """A card the report passes prints whole, nothing past its box (drawn red when it
    is), with its signature; one it does not pass is reported with a larger format that
    really takes it, or none."""
    card = job(" ".join(words) + "\n\n" + SIGN_OFF)
    misfit = fit_report.check(card, name)
    if misfit is not None:
        assert misfit.lines_over >= 1 and misfit.words_over >= 1
        assert misfit.larger == "" or fit_report.check(card, misfit.larger) is None
        return
    pdf = cards.get(name)().render([card])
    reader = PdfReader(io.BytesIO(pdf))
    assert not any(b".75 .1 .08 rg" in p.get_contents().get_data() for p in reader.pages)
    if cards.get(name).kind == "card":
        assert "Rosandra" in words_of(pdf)


def _mono(text: str) -> float:
    return 0.5 * len(text)  # every character half a point wide at 1 pt


@pytest.mark.parametrize("message, width, lines", [
    # "Co." alone on the last line of the demo's card: a name joined by "&" stays together
    ("With love from all of us at Bloom & Co.", 17.5,
     ["With love from all of us at", "Bloom & Co."]),
    ("Thanks from Fern & Moss", 8, ["Thanks from", "Fern & Moss"]),
    # wider than a line: it still breaks at its spaces, never inside a word
    ("Wildflowers & Ferns", 6, ["Wildflowers", "& Ferns"]),
])
def test_words_joined_by_an_ampersand_stay_on_one_line(message, width, lines):
    found = fit(message, _mono, width, 100, 1, 1)
    assert found.lines == lines

"""A batch of cards does the work of a word, a line or a font once, not once per card
(issue 13, Deliver 8): what a thousand cards share is worked out once, and the PDF is the
same as when each card worked it out for itself."""

from __future__ import annotations

import io

from pypdf import PdfReader

from exports import cards
from exports.cards import runs
from exports.cards.jobs import CardJob

GREEK = "Καλλιρρόη"  # in no other test: no earlier batch has split it


def job(n: int) -> CardJob:
    return CardJob(text=f"Hi {GREEK},\n\nThank you for order {n}, truly.\n\nMaria",
                   headline="Thank you", recipient=[f"{GREEK} Customer{n}", "1 Main St"],
                   sender=["Bloom & Co"], business="Bloom & Co", customer=GREEK)


def test_a_word_in_a_fallback_face_is_split_once_for_the_whole_batch(monkeypatch):
    """The brush face lacks Greek: the name goes to the serif face. Before, every card split
    the name into letters again (and once more to find the faces it uses)."""
    calls: list[str] = []
    split = runs._word_clusters

    def counting(word, *args):
        calls.append(word)
        return split(word, *args)

    monkeypatch.setattr(runs, "_word_clusters", counting)
    data = cards.get("a7")().render([job(n) for n in range(200)])
    greek = [word for word in calls if GREEK in word]
    assert greek and len(greek) == len(set(greek))  # each once, not once per card
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 200
    assert all(GREEK in page.extract_text() for page in pages)


def test_the_fit_report_and_the_page_measure_each_message_once(monkeypatch):
    """A batch is checked before it is drawn (nothing is cut to fit): the page then sets
    each message as the check measured it, without working the fit out a second time."""
    from exports.cards import fit_report, pdf

    measured: list[str] = []
    fit = pdf.fit

    def counting(text, *args, **kw):
        measured.append(text)
        return fit(text, *args, **kw)

    monkeypatch.setattr(pdf, "fit", counting)
    batch = [CardJob(text=f"Dear Ada,\n\nThank you for order {n} of the week.\n\nMaria",
                     business="Bloom & Co, Speedwell Lane", customer="Ada") for n in range(50)]
    assert fit_report.batch_refusal(batch, "a7") == ""
    cards.get("a7")().render(batch)
    assert sorted(measured) == sorted({*measured})  # each message (and the foot) once
    assert len(measured) == 51


def test_a_latin_only_batch_reads_only_the_faces_it_draws_with():
    """Each face read costs the whole process time (the broad sans 35 ms): a batch of
    Latin cards reads the brush (message) and the serif (business name), nothing else.
    In a fresh process, since faces are read once per process."""
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "from exports import cards\n"
        "from exports.cards import fit_report\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from exports.cards.jobs import CardJob\n"
        "jobs = [CardJob(text='Dear Ada,\\n\\nThank you!\\n\\nMaria', business='Bloom & Co',"
        " recipient=['Ada Shaw', '1 Main St'], sender=['Bloom & Co'], customer='Ada Shaw')]\n"
        "assert fit_report.batch_refusal(jobs, 'a7') == ''\n"
        "cards.get('a7')().render(jobs)\n"
        "names = pdfmetrics.getRegisteredFontNames()\n"
        "print(sorted(n for n in names if n.startswith('Rapport')))\n")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "['RapportBrush', 'RapportSerif']"


def test_a_card_face_s_boxes_are_worked_out_once_a_format_not_once_a_card(monkeypatch):
    """Every card of a batch asked for the same message and footer boxes twice (the fit
    report, then the page), each time from the trim again: some 20 ms of 1,000 cards. The
    PDF is the same."""
    from exports.cards import fit_report
    from exports.cards.geometry import Box

    made = []
    take_bottom = Box.take_bottom

    def counting(self, h):
        made.append(h)
        return take_bottom(self, h)

    batch = [CardJob(text=f"Dear Ada,\n\nThank you for order {n}.\n\nMaria",
                     business="Bloom & Co", customer="Ada") for n in range(100)]
    before = cards.get("a6")().render(batch)
    monkeypatch.setattr(Box, "take_bottom", counting)
    assert fit_report.batch_refusal(batch, "a6") == ""
    after = cards.get("a6")().render(batch)
    assert len(made) <= 2  # once for the boxes of this format (a few for a sheet's faces)
    assert [p.extract_text() for p in PdfReader(io.BytesIO(after)).pages] == \
        [p.extract_text() for p in PdfReader(io.BytesIO(before)).pages]

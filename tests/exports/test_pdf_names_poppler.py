"""Names in the lines of the reports on paper (the insights, the week's agenda), read back by
poppler. A name written right to left: each line starts where its neighbours do, the name
where it is written and the figures after it ("אברהם כהן — 880.00 (2)"), not laid out right
to left with the figures pulled into the name's run ("(2) 880.00 — אברהם כהן"). A name no
bundled font draws at all (emoji only): its characters named, never a blank."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import date

import pytest

from domain.agenda import Agenda, Entry
from domain.insights import Person, Spend, build
from exports import agenda_pdf, insights_pdf

TODAY = date(2026, 12, 7)

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"),
                                reason="poppler-utils (pdftotext) not installed")


def _words(data: bytes, tmp_path) -> list[tuple[float, float, str]]:
    """(top, left, word) of every word ``pdftotext -bbox`` finds (direction marks, which
    take no room, left out)."""
    path = tmp_path / "insights.pdf"
    path.write_bytes(data)
    found = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                           text=True, check=True).stdout
    return [(round(float(top)), float(left), word.replace("\u200e", ""))
            for left, top, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', found)
            if word.replace("\u200e", "")]


def test_a_right_to_left_name_in_a_list_line_stays_where_it_is_written(tmp_path):
    """"אברהם כהן — 880.00 (2)" is a line of a left-to-right list: it starts at the list's
    left edge like its neighbours, the name first, its figures after it — not laid out right
    to left (right-aligned, the figures pulled into the name's run: "(2) 880.00 — name")."""
    names = ["Maria Lopez", "אברהם כהן", "Tom Baker"]
    people = [Person(n, name) for n, name in enumerate(names, start=1)]
    spends = [Spend(n, "", 90_000 - n * 1_000, 2) for n in (1, 2, 3)]
    bought = {n: [date(2026, 3, 1), date(2026, 4, 1)] for n in (1, 2, 3)}
    words = _words(insights_pdf.render(build(TODAY, people, [], spends, bought, {}), "", "A4"),
                   tmp_path)
    maria_top, maria_left = next((top, left) for top, left, word in words if word == "Maria")
    line = sorted((left, word) for top, left, word in words if top == maria_top + 11)
    assert line, "no line under Maria's"
    lefts = {word: left for left, word in line}
    assert line[0][0] == pytest.approx(maria_left, abs=1)
    hebrew = [left for left, word in line if unicodedata.bidirectional(word[0]) == "R"]
    assert len(hebrew) >= 2, line  # poppler may split a word at a final letter
    assert max(hebrew) < lefts["—"] < lefts["880.00"] < lefts["(2)"]


def test_a_figure_after_a_right_to_left_name_in_the_agenda_stays_after_it(tmp_path):
    """"Call: אברהם כהן — 3 years a customer": the 3 is not pulled in front of the name
    ("Call: 3 — אברהם כהן years a customer")."""
    agenda = Agenda(TODAY, "Café & Co", "A4")
    agenda.days[TODAY] += [
        Entry("Maria Lopez", "email", "Birthday", "Birthday on 9 Dec", "maria@example.com"),
        Entry("אברהם כהן", "phone", "3 years a customer", "Since 2023", "+972 52 555 0101")]
    words = _words(agenda_pdf.render(agenda), tmp_path)
    top = next(top for top, _left, word in words if word == "Call:")
    line = sorted((left, word) for t, left, word in words if t == top)
    lefts = {word: left for left, word in line}
    hebrew = [left for left, word in line if unicodedata.bidirectional(word[0]) == "R"]
    assert len(hebrew) >= 2, line  # poppler may split a word at a final letter
    assert lefts["Call:"] < min(hebrew) and max(hebrew) < lefts["—"] < lefts["3"] < lefts["years"]


def _text(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    found = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    return [line.replace("\u200e", "") for line in found.splitlines()]


def test_a_name_no_font_draws_is_named_on_the_agenda_never_left_blank(tmp_path):
    agenda = Agenda(TODAY, "", "A4")
    agenda.days[TODAY] += [Entry("🌻", "phone", "Birthday", "Birthday on 9 Dec", "+1 503 555 0101"),
                           Entry("Ana 🦋", "email", "Thank you", "First purchase", "a@example.com")]
    lines = _text(agenda_pdf.render(agenda), tmp_path)
    assert "Call: (sunflower) — Birthday" in lines
    assert "Email: Ana — Thank you" in lines  # a name that prints: the emoji left out, as on cards


def test_a_name_no_font_draws_is_named_in_the_insights_lists(tmp_path):
    people = [Person(1, "Maria Lopez"), Person(2, "🌻🌻", referred_by=1)]
    spends = [Spend(n, "", 90_000 - n * 1_000, 2) for n in (1, 2)]
    bought = {n: [date(2026, 3, 1), date(2026, 4, 1)] for n in (1, 2)}
    lines = _text(insights_pdf.render(build(TODAY, people, [], spends, bought, {}), "", "A4"),
                  tmp_path)
    assert "(sunflower) — 880.00 (2)" in lines and "└ (sunflower)" in lines


LONG_HEBREW = "אברהם בן יעקב הכהן מירושלים העתיקה"
LONG_LATIN = "Maria Lopez Fernandez de la Vega y Montoya"


def _senders_pdf() -> bytes:
    people = [Person(1, LONG_HEBREW), Person(2, LONG_LATIN), Person(3, "Ann", referred_by=1),
              Person(4, "Bo", referred_by=2)]
    spends = [Spend(p.id, "", 90_000, 2) for p in people]
    bought = {p.id: [date(2026, 3, 1), date(2026, 4, 1)] for p in people}
    return insights_pdf.render(build(TODAY, people, [], spends, bought, {}), "", "A4")


def test_a_long_name_in_the_referral_chart_is_cut_on_its_one_line(tmp_path):
    """The chart's names were cut at 26 characters, still wider than their room: they broke
    onto a second line past the 12-point box, printed in the preview's overflow red ("de …",
    "מירוש…")."""
    from pypdf import PdfReader

    path = tmp_path / "senders.pdf"
    path.write_bytes(_senders_pdf())
    page = PdfReader(path).pages[1].get_contents().get_data().decode("latin-1")
    assert "0.75 0.1 0.08 rg" not in page and ".75 .1 .08 rg" not in page
    words = _words(path.read_bytes(), tmp_path)
    maria = next(top for top, _left, word in words if word == "Maria")
    below = [word for top, _left, word in words if maria < top <= maria + 10]
    assert not below, below  # one line


def test_a_cut_right_to_left_name_ends_at_its_left():
    """A name read right to left, cut: the ellipsis where it was cut, at the left end of the
    name (it stood at the right, before the name's first word, once the name was set apart
    with left-to-right marks)."""
    from exports.cards import runs
    from exports.cards.coverage import in_report
    from exports.insights_charts import NAME, label

    shown = label(in_report(LONG_HEBREW), 80)
    assert runs.width(shown, NAME.face) * NAME.min_size <= 80
    placed = runs.visual_runs(shown, NAME.face)
    dots = next(r for r in placed if "…" in r.text)
    # the leftmost run, and read right to left, so its last character is drawn leftmost
    assert dots is placed[0] and dots.rtl and dots.text.endswith("…")


def test_a_flag_or_an_emoji_sequence_is_named_as_one_on_the_agenda(tmp_path):
    """A flag is two regional-indicator letters drawn as one picture, a family three people
    joined: named as one ("(flag: US)", "(man + woman + girl)"), not letter by letter
    ("(regional indicator symbol letter u) (regional indicator symbol letter s)", two lines)
    nor by its first part only ("(man)")."""
    agenda = Agenda(TODAY, "", "A4")
    agenda.days[TODAY] += [Entry("🇺🇸", "phone", "Birthday", "Birthday on 9 Dec", "+1 503 555 0101"),
                           Entry("👨\u200d👩\u200d👧", "phone", "Thanks", "First purchase", "+1 1"),
                           Entry("👍🏽", "phone", "Visit", "Visit", "+1 2")]
    lines = _text(agenda_pdf.render(agenda), tmp_path)
    assert "Call: (flag: US) — Birthday" in lines
    assert "Call: (man + woman + girl) — Thanks" in lines
    assert "Call: (thumbs up sign) — Visit" in lines


def test_a_right_to_left_name_that_wraps_keeps_its_line_left_to_right(tmp_path):
    """A name too long for its line wraps: the next line goes on in the list's direction,
    from its left edge, the figures after the name — not laid out right to left on its own
    ("ותל אביב…(2) 880.00 — )", flush right), as the first line was before in_ltr_line."""
    long = ("חברת השקעות ונדל״ן הגליל העליון והעמקים בע״מ סניף ירושלים המרכזי ותל אביב יפו "
            "והסביבה הקרובה")
    people = [Person(1, "Maria Lopez"), Person(2, long)]
    spends = [Spend(n, "", 90_000 - n * 1_000, 2) for n in (1, 2)]
    bought = {n: [date(2026, 3, 1), date(2026, 4, 1)] for n in (1, 2)}
    words = _words(insights_pdf.render(build(TODAY, people, [], spends, bought, {}), "", "A4"),
                   tmp_path)
    maria_left = next(left for _top, left, word in words if word == "Maria")
    top = next(top for top, _left, word in words if word == "880.00")
    line = sorted((left, word) for t, left, word in words if t == top)
    lefts = {word: left for left, word in line}
    assert line[0][0] == pytest.approx(maria_left, abs=1), line
    assert lefts["—"] < lefts["880.00"] < lefts["(2)"]

"""Every script prints: names in Chinese, Japanese, Korean, Devanagari, Thai, Hebrew, Arabic,
Vietnamese, Greek and Russian come back out of the PDF as the same text, every font is an
embedded TrueType subset, a message keeps its face where it can, and a character no bundled
font has is named before printing and never drawn as a box.

Read back with pypdf (and poppler's pdftotext where installed): both only find a name when
each glyph drawn maps back to its characters, which a box (.notdef) or a lost letter breaks.
"""

from __future__ import annotations

import io
import itertools
import shutil
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader

from domain.postal import person_name
from exports import cards
from exports.cards.jobs import CardJob

# (given, family, a word in the language): the names, one per script.
PEOPLE = [
    ("小明", "王", "中文"),
    ("太郎", "山田", "日本語"),
    ("민준", "김", "한국어"),
    ("हिन्दी", "देवनागरी", "नमस्ते"),
    ("สมชาย", "ไทย", "น้ำใจ"),
    ("דוד", "עברית", "שלום"),
    ("محمد", "عبد الله", "شكرا"),
    ("Thị Ánh", "Nguyễn", "Tiếng Việt"),
    ("Ελένη", "Ελληνικά", "Ευχαριστώ"),
    ("Пётр", "Русский", "Спасибо"),
]
NAMES = [person_name(g, f) for g, f, _w in PEOPLE]
WORDS = [w for _g, _f, w in PEOPLE]


def job(name: str, word: str, text: str = "") -> CardJob:
    return CardJob(text=text or f"Dear {name},\n\n{word} — thank you for the visit!\n\nMaria",
                   headline="Thank you", recipient=[name, word, "1 Main St", "Springfield"],
                   sender=["Bloom & Co", "48 Alder St", "Portland OR 97205"],
                   business="Bloom & Co", customer=name)


JOBS = [job(n, w) for n, w in zip(NAMES, WORDS, strict=True)]
FORMATS = ["a2-folded", "a7", "letter-4up", "env-10", "env-a2", "avery-5160", "avery-l7160"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def without_embedding(text: str) -> str:
    """poppler's text with the bidi embedding marks it puts round right-to-left lines
    taken out."""
    return nfc(text.translate(dict.fromkeys(range(0x202A, 0x202F))))


def pypdf_text(data: bytes) -> str:
    return nfc("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return {name: cards.get(name)().render(JOBS) for name in FORMATS}


@pytest.mark.parametrize("name", FORMATS)
def test_pypdf_finds_every_name_and_word(rendered, name):
    text = pypdf_text(rendered[name])
    for expected in NAMES + WORDS:
        assert nfc(expected) in text, (name, expected)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext missing")
@pytest.mark.parametrize("name", FORMATS)
def test_pdftotext_finds_every_name(rendered, name, tmp_path):
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(rendered[name])
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode()
    for expected in NAMES + WORDS:
        assert nfc(expected) in without_embedding(out), (name, expected)


@pytest.mark.parametrize("name", FORMATS)
def test_every_font_is_an_embedded_truetype_subset(rendered, name):
    fonts = set()
    for page in PdfReader(io.BytesIO(rendered[name])).pages:
        for font in _fonts(page["/Resources"]):
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            prefix, _plus, base = str(font["/BaseFont"]).lstrip("/").partition("+")
            assert len(prefix) == 6 and base, font["/BaseFont"]  # a subset, named as one
            fonts.add(base)
    assert len(fonts) >= 5  # the scripts really went to their own faces


def _fonts(resources):
    for font in resources.get("/Font", {}).values():
        yield font.get_object()
    for xobject in resources.get("/XObject", {}).values():
        form = xobject.get_object()
        if "/Resources" in form:
            yield from _fonts(form["/Resources"])


def test_arabic_keeps_every_letter_in_logical_order():
    data = cards.get("avery-5160")().render([job("محمد عبد الله", "شكرا")])
    assert "محمد عبد الله" in pypdf_text(data)


def _glyph_counts(data: bytes) -> list[int]:
    """Glyphs drawn per text-showing operator (Tj or TJ) on the first page."""
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(data))
    counts = []
    for operands, op in ContentStream(reader.pages[0].get_contents(), reader).operations:
        if op == b"Tj":
            counts.append(len(bytes(operands[0].original_bytes)))
        elif op == b"TJ":
            counts.append(sum(len(bytes(o.original_bytes)) for o in operands[0]
                              if hasattr(o, "original_bytes")))
    return counts


def test_devanagari_conjuncts_are_formed():
    # हिन्दी is six characters; shaped, न्द is one conjunct and the i-sign moves before ह.
    data = cards.get("avery-5160")().render([CardJob(recipient=["हिन्दी"])])
    assert 0 < sum(_glyph_counts(data)) < len("हिन्दी")
    assert "हिन्दी" in pypdf_text(data)


def _text_by_font(data: bytes) -> dict[str, str]:
    found: dict[str, str] = {}

    def visit(text, _cm, _tm, font, _size):
        if font is not None and text.strip():
            base = str(font["/BaseFont"]).partition("+")[2]
            found[base] = found.get(base, "") + text

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_one_greek_word_leaves_the_rest_of_the_message_in_brush():
    message = "Dear Peggy,\n\nThank you for the Ευχαριστώ card, it made my week!\n\nMaria"
    by_font = _text_by_font(cards.get("a7")().render([job("Peggy", "x", message)]))
    brush = " ".join(by_font.get("RapportBrush-Regular", "").split())
    assert "Thank you for the" in brush and "made my week" in brush
    assert "Ευχαριστώ" in by_font.get("NotoSerif-Regular", "")
    assert "Ευχαριστώ" not in brush


@pytest.mark.parametrize("letter", ["ễ", "Ж", "ש", "🎉"])
def test_one_letter_does_not_change_the_whole_message_face(letter):
    from exports.cards import runs

    pieces = runs.logical_runs(f"Dear Peggy {letter} thank you", "brush")
    faces = {p.face.key for p in pieces if p.text.strip() and letter not in p.text}
    assert faces == {"brush"}


def test_widths_measure_mixed_runs_as_drawn():
    from exports.cards import runs

    line = "Dear 王小明 and محمد عبد الله, हिन्दी ไทย Ελένη"
    whole = runs.width(line, "brush")
    words = sum(runs.width(w, "brush") for w in line.split(" "))
    assert whole == pytest.approx(words + runs.width(" ", "brush") * line.count(" "), abs=1e-9)
    drawn = sum(r.width for r in runs.visual_runs(line, "brush"))
    assert drawn == pytest.approx(whole, abs=1e-9)


def test_characters_no_font_has_are_named_with_where_they_are():
    from exports.cards.coverage import describe, unprintable

    jobs = [job("Ana Silva", "x", "Happy birthday 🎉!"),
            CardJob(text="Hi", recipient=["Bo Li", "1 \U00013000 St"], customer="Bo Li",
                    sender=["Shop", "2 Elm St"]), *JOBS]
    found = unprintable(jobs)
    assert [(f.char, f.customer, f.where) for f in found] == [
        ("🎉", "Ana Silva", "card message"), ("\U00013000", "Bo Li", "address")]
    line = describe(found)
    assert "the 🎉 (party popper) in Ana Silva's card message" in line
    assert "\n" not in line
    assert unprintable(JOBS) == []


def test_an_unprintable_character_is_left_out_never_a_box():
    data = cards.get("a7")().render([job("Ana Silva", "x", "Happy birthday 🎉 Ana!")])
    text = pypdf_text(data)
    assert "Happy birthday" in text and "Ana!" in text
    # A box is a glyph drawn for the character: its font's ToUnicode map would name it.
    maps = b"".join(font["/ToUnicode"].get_object().get_data()
                    for page in PdfReader(io.BytesIO(data)).pages
                    for font in _fonts(page["/Resources"]))
    assert b"1F389" not in maps.upper() and b"D83CDF89" not in maps.upper()
    assert "🎉" not in text


def test_a_long_word_is_never_cut_between_a_letter_and_its_marks():
    # Thai writes no spaces between words, and a long Devanagari compound may not fit: each
    # is cut inside one "word"; a vowel sign with its own width must stay with its letter.
    from exports.cards import runs
    from exports.cards.textfit import fit

    words = ["ขอบคุณสำหรับการสนับสนุนและความไว้วางใจของคุณเสมอมา" * 4,
             "धन्यवादशुभकामनाएँमहोत्सवविद्यालयकीओरसेहार्दिकबधाई" * 3]
    for word, width in itertools.product(words, range(40, 160, 7)):
        fitted = fit(word, lambda t: runs.width(t, "serif"), width, 1000, 10, 10)
        assert len(fitted.lines) > 1
        assert "".join(fitted.lines) == word
        for line in fitted.lines:
            assert unicodedata.category(line[0])[0] != "M", (width, line)
            assert unicodedata.combining(line[-1]) != 9, (width, line)  # न्|य kept whole


HOSTILE = ["👩\u200d👩\u200d👧", "🇯🇵", "👍🏽", "❤️", "\u0301abc", "می\u200cخواهم", "مُحَمَّد ١٢٣ abc",
           "\ud800x", "ﷺ ﻻ", "\u202eevil", "क्\u200dष", "\U0010ffff", "ก\u0e31\u0e31",
           "(abc) [שלום] {محمد}", "\u0590\u05fb unassigned in a right-to-left block"]


@pytest.mark.parametrize("name", ["a7", "env-a2", "avery-5160"])
def test_hostile_text_never_raises(name):
    import random

    rng = random.Random(7)
    pools = [(0x20, 0x7E), (0x300, 0x36F), (0x590, 0x6FF), (0x900, 0x97F), (0xE00, 0xE7F),
             (0x4E00, 0x4E80), (0xAC00, 0xAC80), (0x1F300, 0x1F6FF), (0xD800, 0xDFFF),
             (0x200B, 0x206F), (0xFE00, 0xFE0F), (0xFB1D, 0xFDFF)]
    texts = HOSTILE + ["".join(chr(rng.randint(*rng.choice(pools)))
                               for _ in range(rng.randint(1, 50))) for _ in range(60)]
    jobs = [CardJob(text=t, recipient=[t, t[:5]], sender=[t[:3]], business=t[:4],
                    customer=t[:6]) for t in texts]
    from exports.cards.coverage import describe, unprintable

    assert PdfReader(io.BytesIO(cards.get(name)().render(jobs))).pages
    assert describe(unprintable(jobs))

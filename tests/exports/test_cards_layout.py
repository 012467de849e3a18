"""Where the ink goes: every glyph inside its safe area, crop marks outside the cards, long
text shrunk, customer text printed literally, non-Latin names extracted back, fonts embedded.

Glyph boxes come from walking the PDF's content stream (text matrices, the font's /Widths,
/Ascent and /Descent), independent of the layout code that placed them.
"""

import io
import itertools
import unicodedata
from dataclasses import dataclass

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from exports import cards
from exports.cards import fit_report
from exports.cards.base import CardFace
from exports.cards.cards import CardSheet, FoldedA2Card, Postcard4x6
from exports.cards.envelopes import Envelope
from exports.cards.geometry import Box, Offsets
from exports.cards.jobs import CardJob
from exports.cards.labels import LabelSheet

LONG = "Dear Peggy,\n\n" + " ".join(["Thank you so much for everything this year."] * 60) + \
    "\n\nMaria\n" + "W" * 120
NAMES = ["Łukasz Wiśniewski", "Nguyễn Thị Ễnh", "Ayşe Ağaoğlu", "Ελένη Παπαδοπούλου",
         "Пётр Чайковский", "Zoë Ørsted", "王小明", "山田太郎", "김 민준", "हिन्दी देवनागरी",
         "สมชาย น้ำใจ", "דוד כהן", "محمد عبد الله"]
ARABIC = "سارة العلي"
TRICKY = "{{ 7*7 }} <b>&amp;</b> {% if x %}"


def job(text: str = "Dear Bo,\n\nThank you for the visit!\n\nMaria", name: str = "Bo Li",
        street: str = "1 Main St") -> CardJob:
    return CardJob(text=text, headline="Thank you", recipient=[name, street, "Springfield"],
                   sender=["Bloom & Co", "48 Alder St", "Portland OR 97205"],
                   business="Bloom & Co", customer=name)


@dataclass
class Glyph:
    x0: float
    x1: float
    bottom: float
    top: float
    baseline: float


def _mul(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _font_metrics(resources, name):
    font = resources["/Font"][name].get_object()
    desc = font["/FontDescriptor"].get_object()
    widths = [float(w) for w in font["/Widths"]]
    return int(font["/FirstChar"]), widths, float(desc["/Ascent"]), float(desc["/Descent"])


def walk(page):
    """Glyph boxes and line segments of one page, in page coordinates."""
    return _walk(page.get_contents(), page["/Resources"], page.pdf, [1, 0, 0, 1, 0, 0])


def _walk(contents, resources, pdf, ctm):
    ops = ContentStream(contents, pdf).operations
    stack, tm, tlm = [], None, None
    font, size, leading = None, 0.0, 0.0
    glyphs, segments, point = [], [], (0, 0)
    for operands, op in ops:
        op = op.decode() if isinstance(op, bytes) else op
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            ctm = _mul([float(v) for v in operands], ctm)
        elif op == "BT":
            tm = tlm = [1, 0, 0, 1, 0, 0]
        elif op == "Tf":
            font, size = _font_metrics(resources, operands[0]), float(operands[1])
        elif op == "TL":
            leading = float(operands[0])
        elif op == "Tm":
            tm = tlm = [float(v) for v in operands]
        elif op == "Td":
            tm = tlm = _mul([1, 0, 0, 1, float(operands[0]), float(operands[1])], tlm)
        elif op == "T*":
            tm = tlm = _mul([1, 0, 0, 1, 0, -leading], tlm)
        elif op == "Tj":
            tm = _show(bytes(operands[0].original_bytes), font, size, tm, ctm, glyphs)
        elif op == "TJ":  # shaped text: glyphs with HarfBuzz's adjustments between them
            for part in operands[0]:
                if hasattr(part, "original_bytes"):
                    tm = _show(bytes(part.original_bytes), font, size, tm, ctm, glyphs)
                else:
                    tm = _mul([1, 0, 0, 1, -float(part) / 1000 * size, 0], tm)
        elif op == "Do":  # a form drawn once and placed on many pages
            form = resources["/XObject"][operands[0]].get_object()
            matrix = [float(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0])]
            inner = _walk(form, form["/Resources"], pdf, _mul(matrix, ctm))
            glyphs += inner[0]
            segments += inner[1]
        elif op == "m":
            point = _apply(ctm, float(operands[0]), float(operands[1]))
        elif op == "l":
            end = _apply(ctm, float(operands[0]), float(operands[1]))
            segments.append((point, end))
            point = end
        elif op == "re":
            x, y, w, h = (float(v) for v in operands)
            corners = [_apply(ctm, *c) for c in ((x, y), (x + w, y), (x + w, y + h),
                                                  (x, y + h), (x, y))]
            segments += list(itertools.pairwise(corners))
    return glyphs, segments


def _apply(m, x, y):
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _show(codes, font, size, tm, ctm, glyphs):
    first, widths, ascent, descent = font
    for code in codes:
        advance = widths[code - first] / 1000 * size
        x, y = _apply(_mul(tm, ctm), 0, 0)
        glyphs.append(Glyph(x, x + advance, y + descent / 1000 * size,
                            y + ascent / 1000 * size, y))
        tm = _mul([1, 0, 0, 1, advance, 0], tm)
    return tm


def layout(renderer, jobs) -> list:
    reader = PdfReader(io.BytesIO(renderer.render(jobs)))
    return [walk(p) for p in reader.pages]


def safe_boxes(renderer) -> list[Box]:
    """Where the format promises to keep its ink."""
    w, h = renderer.page_size
    page = Box(0, 0, w, h)
    if isinstance(renderer, FoldedA2Card):
        left, right = page.split_h(renderer.size[0])
        return [renderer.safe_area(left), renderer.safe_area(right)]
    if isinstance(renderer, CardSheet):
        return [renderer.safe_area(s) for s in renderer.slots()]
    if isinstance(renderer, LabelSheet):
        return [s.inset(*renderer.padding) for s in renderer.slots()]
    if isinstance(renderer, Envelope):
        return [page.inset(renderer.margin)]
    assert isinstance(renderer, CardFace | Postcard4x6)
    return [renderer.safe_area(page)]


def inside(g: Glyph, boxes: list[Box], eps: float = 0.05) -> bool:
    return any(b.x - eps <= g.x0 and g.x1 <= b.right + eps and b.y - eps <= g.bottom
               and g.top <= b.top + eps for b in boxes)


def fitting(fmt: str, text: str, **kw) -> CardJob:
    """The job with the longest start of ``text`` (in words) that fits format ``fmt``: what
    a batch prints. A longer text is reported, never cut (tests/exports/test_cards_fit.py)."""
    words = text.split(" ")
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fit_report.check(job(" ".join(words[:mid]), **kw), fmt) is None:
            lo = mid
        else:
            hi = mid - 1
    return job(" ".join(words[:lo]), **kw)


@pytest.mark.parametrize("name", cards.names())
def test_every_glyph_stays_in_the_safe_area(name):
    renderer = cards.get(name)()
    address = {"name": "Bartholomew Fitzgerald-Worthington III",
               "street": "1234 Northwest Glisan Boulevard, Apartment 56, Building C, Door 2"}
    jobs = [job(), fitting(name, LONG, **address), job("", "", ""),
            job(" ".join(NAMES), NAMES[2])]
    assert all(fit_report.check(j, name) is None for j in jobs)
    if cards.get(name).kind == "card":
        assert fit_report.check(job(LONG), name) is not None
    boxes = safe_boxes(renderer)
    count = 0
    for glyphs, _segments in layout(renderer, jobs * 2):
        for g in glyphs:
            assert inside(g, boxes), (name, g)
        count += len(glyphs)
    assert count > 100


@pytest.mark.parametrize("name", cards.names("card"))
def test_long_text_shrinks_and_never_overflows(name):
    renderer = cards.get(name)()
    short, long_ = (layout(renderer, [j]) for j in (job("Thank you!"), fitting(name, LONG)))
    def sizes(pages):
        return {round(g.top - g.bottom, 2) for glyphs, _ in pages for g in glyphs}
    assert min(sizes(long_)) < max(sizes(short))
    for glyphs, _ in long_:
        assert all(inside(g, safe_boxes(renderer)) for g in glyphs)


@pytest.mark.parametrize("name", ["letter-2up", "letter-4up", "a4-2up", "a4-4up"])
def test_crop_marks_are_outside_every_card(name):
    renderer = cards.get(name)()
    (_glyphs, segments), = layout(renderer, [job()] * renderer.per_sheet)
    marks = [s for s in segments if s[0] != s[1]]
    assert len(marks) >= 8
    for (x1, y1), (x2, y2) in marks:
        for slot in renderer.slots():
            mid = ((x1 + x2) / 2, (y1 + y2) / 2)
            assert not (slot.x < mid[0] < slot.right and slot.y < mid[1] < slot.top)
            assert not (slot.x < x1 < slot.right and slot.y < y1 < slot.top)


@pytest.mark.parametrize("name", cards.names("envelope"))
def test_envelope_addresses_follow_postal_convention(name):
    renderer = cards.get(name)()
    w, h = renderer.size
    (glyphs, _), = layout(renderer, [job()])
    sender = [g for g in glyphs if g.top > h * 0.7]
    recipient = [g for g in glyphs if g.top <= h * 0.6]
    assert sender and recipient
    assert max(g.x1 for g in sender) < w / 2  # return address: top left
    assert min(g.x0 for g in recipient) > w * 0.3  # recipient: right of centre …
    assert max(g.top for g in recipient) <= h / 2 + 0.5  # … and below the middle
    assert min(g.bottom for g in recipient) >= 0.625 * 72 - 0.5  # clear of the barcode strip


def text_of(renderer, jobs) -> str:
    reader = PdfReader(io.BytesIO(renderer.render(jobs)))
    return "\n".join(p.extract_text() for p in reader.pages)


@pytest.mark.parametrize("name", ["a2-folded", "a7", "postcard-4x6", "letter-4up"])
def test_markup_and_template_syntax_print_literally(name):
    text = text_of(cards.get(name)(), [job(f"Dear {TRICKY},\n\nThanks!", TRICKY)])
    assert TRICKY in " ".join(text.split())  # lines may wrap anywhere


@pytest.mark.parametrize("name", ["a7", "env-a2", "avery-5160", "postcard-4x6"])
def test_non_latin_names_come_back_as_the_same_text(name):
    jobs = [job(f"Dear {n},\n\nThank you!", n) for n in NAMES]
    text = unicodedata.normalize("NFC", text_of(cards.get(name)(), jobs))
    for n in NAMES:
        assert n in text


def test_arabic_is_joined_and_reads_back_in_reading_order():
    from exports.cards import runs

    text = text_of(cards.get("a7")(), [job(f"عزيزتي {ARABIC}،\n\nشكرا لك!", ARABIC)])
    assert ARABIC in unicodedata.normalize("NFC", text)
    # Joined: every letter of محمد is drawn in its initial, medial or final form.
    (run,) = runs.logical_runs("محمد", "serif")
    assert run.rtl and not set(run.glyphs) & set("محمد")


def test_every_font_is_an_embedded_truetype_subset():
    jobs = [job(), job(" ".join(NAMES)), job(ARABIC)]
    pdf = PdfReader(io.BytesIO(cards.get("a7")().render(jobs)))
    seen = set()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            seen.add(str(font["/BaseFont"]).split("+")[1])
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert {"RapportBrush-Regular", "NotoSerif-Regular", "DejaVuSans"} <= seen


def test_printer_offsets_move_everything():
    renderer = cards.get("a7")
    (plain, _), = layout(renderer(), [job()])
    (moved, _), = layout(renderer(Offsets(5, -3)), [job()])
    assert len(plain) == len(moved)
    for a, b in zip(plain, moved, strict=True):
        assert (b.x0 - a.x0, b.baseline - a.baseline) == pytest.approx((5, -3))

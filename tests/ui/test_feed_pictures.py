"""How to feed the paper, as pictures: two-sided printing on either edge, manual re-feed,
envelopes; shown in the batch print dialog."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette

from domain.model import Card
from storage import templates as store
from ui.cards.feed_picture import KINDS, FeedPicture, feed_picture_for
from ui.cards.print_dialog import PrintDialog
from ui.cards.service import CardService

PICTURES = [*KINDS, "envelope:env-10", "envelope:env-c7"]


def painted(widget, size=(320, 160), palette: QPalette | None = None) -> QImage:
    if palette is not None:
        widget.setPalette(palette)
    widget.resize(*size)
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def ink(image: QImage) -> list[QColor]:
    """The pixels that differ from the background (the top-left corner's colour)."""
    ground = image.pixel(0, 0)
    return [QColor(image.pixel(x, y)) for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2) if image.pixel(x, y) != ground]


@pytest.mark.parametrize("kind", PICTURES)
def test_each_picture_paints_something(qtbot, kind):
    widget = feed_picture_for(kind)
    qtbot.addWidget(widget)
    picture = widget if isinstance(widget, FeedPicture) else widget.findChild(FeedPicture)
    assert picture.kind == kind
    drawn = ink(painted(picture))
    assert len(drawn) > 300  # strokes, sheets and arrows: not a blank box


def test_the_pictures_differ_from_each_other(qtbot):
    images = {}
    for kind in PICTURES:
        picture = FeedPicture(kind)
        qtbot.addWidget(picture)
        images[kind] = painted(picture)
    for a, b in itertools.combinations(PICTURES, 2):
        assert images[a] != images[b], (a, b)


def test_the_pictures_follow_a_dark_palette(qtbot):
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#1e1f22"),
                         (QPalette.ColorRole.Base, "#2b2d30"),
                         (QPalette.ColorRole.WindowText, "#e8e8e8"),
                         (QPalette.ColorRole.Text, "#e8e8e8")):
        dark.setColor(role, QColor(colour))
    picture = FeedPicture("duplex-short")
    qtbot.addWidget(picture)
    image = painted(picture, palette=dark)
    assert QColor(image.pixel(0, 0)).lightness() < 60  # the dark window shows through
    drawn = ink(image)
    assert max(c.lightness() for c in drawn) > 180  # lines light enough to see on it


def test_a_picture_is_crisp_when_large(qtbot):
    picture = FeedPicture("manual-duplex")
    qtbot.addWidget(picture)
    small, large = ink(painted(picture, (240, 120))), ink(painted(picture, (960, 480)))
    assert len(large) > 3 * len(small)  # drawn again at the size, not a scaled bitmap


def test_an_unknown_picture_is_refused(qtbot):
    with pytest.raises(ValueError):
        feed_picture_for("sideways")
    with pytest.raises(ValueError):
        feed_picture_for("envelope:a5")


# --- the print dialog -------------------------------------------------------------------

@pytest.fixture
def queued(people):
    return [store.create_card(Card(people[k], "keep_in_touch", f"Dear {k}, thank you.",
                                   "a2-folded", "queued")).id for k in ("peggy", "tom")]


def open_dialog(qtbot, window, ids, card_format="a2-folded") -> PrintDialog:
    dialog = PrintDialog(CardService(), window.ops, window.events, ids, card_format)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    return dialog


def test_the_print_dialog_shows_the_duplex_picture_for_folded_cards(qtbot, window, queued):
    dialog = open_dialog(qtbot, window, queued)
    dialog.show()
    assert dialog.card_feed.kind == "duplex-short"
    assert dialog.card_feed.isVisibleTo(dialog)
    assert dialog.envelope_feed.kind == "envelope:env-a2"
    details = dialog.card_feed.show_details()  # laid over the dialog, inside it
    kinds = [p.kind for p in details.findChildren(FeedPicture)]
    assert kinds == ["duplex-short", "manual-duplex"]
    assert details.isVisible() and dialog.rect().contains(details.geometry())
    dialog.card_feed.more.click()  # the link again puts them away
    qtbot.waitUntil(lambda: dialog.card_feed.details is None, timeout=2000)
    qtbot.mouseClick(dialog.card_feed.picture, Qt.MouseButton.LeftButton)  # the picture too
    assert dialog.card_feed.details is not None and dialog.card_feed.details.isVisible()
    qtbot.keyClick(dialog.card_feed.details, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.card_feed.details is None, timeout=2000)
    dialog.card_format.setCurrentIndex(dialog.card_format.findData("postcard-4x6"))
    qtbot.waitUntil(dialog.is_ready, timeout=10000)
    assert dialog.card_feed.kind == "" and not dialog.card_feed.isVisibleTo(dialog)
    assert "flip" not in dialog.cards_pane.note.text()


def test_the_print_dialog_fits_a_small_laptop(qtbot, window, queued):
    dialog = open_dialog(qtbot, window, queued)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1000 and hint.height() <= 600
    room = dialog.screen().availableGeometry()  # it opens no larger than the screen
    assert dialog.width() <= room.width() and dialog.height() <= room.height() - 40

"""The first day: who the shop is and where, asked once when a new notebook is made.

Everything is optional; "Skip for now" keeps the notebook as it is, and the same details stay
editable later under Cards ▸ Sender. The country is the notebook's region (address format,
phone numbers) and the owner's date order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QWidget

from domain.templates import Sender
from storage import templates
from storage.db import NotebookError
from ui import ask, theme
from ui.cards.sender_dialog import SenderDialog
from ui.preferences import Preferences
from ui.widgets.fit import fit_to_screen


@dataclass(frozen=True)
class FirstDay:
    """The answers: the sender (its ``home`` the country) and whether dates go day first."""

    sender: Sender
    day_first: bool


@lru_cache(maxsize=1)
def countries() -> dict[str, QLocale]:
    """Every country Qt knows, by ISO code, with a locale of it (its date order), by name."""
    own = QLocale.system().language()
    found: dict[str, QLocale] = {}
    for locale in QLocale.matchingLocales(QLocale.Language.AnyLanguage,
                                          QLocale.Script.AnyScript,
                                          QLocale.Country.AnyCountry):
        parts = locale.name().split("_")
        if len(parts) != 2 or len(parts[1]) != 2 or not parts[1].isalpha():
            continue
        # the owner's own language where the country speaks it (en_CA, not fr_CA, in English)
        if parts[1] not in found or locale.language() == own:
            found[parts[1]] = locale
    return dict(sorted(found.items(), key=lambda item: _name(item[1]).casefold()))


def _name(locale: QLocale) -> str:
    return QLocale.territoryToString(locale.territory())


def day_first(code: str) -> bool:
    """Whether ``code``'s country writes the day before the month (DE yes, US no)."""
    locale = countries().get(code)
    if locale is None:
        return False
    short = locale.dateFormat(QLocale.FormatType.ShortFormat).lower()
    return short.find("d") < short.find("m")


class ShopDialog(SenderDialog):
    """One friendly form: shop, owner, signature, return address, country and the offer."""

    def __init__(self, sender: Sender, parent: QWidget | None = None) -> None:
        super().__init__(sender, parent=parent, title="About your shop", ok_text="Start")
        self.setWindowTitle("Welcome to Rapport")
        intro = theme.label("Your cards are signed and sent back with these. All of it is "
                            "optional: skip it now and fill it in later on the Cards screen, "
                            "under “Sender and return address”.", "muted")
        intro.setWordWrap(True)
        self.layout().insertWidget(1, intro)
        self.country_box = QComboBox()
        for code, locale in countries().items():
            self.country_box.addItem(_name(locale), code)
        self.set_country(sender.home)
        self.form.insertRow(0, "Your country", self.country_box)
        for key in ("country", "grace_days"):  # other countries and price notices: later
            self.form.setRowVisible(self.boxes[key], False)
        self.form.labelForField(self.boxes["business"]).setText("Shop’s name")
        self.offer.setPlaceholderText("E.g. 10% off your next visit")
        skip = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        skip.setText("Skip for now")
        self.business.setFocus(Qt.FocusReason.OtherFocusReason)
        # Qt opens a window at most 2/3 of the screen tall, which squashed the address box
        # on a 700 px screen: its own height, unless the screen is smaller still.
        hint = self.sizeHint()
        self.resize(max(self.minimumWidth(), hint.width()), hint.height())
        fit_to_screen(self)

    def set_country(self, code: str) -> None:
        """Choose the country with ISO code ``code`` (nothing changes for an unknown one)."""
        index = self.country_box.findData(code.upper())
        if index >= 0:
            self.country_box.setCurrentIndex(index)

    def choice(self) -> FirstDay:
        """What the owner filled in, as it would be saved."""
        code = self.country_box.currentData() or self._home
        sender = replace(self.build_value({}), home=code)
        return FirstDay(sender, day_first(code))


def save(choice: FirstDay, settings: QSettings) -> None:
    """Keep the answers: the notebook's in one transaction, then the owner's date order."""
    templates.save_first_day(choice.sender)
    Preferences(region=choice.sender.home, day_first=choice.day_first).save(settings)


def ask_about_shop(settings: QSettings | None = None, parent: QWidget | None = None) -> None:
    """Ask about the shop on the open notebook; skipped: nothing is written. ``settings``:
    where the owner's preferences are kept (the application's by default)."""
    settings = settings or QSettings()
    app = QApplication.instance()
    if app is not None:  # before the window: its style sheet is not on yet
        theme.apply_style_sheet(app)
    sender = replace(templates.load_sender(), home=Preferences.load(settings).region)
    dialog = ShopDialog(sender, parent)
    if dialog.exec() != ShopDialog.DialogCode.Accepted:
        return
    try:
        save(dialog.choice(), settings)
    except NotebookError as exc:
        ask.inform(parent, "The shop's details were not saved",
                   f"{exc} You can enter them later on the Cards screen.")

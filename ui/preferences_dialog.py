"""Edit ▸ Preferences: the home region for phone numbers and the order of day and month."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QWidget

from ui.preferences import Preferences
from ui.widgets.form_dialog import FormDialog


def regions() -> list[tuple[str, str]]:
    """(country name, region code) for every region phone numbers know, by name."""
    import phonenumbers

    named = []
    for code in phonenumbers.SUPPORTED_REGIONS:
        territory = QLocale.codeToTerritory(code)
        name = QLocale.territoryToString(territory) if territory.value else code
        named.append((f"{name} ({code})", code))
    return sorted(named)


class PreferencesDialog(FormDialog):
    """Changes :class:`Preferences`; ``value()`` is the new one."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__("Preferences", parent=parent)
        self.region = QComboBox()
        for name, code in regions():
            self.region.addItem(name, code)
        self.region.setCurrentIndex(max(0, self.region.findData(prefs.region)))
        self.add_field("region", "Home country", self.region,
                       "Phone numbers typed without + and a country code are read as "
                       "numbers of this country.")
        self.order = QComboBox()
        self.order.addItem("Day first: 14/03/2026", True)
        self.order.addItem("Month first: 03/14/2026", False)
        self.order.setCurrentIndex(0 if prefs.day_first else 1)
        self.add_field("day_first", "Dates typed with slashes", self.order)

    def build_value(self, errors: dict[str, str]) -> Preferences:
        return Preferences(region=self.region.currentData(), day_first=self.order.currentData())

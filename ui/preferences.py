"""Window preferences that are the owner's, not the notebook's: phone region, date order."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QSettings

from domain.validation import region_from_locale

REGION_KEY = "phone/default_region"
DAY_FIRST_KEY = "dates/day_first"


@dataclass(frozen=True)
class Preferences:
    """``region`` reads phone numbers typed without ``+``; ``day_first`` reads 03/04 as 3 Apr."""

    region: str = "US"
    day_first: bool = False

    @classmethod
    def load(cls, settings: QSettings | None = None) -> Preferences:
        """From QSettings, falling back on the system locale's country (else US)."""
        settings = settings or QSettings()
        locale = QLocale.system()
        stored = settings.value(REGION_KEY, "")
        region = str(stored).upper() if stored else region_from_locale(locale.name())
        short = locale.dateFormat(QLocale.FormatType.ShortFormat).lower()
        day_first = settings.value(DAY_FIRST_KEY, short.find("d") < short.find("m"), bool)
        return cls(region=region, day_first=bool(day_first))

    def save(self, settings: QSettings) -> None:
        """Keep these preferences for the next start."""
        settings.setValue(REGION_KEY, self.region)
        settings.setValue(DAY_FIRST_KEY, self.day_first)

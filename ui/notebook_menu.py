"""File ▸ New notebook, Open notebook, Open Recent and the demo: another notebook without
quitting. The window asks; ``ui.app.ShownWindow.switch`` closes this one and opens the next."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from storage.paths import NOTEBOOK_SUFFIX, default_notebook
from ui.widgets.folders import documents_folder

RECENT_KEY = "notebooks/recent"
MAX_RECENT = 8
FILTER = f"Rapport notebooks (*{NOTEBOOK_SUFFIX});;All files (*)"


def recent(settings: QSettings) -> list[Path]:
    """The notebooks opened last, newest first."""
    stored = settings.value(RECENT_KEY, []) or []
    return [Path(p) for p in ([stored] if isinstance(stored, str) else stored)]


def remember(settings: QSettings, path: Path) -> None:
    """Put ``path`` first in the recent list (kept to ``MAX_RECENT``)."""
    paths = [path] + [p for p in recent(settings) if p != path]
    settings.setValue(RECENT_KEY, [str(p) for p in paths[:MAX_RECENT]])


def _with_suffix(name: str) -> Path:
    path = Path(name)
    return path if path.suffix == NOTEBOOK_SUFFIX else Path(f"{name}{NOTEBOOK_SUFFIX}")


class NotebookMenu(QObject):
    """The notebook entries at the top of the File menu; ``open_requested`` carries an
    opener: a callable that opens the chosen notebook (telling any problem) or gives None."""

    open_requested = Signal(object)

    def __init__(self, window: QMainWindow, file_menu: QMenu,
                 settings: QSettings | None) -> None:
        super().__init__(window)
        self._window, self._settings = window, settings or QSettings()
        actions = window.actions
        file_menu.addAction(actions["new_notebook"])
        file_menu.addAction(actions["open_notebook"])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addAction(actions["open_demo"])
        actions["new_notebook"].triggered.connect(self.new_notebook)
        actions["open_notebook"].triggered.connect(self.open_notebook)
        actions["open_demo"].triggered.connect(self.open_demo)

    def remember(self, path: Path) -> None:
        """Note ``path`` as the notebook open now."""
        remember(self._settings, Path(path))

    def new_notebook(self) -> None:
        """Ask where, then make and open an empty notebook there."""
        suggested = str(Path(documents_folder()) / f"My shop{NOTEBOOK_SUFFIX}")
        name, _f = QFileDialog.getSaveFileName(self._window, "New notebook", suggested, FILTER)
        if name:
            self.open_path(_with_suffix(name))

    def open_notebook(self) -> None:
        """Ask for a notebook file, then open it."""
        name, _f = QFileDialog.getOpenFileName(self._window, "Open notebook",
                                               documents_folder(), FILTER)
        if name:
            self.open_path(Path(name))

    def open_demo(self) -> None:
        """The sample flower shop, made on first use beside the default notebook."""
        from ui.first_start import create_demo_notebook

        path = default_notebook().with_name(f"Demo{NOTEBOOK_SUFFIX}")
        self.open_requested.emit(lambda: _told(lambda: create_demo_notebook(path, date.today())))

    def open_path(self, path: Path) -> None:
        """Open (or make) the notebook at ``path`` in place of this one."""
        from ui.app import open_or_welcome

        self.open_requested.emit(lambda: open_or_welcome(path, explicit=True))

    def _fill_recent(self) -> None:
        menu, here = self.recent_menu, self._window.notebook.path
        menu.clear()
        for path in recent(self._settings):
            if path == here:
                continue
            action = menu.addAction(path.stem)
            action.setData(str(path))
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.setEnabled(path.exists())  # greyed: moved or deleted since
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not menu.actions():
            menu.addAction("No other notebooks yet").setEnabled(False)
            return
        menu.addSeparator()
        menu.addAction("Clear the list", self._clear)

    def _clear(self) -> None:
        self._settings.setValue(RECENT_KEY, [str(self._window.notebook.path)])


def _told(open_demo):
    """Open the demo; a problem is told and gives None (the window stays as it was)."""
    from storage.db import NotebookError
    from ui import ask

    try:
        return open_demo()
    except NotebookError as exc:
        ask.inform(None, "Cannot open the demo", str(exc))
        return None

"""Starting the window: check the platform, make the QApplication, open the notebook, show.

``run_app`` is called by ``main.py`` (the composition root) and returns the exit status.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from datetime import date
from pathlib import Path

from ui.start_timing import report_first_paint, timed_screen

log = logging.getLogger(__name__)
BACKUP_DELAY_MS = 3000  # the daily backup waits this long after the first paint, then for idle


def run_app(notebook_path: Path, explicit: bool) -> int:
    """Open the window on ``notebook_path``; ``explicit`` when the owner named it (--notebook)."""
    reporter = install_failure_hooks()  # before anything else: every failure leaves a trace
    gc.disable()  # until the window is up (collect_from_now), whichever way the start ends
    try:
        return _run(Path(notebook_path), explicit, reporter)
    finally:
        gc.enable()
        reporter.uninstall()


def collect_from_now() -> None:
    """The window is built: freeze what the start made and turn the collector back on.

    The start makes some 300,000 objects that live as long as the window; the collector
    scanned them over and over, finding next to nothing: 0.1-0.3 s of the first window at
    50,000 customers (issue 17). Frozen, they are skipped from now on."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def install_failure_hooks():
    """The log file, ``sys.excepthook``, ``threading.excepthook`` and Qt's message handler."""
    from storage import logs
    from ui import failures

    try:
        log_file = logs.install()
    except OSError as exc:  # no data folder to write in: the window still opens
        print(f"rapport: no log file can be written ({exc.strerror or exc})", file=sys.stderr)
        log_file = None
    return failures.install(log_file)


def _run(notebook_path: Path, explicit: bool, reporter) -> int:
    from storage import check_ahead
    from ui import platform_check

    # SQLite's quick check of the file (0.3 s at 50,000 customers) runs while Qt starts and
    # the screens are imported; the open waits for its verdict.
    checking = check_ahead.start(notebook_path)
    problem = platform_check.problem()
    if problem:
        print(f"rapport: {problem}", file=sys.stderr)
        return 1
    app = make_application()
    if checking:
        _import_ahead()
    info = open_or_welcome(notebook_path, explicit)
    if info is None:
        return 0
    return show_window(app, info, reporter)


def _import_ahead() -> None:
    """Import the window and the screen it opens on while the notebook's check runs."""
    import importlib

    import ui.main_window  # noqa: F401

    key = timed_screen() if os.environ.get("RAPPORT_TIMING") else "today"
    module = {"today": "ui.today.screen", "customers": "ui.customers.screen"}.get(key)
    if module:
        importlib.import_module(module)


def make_application():
    """The QApplication with Rapport's name, look and icon."""
    from PySide6.QtWidgets import QApplication

    from ui import icons, theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Rapport")
    app.setOrganizationName("Rapport")
    app.setOrganizationDomain("rapport.local")
    app.setDesktopFileName("rapport")
    theme.apply(app)
    app.setWindowIcon(icons.icon("customers", theme.ACCENT))
    add_script_fonts()
    return app


def add_script_fonts() -> list[str]:
    """Add the bundled script faces to Qt's font fallback (about 13 ms): a name written in
    Devanagari, Thai, Korean or Chinese shows in the lists on a machine with no such system
    font, instead of as boxes. Returns the families Qt took."""
    from PySide6.QtGui import QFontDatabase

    from resources import FONT_FACES, SCRIPT_FACES
    from resources import path as resource_path

    families: list[str] = []
    for key in SCRIPT_FACES:
        found = QFontDatabase.addApplicationFont(str(resource_path("fonts", FONT_FACES[key][1])))
        if found >= 0:  # -1: Qt could not read it; the system's fonts still apply
            families += QFontDatabase.applicationFontFamilies(found)
    return families


def open_or_welcome(path: Path, explicit: bool):
    """Open ``path``; on a first start offer the demo. None: the owner chose to quit.

    Another window has it: that one comes forward. A command line run writes it (an import):
    the notebook opens read-only, saying so, until that run is done (see ``show_window``).
    A notebook made now asks about the shop (``ui.first_day``).
    """
    fresh = not path.exists()
    info = _open_or_welcome(path, explicit)
    if fresh and info is not None and not info.read_only and path.exists():
        from ui import first_day

        first_day.ask_about_shop()
    return info


def _open_or_welcome(path: Path, explicit: bool):
    from storage.db import CorruptNotebook, NotebookBusy, NotebookError, open_while_written
    from ui import ask
    from ui.backups import safety

    try:
        if not explicit and not path.exists():
            return _first_start(path)
        try:
            return _open(path)
        except NotebookBusy as busy:
            if safety.refuse_busy(busy):
                return None
            return open_while_written(busy.path, busy.owner)
    except CorruptNotebook as exc:
        return safety.recover_damaged(exc, _open)
    except NotebookError as exc:
        ask.inform(None, "Cannot open the notebook", str(exc))
    return None


def _open(path: Path):
    from storage.db import open_notebook
    from storage.lock import WINDOW
    from ui.backups import safety

    return open_notebook(path, wait=safety.OPEN_WAIT, role=WINDOW)


def _first_start(path: Path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui import theme
    from ui.first_start import DEMO, EMPTY, FirstStartDialog, create_demo_notebook, demo_available

    theme.apply_style_sheet(QApplication.instance())
    demo_path = path.with_name(f"Demo{path.suffix}")
    dialog = FirstStartDialog(path, demo_path, demo_available())
    dialog.exec()
    if dialog.choice == EMPTY:
        return _open(path)
    if dialog.choice == DEMO:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return create_demo_notebook(demo_path, date.today())
        finally:
            QApplication.restoreOverrideCursor()
    return None


def close_thread_connection() -> None:
    """Close the worker thread's own SQLite connection after each job."""
    from storage.db import close_thread_connection as close

    close()


def show_window(app, info, reporter=None) -> int:
    """Build the main window for the open notebook and run until it closes; ``reporter``
    (``ui.failures``) puts its failure box over the window and hears of failed operations."""
    from PySide6.QtCore import QSettings

    from ui.backups import safety

    settings = QSettings()
    timed = timed_screen() if os.environ.get("RAPPORT_TIMING") else None
    shown = ShownWindow(app, settings, reporter)
    shown.show(info, start_on=timed, restore_geometry=True)
    collect_from_now()
    if timed:
        report_first_paint(shown.window, timed)
    app.aboutToQuit.connect(lambda: settings.setValue("window/geometry",
                                                      shown.window.saveGeometry()))
    status = app.exec()
    shown.ops.shutdown()
    safety.backup_on_close()  # the window is gone: nothing waits on this thread now
    return status


class ShownWindow:
    """The main window on show and its worker; a notebook read beside another Rapport's
    command gets a new window, open for writing, once that command is done."""

    def __init__(self, app, settings, reporter=None) -> None:
        self.app, self.settings, self.reporter = app, settings, reporter
        self.window = self.ops = self.wait = self.server = None

    def show(self, info, start_on: str | None = None, restore_geometry: bool = False) -> None:
        """A window for ``info``, in place of the one shown so far (if any)."""
        from ui import theme
        from ui.backups import safety
        from ui.events import AppEvents
        from ui.main_window import MainWindow
        from ui.operations import Operations
        from ui.preferences import Preferences

        events = AppEvents()
        ops = Operations(after_each=close_thread_connection)
        window = MainWindow(info, events, ops, Preferences.load(self.settings),
                            settings=self.settings, start_on=start_on)
        window.notebooks.open_requested.connect(self.switch)
        window.notebooks.remember(info.path)
        self._place(window, restore_geometry)
        if self.reporter is not None:  # its failure box goes over the window on show
            self.reporter.attach(window, ops)
        theme.apply_style_sheet(self.app)
        window.show()
        old, old_ops = self.window, self.ops
        self.window, self.ops, self.wait = window, ops, None
        self._listen(info.path)
        if not info.read_only:
            # The daily copy reads the whole file: on the worker, once the window is up and the
            # screen on show has what it asked for.
            window.first_paint.call(lambda: ops.when_idle(
                lambda: safety.backup_on_open(ops, events), BACKUP_DELAY_MS))
        elif info.waiting:
            self._wait_for_writer(window, ops)
        self._watch_promises(window, ops, events)
        if old is not None:
            self._retire(old, old_ops)

    def _listen(self, path: Path) -> None:
        """A later start on ``path`` brings this window forward (after a switch: the new
        notebook's starts, no longer the old one's)."""
        from ui.single_instance import RaiseServer

        if self.server is not None and self.server.notebook == path:
            return
        if self.server is not None:
            self.server.stop()
            self.server.deleteLater()
        self.server = RaiseServer(path, self.app)
        self.server.raise_requested.connect(lambda: _bring_forward(self.window))

    def _place(self, window, restore_geometry: bool) -> None:
        old = self.window
        if old is not None:
            window.restoreGeometry(old.saveGeometry())
            return
        geometry = self.settings.value("window/geometry") if restore_geometry else None
        if geometry is None or not window.restoreGeometry(geometry):
            window.fit_to_screen()

    def _wait_for_writer(self, window, ops) -> None:
        from PySide6.QtWidgets import QApplication

        from ui.writer_wait import WriterWait

        def ready() -> bool:  # nothing the owner is in the middle of
            return not ops.is_busy() and QApplication.activeModalWidget() is None

        self.wait = WriterWait(ready, window)
        self.wait.writable.connect(self._took_over)
        self.wait.failed.connect(lambda text: window.statusBar().showMessage(
            f"The notebook stays read-only: {text}"))
        self.wait.start()

    def _took_over(self, info) -> None:
        self.show(info, start_on=self.window.current_key())
        if not info.read_only:
            self.window.events.say(f"The other Rapport is done: {info.path.name} is open for "
                                   "changes again.")

    def switch(self, opener) -> bool:
        """File ▸ New, Open, Open Recent: close this notebook (its lock let go) and show the
        one ``opener()`` opens; None from it (refused, busy, an error told): this one again."""
        from storage.db import close_notebook
        from ui.backups import safety

        old = self.window
        if old is None or not old.can_close():
            return False
        old.stop_work()
        safety.backup_on_close()  # as on quitting: a copy when anything changed
        close_notebook()
        self.app.setQuitOnLastWindowClosed(False)  # no window for a moment: not a quit
        try:
            info = opener() or open_or_welcome(old.notebook.path, explicit=True)
        finally:
            self.app.setQuitOnLastWindowClosed(True)
        if info is None:  # not even the old one reopens: the error was told
            old.close()
            return False
        self.show(info)
        return True

    @staticmethod
    def _watch_promises(window, ops, events) -> None:
        """Promises at their hour (issue 16): a notice as each falls due, the window open."""
        from ui.promise_alarm import PromiseAlarm

        window.promise_alarm = PromiseAlarm(ops, events, window)
        window.first_paint.call(lambda: ops.when_idle(window.promise_alarm.start,
                                                      BACKUP_DELAY_MS))

    def _retire(self, window, ops) -> None:
        window.promise_alarm.stop()
        window.close()
        window.hide()  # a read-only window has no edits to keep it open
        window.deleteLater()
        ops.shutdown()
        ops.deleteLater()


def _bring_forward(window) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()

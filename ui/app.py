"""Starting the window: check the platform, make the QApplication, open the notebook, show.

``run_app`` is called by ``main.py`` (the composition root) and returns the exit status.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from datetime import date
from pathlib import Path

log = logging.getLogger(__name__)


def run_app(notebook_path: Path, explicit: bool) -> int:
    """Open the window on ``notebook_path``; ``explicit`` when the owner named it (--notebook)."""
    from ui import platform_check

    problem = platform_check.problem()
    if problem:
        print(f"rapport: {problem}", file=sys.stderr)
        return 1
    app = make_application()
    info = open_or_welcome(Path(notebook_path), explicit)
    if info is None:
        return 0
    return show_window(app, info)


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
    return app


def open_or_welcome(path: Path, explicit: bool):
    """Open ``path``; on a first start offer the demo. None: the owner chose to quit."""
    from storage.db import CorruptNotebook, NotebookBusy, NotebookError, open_notebook
    from ui import ask
    from ui.backups import safety

    try:
        if not explicit and not path.exists():
            return _first_start(path)
        return open_notebook(path, wait=safety.OPEN_WAIT)
    except NotebookBusy as exc:
        safety.refuse_busy(exc)  # and the window that has it comes forward
    except CorruptNotebook as exc:
        return safety.recover_damaged(exc, lambda p: open_notebook(p, wait=safety.OPEN_WAIT))
    except NotebookError as exc:
        ask.inform(None, "Cannot open the notebook", str(exc))
    return None


def _first_start(path: Path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from storage.db import open_notebook
    from ui import theme
    from ui.first_start import DEMO, EMPTY, FirstStartDialog, create_demo_notebook, demo_available

    theme.apply_style_sheet(QApplication.instance())
    demo_path = path.with_name(f"Demo{path.suffix}")
    dialog = FirstStartDialog(path, demo_path, demo_available())
    dialog.exec()
    if dialog.choice == EMPTY:
        return open_notebook(path)
    if dialog.choice == DEMO:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return create_demo_notebook(demo_path, date.today())
        finally:
            QApplication.restoreOverrideCursor()
    return None


def close_thread_connection() -> None:
    """Close the worker thread's own SQLite connection after each job."""
    from storage.db import db

    if not db.is_closed():
        db.close()


def show_window(app, info) -> int:
    """Build the main window for the open notebook and run until it closes."""
    from PySide6.QtCore import QSettings

    from ui import theme
    from ui.backups import safety
    from ui.events import AppEvents
    from ui.main_window import MainWindow
    from ui.operations import Operations
    from ui.preferences import Preferences
    from ui.single_instance import RaiseServer

    events = AppEvents()
    ops = Operations(after_each=close_thread_connection)
    settings = QSettings()
    window = MainWindow(info, events, ops, Preferences.load(settings), settings=settings)
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    app.aboutToQuit.connect(lambda: settings.setValue("window/geometry",
                                                      window.saveGeometry()))
    server = RaiseServer(info.path, window)
    server.raise_requested.connect(lambda: _bring_forward(window))
    if os.environ.get("RAPPORT_TIMING"):
        _report_first_paint(window)
    theme.apply_style_sheet(app)
    window.show()
    if not info.read_only:
        safety.backup_on_open(ops, events)  # on the worker, once the window is up
    status = app.exec()
    ops.shutdown()
    safety.backup_on_close()  # the window is gone: nothing waits on this thread now
    return status


def _bring_forward(window) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()


def _report_first_paint(window) -> None:
    """RAPPORT_TIMING=1: print when the customer list first paints with rows (=quit: quit).

    The window opens on Today; for this measurement it opens on Customers instead, so that
    the figure is the one the budget names: the whole list on screen.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    screen = window.screens.get("customers")
    if screen is None:
        return
    window.show_screen("customers")
    viewport = screen.list_panel.table.viewport()

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and screen.list.shows_rows():
                QTimer.singleShot(0, lambda: self.report("FIRST_PAINT"))
                viewport.removeEventFilter(self)
            return False

        def report(self, what):
            rows = screen.list.model.rowCount()
            print(f"RAPPORT_{what} {time.time():.6f} rows={rows} "
                  f"cpu={time.process_time():.3f}s",
                  file=sys.stderr, flush=True)
            if screen.list.is_loaded():
                self.loaded()
            else:
                screen.list.loaded.connect(self.loaded)

        def loaded(self):
            print(f"RAPPORT_ALL_LOADED {time.time():.6f} rows={screen.list.model.total()} "
                  f"cpu={time.process_time():.3f}s",
                  file=sys.stderr, flush=True)
            if os.environ.get("RAPPORT_TIMING") == "quit":
                QTimer.singleShot(0, window.close)

    watcher = FirstPaint(window)
    viewport.installEventFilter(watcher)

"""The main window: a thin shell with a sidebar of screens, menus and a status bar.

It owns what screens share (undo stack, actions) and builds each screen from the registry in
``ui/screens.py`` the first time it is wanted; it knows nothing about customers. The commands
behind File ▸ Import, Export, Backups and Check are made on first use too: their modules (vCard,
CSV, phone numbers…) cost more to import than the window takes to paint.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from operator import attrgetter

from PySide6.QtCore import QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from storage.db import NotebookInfo
from ui import icons, theme
from ui.actions import Actions
from ui.events import AppEvents
from ui.exporting import KINDS
from ui.first_paint import FirstPaint
from ui.notebook_menu import NotebookMenu
from ui.operations import Operations
from ui.preferences import Preferences
from ui.screens import SCREENS, ScreenContext, ScreenSpec

STATUS_TIMEOUT_MS = 6000
BADGE_DELAY_MS = 1000  # after the first paint: a count for a screen not built yet


class MainWindow(QMainWindow):
    """Rapport — <notebook name>: sidebar on the left, the chosen screen on the right."""

    def __init__(self, notebook: NotebookInfo, events: AppEvents, ops: Operations,
                 prefs: Preferences, screens: list[ScreenSpec] | None = None,
                 settings: QSettings | None = None, start_on: str | None = None) -> None:
        super().__init__()
        self.notebook, self.events, self.ops = notebook, events, ops
        self._settings = settings  # where preferences are kept; None: not kept (tests)
        self.setWindowTitle(f"Rapport — {notebook.name}")
        self.resize(1320, 820)
        self.setMinimumSize(QSize(960, 600))
        self.undo_stack = QUndoStack(self)
        self.actions = Actions(self, self.undo_stack)
        self.first_paint = FirstPaint(self)
        self.ctx = ScreenContext(notebook, events, ops, self.actions, self.undo_stack, prefs,
                                 self.show_screen, self.screen, self.first_paint.call)
        self.sidebar = self._build_sidebar()
        self.stack = QStackedWidget()
        self.specs: list[ScreenSpec] = list(screens if screens is not None else SCREENS)
        self.screens: dict[str, QWidget] = {}  # the ones built so far, by key
        self._entries: dict[str, list] = {}  # key → its actions' connections while not built
        self._badges: dict[str, QObject] = {}
        for spec in self.specs:
            self._add_item(spec)
        self.setCentralWidget(self._build_central())
        self._build_menus()
        self._build_status_bar()
        self._connect_callbacks()
        if self.specs:  # the only screen built now: the others wait until they are wanted
            self.show_screen(start_on or self.specs[0].key)
        self.first_paint.call(lambda: ops.when_idle(self._start_badges, BADGE_DELAY_MS))

    # --- building -------------------------------------------------------------------------

    def _build_sidebar(self) -> QListWidget:
        sidebar = QListWidget()
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(150)  # a 1024 px screen keeps its room for the screens
        sidebar.setIconSize(QSize(20, 20))
        sidebar.setSpacing(1)
        sidebar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return sidebar

    def _add_item(self, spec: ScreenSpec) -> None:
        """The screen's sidebar entry, and the actions that lead to it until it is built."""
        item = QListWidgetItem(icons.icon(spec.icon, theme.ACCENT), spec.title)
        item.setData(Qt.ItemDataRole.UserRole, spec.key)
        item.setSizeHint(QSize(0, 38))
        self.sidebar.addItem(item)
        for name, method in spec.entries.items():
            if name in self.actions:
                connection = self.actions[name].triggered.connect(
                    lambda _checked=False, k=spec.key, m=method: self._enter(k, m))
                self._entries.setdefault(spec.key, []).append(connection)

    def _build_screen(self, spec: ScreenSpec) -> QWidget:
        widget = spec.factory(self.ctx)
        self.screens[spec.key] = widget
        self.stack.addWidget(widget)
        for connection in self._entries.pop(spec.key, []):
            QObject.disconnect(connection)  # the screen has connected its own
        badge = self._badges.pop(spec.key, None)
        if badge is not None:
            badge.stop()
        if hasattr(widget, "badge_changed"):
            widget.badge_changed.connect(
                lambda count, tip, k=spec.key: self._show_badge(k, count, tip))
        return widget

    def _show_badge(self, key: str, count: int, tip: str) -> None:
        """A count beside the screen's title: "Today  12"."""
        row = self._row_of(key)
        item, title = self.sidebar.item(row), self.specs[row].title
        item.setText(f"{title}  {count}" if count else title)
        item.setToolTip(tip)

    def _start_badges(self) -> None:
        for spec in self.specs:
            if spec.badge is not None and spec.key not in self.screens \
                    and spec.key not in self._badges:
                badge = spec.badge(self.ctx)
                badge.badge_changed.connect(
                    lambda count, tip, k=spec.key: self._show_badge(k, count, tip))
                self._badges[spec.key] = badge
                badge.start()

    def _build_central(self) -> QWidget:
        left = QWidget()
        left.setObjectName("sidebarColumn")
        left.setStyleSheet(f"#sidebarColumn {{ background: {theme.SIDEBAR}; "
                           f"border-right: 1px solid {theme.BORDER}; }}")
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        brand = QLabel("Rapport")
        brand.setObjectName("brand")
        column.addWidget(brand)
        column.addWidget(self.sidebar, 1)
        notebook = theme.label(self.notebook.name, "muted")
        notebook.setToolTip(str(self.notebook.path))
        notebook.setContentsMargins(18, 6, 12, 12)
        notebook.setWordWrap(True)
        column.addWidget(notebook)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        if self.notebook.read_only:
            right_layout.addWidget(self._build_banner())
        right_layout.addWidget(self.stack, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(left)
        row.addWidget(right, 1)
        return central

    def _build_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("banner")
        row = QHBoxLayout(banner)
        row.setContentsMargins(16, 8, 16, 8)
        lock = QLabel()
        lock.setPixmap(icons.icon("lock", theme.WARNING_TEXT).pixmap(18, 18))
        text = QLabel(f"<b>Read-only.</b> {self.notebook.reason}")
        text.setObjectName("readOnlyReason")
        text.setWordWrap(True)
        row.addWidget(lock)
        row.addWidget(text, 1)
        self.banner = banner
        return banner

    def _build_menus(self) -> None:
        bar, a = self.menuBar(), self.actions
        file_menu = bar.addMenu("&File")
        self.notebooks = NotebookMenu(self, file_menu, self._settings)
        file_menu.addSeparator()
        file_menu.addAction(a["new_customer"])
        file_menu.addAction(a["import_file"])
        file_menu.addAction(a["print_cards"])
        file_menu.addAction(a["print_labels"])
        file_menu.addAction(a["print_agenda"])
        export = file_menu.addMenu("&Export")
        for name in KINDS:
            export.addAction(a[name])
        file_menu.addSeparator()
        file_menu.addAction(a["backups"])
        file_menu.addAction(a["check_notebook"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit = bar.addMenu("&Edit")
        for name in ("undo", "redo", None, "find", None, "save", "revert", None,
                     "delete_customer", None, "preferences", "outreach_settings"):
            if name is None:
                edit.addSeparator()
            else:
                edit.addAction(a[name])
        customer = bar.addMenu("&Customer")
        customer.addAction(a["log_touch"])
        customer.addAction(a["write_card"])
        customer.addSeparator()
        customer.addAction(a["export_person"])
        customer.addAction(a["erase_customer"])
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(a["about"])
        for name in a.names():
            if a[name].shortcutContext() == Qt.ShortcutContext.WindowShortcut:
                self.addAction(a[name])  # shortcuts work even with the menu bar hidden

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setSizeGripEnabled(False)
        self.busy = theme.label("", "muted")
        status.addPermanentWidget(self.busy)

    def _connect_callbacks(self) -> None:
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row)
        self.actions["quit"].triggered.connect(self.close)
        self.actions["about"].triggered.connect(self._about)
        self.actions["preferences"].triggered.connect(self._edit_preferences)
        self.actions["import_file"].triggered.connect(lambda: self.importer.choose_and_import())
        if self.notebook.read_only:
            self.actions.disable_writes()
        self._connect_file_commands()
        self.events.status_message.connect(
            lambda text: self.statusBar().showMessage(text, STATUS_TIMEOUT_MS))
        # After the stack has moved: say what was taken back or done again.
        self.actions["undo"].triggered.connect(lambda: self._say_step("Undone", 0))
        self.actions["redo"].triggered.connect(lambda: self._say_step("Redone", -1))
        # Only work that takes a while is worth a word: no flicker on every keystroke.
        self._busy_timer = QTimer(self, singleShot=True, interval=400)
        self._busy_timer.timeout.connect(lambda: self.busy.setText("Working…"))
        self.ops.busy_changed.connect(self._on_busy)
        self.ops.failed.connect(self._on_failed)

    def _connect_file_commands(self) -> None:
        for name in KINDS:
            self.actions[name].triggered.connect(
                lambda _checked=False, n=name: self.exporter.choose_and_export(n))
        self.actions["backups"].triggered.connect(lambda: self.backups.open_dialog())
        self.actions["check_notebook"].triggered.connect(lambda: self.checker.run())
        self.actions["print_agenda"].triggered.connect(self._print_agenda)

    def _print_agenda(self) -> None:
        """File ▸ Print agenda…: this week's agenda, drawn on the worker (ui.agenda)."""
        from ui.agenda import open_agenda

        self.agenda_dialog = open_agenda(self, self.ops, date.today())

    # --- commands made on first use ----------------------------------------------------------

    @cached_property
    def importer(self):
        """File ▸ Import… (``ui.imports.command.ImportCommand``)."""
        from ui.importing import ImportCommand

        return ImportCommand(self, self.ops, self.events)

    @cached_property
    def exporter(self):
        """File ▸ Export ▸ … (``ui.exporting.ExportCommand``)."""
        from ui.exporting import ExportCommand

        return ExportCommand(self, self.ops, self.events, self.notebook.name)

    @cached_property
    def backups(self):
        """File ▸ Backups… (``ui.backups.controller.BackupsCommand``)."""
        from ui.backups.controller import BackupsCommand

        backups = BackupsCommand(self, self.ops, self.events, self.notebook,
                                 self.can_close)
        backups.restored.connect(self.undo_stack.clear)  # its history is of another state
        return backups

    @cached_property
    def checker(self):
        """File ▸ Check notebook… (``ui.backups.controller.CheckCommand``)."""
        from ui.backups.controller import CheckCommand

        return CheckCommand(self, self.ops, self.events)

    # --- behaviour ------------------------------------------------------------------------

    def screen(self, key: str) -> QWidget | None:
        """The screen ``key``, built now if it was not yet (None: no such screen)."""
        widget = self.screens.get(key)
        if widget is None and self._row_of(key) >= 0:
            widget = self._build_screen(self.specs[self._row_of(key)])
        return widget

    def fit_to_screen(self) -> None:
        """The default size, shrunk to a small laptop screen (1280×800, 1366×768) and centred."""
        screen = QGuiApplication.primaryScreen()  # self.screen(key) is our screen lookup
        if screen is None:
            return
        room = screen.availableGeometry()
        width = max(self.minimumWidth(), min(self.width(), int(room.width() * 0.96)))
        height = max(self.minimumHeight(), min(self.height(), int(room.height() * 0.94)))
        self.resize(width, height)
        self.move(room.center().x() - width // 2, room.center().y() - height // 2)

    def show_screen(self, key: str) -> None:
        """Bring the screen ``key`` to the front (and select it in the sidebar)."""
        widget = self.screen(key)
        if widget is None:
            return
        row = self._row_of(key)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)
            return  # _on_sidebar_row does the rest
        if self.stack.currentWidget() is not widget:
            self.stack.setCurrentWidget(widget)
            if hasattr(widget, "on_shown"):
                widget.on_shown()

    def current_key(self) -> str | None:
        """The key of the screen on show (None before any)."""
        widget = self.stack.currentWidget()
        return next((key for key, shown in self.screens.items() if shown is widget), None)

    def _row_of(self, key: str) -> int:
        return next((row for row, spec in enumerate(self.specs) if spec.key == key), -1)

    def _on_sidebar_row(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self.show_screen(self.specs[row].key)

    def _enter(self, key: str, method: str) -> None:
        """An action leading to a screen not built yet: build it, then do what was asked."""
        widget = self.screen(key)
        if widget is None:
            return
        if method:
            attrgetter(method)(widget)()
        else:
            self.show_screen(key)

    def _say_step(self, verb: str, offset: int) -> None:
        text = self.undo_stack.text(self.undo_stack.index() + offset)
        if text:
            self.events.say(f"{verb}: {text}.")

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy.setText("")

    def _on_failed(self, label: str, exc: BaseException) -> None:
        from ui.backups.safety import tell_if_disk_full

        if tell_if_disk_full(self, exc):
            return
        self.statusBar().showMessage(f"Something went wrong ({label}): {exc}", STATUS_TIMEOUT_MS)

    def _edit_preferences(self) -> None:
        from ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.ctx.prefs, self)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        self.ctx.prefs = dialog.value()
        if self._settings is not None:
            self.ctx.prefs.save(self._settings)
        self.events.preferences_changed.emit(self.ctx.prefs)

    def _about(self) -> None:
        QMessageBox.about(self, "About Rapport",
                          "<b>Rapport</b><br>A customer relationship notebook for small "
                          f"businesses.<br><br>Notebook: {self.notebook.path}")

    def can_close(self) -> bool:
        """Whether every screen may close (unsaved edits saved or let go, as the owner says)."""
        return all(getattr(w, "can_close", lambda: True)() for w in self.screens.values())

    def stop_work(self) -> None:
        """Nothing new starts behind the last jobs, which are let finish."""
        for badge in self._badges.values():
            badge.stop()
        self.ops.stop_deferred()
        self.ops.wait_idle(10_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.can_close():
            event.ignore()
            return
        self.stop_work()
        super().closeEvent(event)

"""The main window: a thin shell with a sidebar of screens, menus and a status bar.

It owns what screens share (undo stack, actions) and builds each screen from the registry in
``ui/screens.py``; it knows nothing about customers.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QUndoStack
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
from ui.backups.controller import BackupsCommand, CheckCommand
from ui.backups.safety import tell_if_disk_full
from ui.events import AppEvents
from ui.exporting import KINDS, ExportCommand
from ui.importing import ImportCommand
from ui.operations import Operations
from ui.preferences import Preferences
from ui.screens import SCREENS, ScreenContext, ScreenSpec

STATUS_TIMEOUT_MS = 6000


class MainWindow(QMainWindow):
    """Rapport — <notebook name>: sidebar on the left, the chosen screen on the right."""

    def __init__(self, notebook: NotebookInfo, events: AppEvents, ops: Operations,
                 prefs: Preferences, screens: list[ScreenSpec] | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__()
        self.notebook, self.events, self.ops = notebook, events, ops
        self._settings = settings  # where preferences are kept; None: not kept (tests)
        self.setWindowTitle(f"Rapport — {notebook.name}")
        self.resize(1320, 820)
        self.setMinimumSize(QSize(960, 600))
        self.undo_stack = QUndoStack(self)
        self.actions = Actions(self, self.undo_stack)
        self.ctx = ScreenContext(notebook, events, ops, self.actions, self.undo_stack, prefs,
                                 self.show_screen, lambda key: self.screens.get(key))
        self.sidebar = self._build_sidebar()
        self.stack = QStackedWidget()
        self.screens: dict[str, QWidget] = {}
        for spec in screens if screens is not None else SCREENS:
            self._add_screen(spec)
        self.setCentralWidget(self._build_central())
        self._build_menus()
        self._build_status_bar()
        self._connect_callbacks()
        if self.screens:
            self.show_screen(next(iter(self.screens)))

    # --- building -------------------------------------------------------------------------

    def _build_sidebar(self) -> QListWidget:
        sidebar = QListWidget()
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(196)
        sidebar.setIconSize(QSize(20, 20))
        sidebar.setSpacing(1)
        sidebar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return sidebar

    def _add_screen(self, spec: ScreenSpec) -> None:
        widget = spec.factory(self.ctx)
        self.screens[spec.key] = widget
        self.stack.addWidget(widget)
        item = QListWidgetItem(icons.icon(spec.icon, theme.ACCENT), spec.title)
        item.setData(Qt.ItemDataRole.UserRole, spec.key)
        item.setSizeHint(QSize(0, 38))
        self.sidebar.addItem(item)
        if hasattr(widget, "badge_changed"):  # a count beside the title: "Today  12"
            widget.badge_changed.connect(lambda count, tip, i=item, t=spec.title: (
                i.setText(f"{t}  {count}" if count else t), i.setToolTip(tip)))

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
        file_menu.addAction(a["new_customer"])
        file_menu.addAction(a["import_file"])
        file_menu.addAction(a["print_cards"])
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
        self.importer = ImportCommand(self, self.ops, self.events)
        self.actions["import_file"].triggered.connect(self.importer.choose_and_import)
        self.actions["import_file"].setEnabled(not self.notebook.read_only)
        self._connect_file_commands()
        self.events.status_message.connect(
            lambda text: self.statusBar().showMessage(text, STATUS_TIMEOUT_MS))
        # Only work that takes a while is worth a word: no flicker on every keystroke.
        self._busy_timer = QTimer(self, singleShot=True, interval=400)
        self._busy_timer.timeout.connect(lambda: self.busy.setText("Working…"))
        self.ops.busy_changed.connect(self._on_busy)
        self.ops.failed.connect(self._on_failed)

    def _connect_file_commands(self) -> None:
        self.exporter = ExportCommand(self, self.ops, self.events, self.notebook.name)
        for name in KINDS:
            self.actions[name].triggered.connect(
                lambda _checked=False, n=name: self.exporter.choose_and_export(n))
        self.backups = BackupsCommand(self, self.ops, self.events, self.notebook,
                                      self._screens_can_close)
        self.backups.restored.connect(self.undo_stack.clear)  # its history is of another state
        self.actions["backups"].triggered.connect(self.backups.open_dialog)
        self.checker = CheckCommand(self, self.ops, self.events)
        self.actions["check_notebook"].triggered.connect(self.checker.run)

    # --- behaviour ------------------------------------------------------------------------

    def show_screen(self, key: str) -> None:
        """Bring the screen ``key`` to the front (and select it in the sidebar)."""
        widget = self.screens.get(key)
        if widget is None:
            return
        row = list(self.screens).index(key)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)
            return  # _on_sidebar_row does the rest
        if self.stack.currentWidget() is not widget:
            self.stack.setCurrentWidget(widget)
            if hasattr(widget, "on_shown"):
                widget.on_shown()

    def _on_sidebar_row(self, row: int) -> None:
        if 0 <= row < len(self.screens):
            self.show_screen(list(self.screens)[row])

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy.setText("")

    def _on_failed(self, label: str, exc: BaseException) -> None:
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

    def _screens_can_close(self) -> bool:
        return all(getattr(w, "can_close", lambda: True)() for w in self.screens.values())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._screens_can_close():
            event.ignore()
            return
        self.ops.wait_idle(10_000)
        super().closeEvent(event)

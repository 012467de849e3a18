"""File ▸ Backups…: the notebook's verified copies by date, with size and why each was taken.

Layout only; ``ui/backups/controller.py`` fills it (on the worker) and acts on its buttons.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from storage.backups import BackupInfo
from ui import icons, theme
from ui.backups.service import reason_text, size_text, when_phrase, when_text

COL_WHEN, COL_REASON, COL_SIZE = range(3)
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
TAKEN_ROLE = Qt.ItemDataRole.UserRole + 2

ABOUT = ("Rapport copies the notebook when you open it (once a day), when you close it after "
         "changes, and before imports and restores. Each copy is checked before it is kept; "
         "older ones are thinned to one a day, a week and a month.")


class BackupsDialog(QDialog):
    """A list of backups and the buttons Back up now, Restore…, Show in folder, Close."""

    def __init__(self, notebook_name: str, read_only: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle(f"Backups of {notebook_name}")
        self.resize(720, 480)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 18, 20, 14)
        outer.setSpacing(10)
        outer.addWidget(theme.label(f"Backups of {notebook_name}", "section"))
        about = theme.label(ABOUT, "muted")
        about.setWordWrap(True)
        outer.addWidget(about)
        outer.addWidget(self._build_list(), 1)
        self.status = theme.label("", "muted")
        self.status.setObjectName("backupsStatus")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)
        outer.addLayout(self._build_buttons(read_only))
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()

    def _build_list(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName("backupList")
        tree.setHeaderLabels(["Taken", "Why", "Size"])
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)
        tree.setColumnWidth(COL_WHEN, 230)
        tree.setColumnWidth(COL_SIZE, 90)
        self.list = tree
        return tree

    def _build_buttons(self, read_only: bool) -> QHBoxLayout:
        row = QHBoxLayout()
        self.backup_button = QPushButton(icons.icon("plus"), "Back up now")
        self.restore_button = QPushButton("Restore…")
        self.restore_button.setToolTip("Put the chosen copy in the notebook's place (the "
                                       "notebook as it is now is backed up first)")
        self.folder_button = QPushButton("Show in folder")
        self.close_button = QPushButton("Close")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        if read_only:
            self.restore_button.setEnabled(False)
            self.restore_button.setToolTip("This notebook is open read-only.")
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self._read_only = read_only
        return row

    # --- our API --------------------------------------------------------------------------

    def set_backups(self, found: list[BackupInfo], today: date | None = None) -> None:
        """Show ``found`` (newest first)."""
        self.list.clear()
        for backup in found:
            item = QTreeWidgetItem([when_text(backup.taken, today), reason_text(backup.reason),
                                    size_text(backup.size)])
            item.setData(COL_WHEN, PATH_ROLE, str(backup.path))
            item.setData(COL_WHEN, TAKEN_ROLE, when_phrase(backup.taken, today))
            item.setToolTip(COL_WHEN, str(backup.path))
            item.setTextAlignment(COL_SIZE, Qt.AlignmentFlag.AlignRight
                                  | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        if found:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        count = len(found)
        self.set_status(f"{count} backup{'s' if count != 1 else ''}." if found
                        else "No backups yet. Press Back up now to make the first.")
        self._selection_changed()

    def chosen(self) -> Path | None:
        """The backup file selected in the list."""
        item = self.list.currentItem()
        return Path(item.data(COL_WHEN, PATH_ROLE)) if item is not None else None

    def chosen_text(self) -> str:
        """When the selected backup was taken, for a sentence: ``today at 14:05``."""
        item = self.list.currentItem()
        return item.data(COL_WHEN, TAKEN_ROLE) if item is not None else ""

    def choose(self, path: Path) -> bool:
        """Select the backup at ``path``; False when it is not listed."""
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if Path(item.data(COL_WHEN, PATH_ROLE)) == Path(path):
                self.list.setCurrentItem(item)
                return True
        return False

    def set_status(self, text: str) -> None:
        """The line under the list."""
        self.status.setText(text)

    def set_working(self, working: bool) -> None:
        """Buttons off while a backup or restore runs."""
        self.backup_button.setEnabled(not working)
        self.restore_button.setEnabled(not working and not self._read_only
                                       and self.chosen() is not None)

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(not self._read_only and self.chosen() is not None)

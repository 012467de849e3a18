"""Every menu command in one registry, with the platform's standard shortcuts.

Screens find actions by name (``actions["new_customer"]``) and connect what they do; the main
window puts them in menus. Undo and redo come from the window's ``QUndoStack``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack

Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    shortcuts: tuple[Key | str, ...] = ()
    tip: str = ""
    # Delete must not fire while the owner is deleting text: it only acts in the widgets the
    # action is added to (the customer list), not window-wide.
    local: bool = False
    # Changes the notebook (or edits on the way to it): off while the notebook is read-only.
    writes: bool = False


SPECS = (
    ActionSpec("new_notebook", "New note&book…", (), "Start another, empty notebook"),
    ActionSpec("open_notebook", "&Open notebook…", (Key.Open,), "Open another notebook (Ctrl+O)"),
    ActionSpec("open_demo", "Open the &demo notebook", (),
               "A sample flower shop to look around in, kept apart from your customers"),
    ActionSpec("new_customer", "&New customer…", (Key.New,), "Add a customer (Ctrl+N)",
               writes=True),
    ActionSpec("import_file", "&Import…", ("Ctrl+I",),
               "Bring in customers from a vCard, CSV or Rapport JSON file", writes=True),
    ActionSpec("export_vcard", "&Contacts (vCard)…", (), "Every customer as a vCard file"),
    ActionSpec("export_csv", "&Spreadsheet (CSV)…", (), "Every customer as a CSV spreadsheet"),
    ActionSpec("export_ics", "Calendar of &milestones (iCalendar)…", (),
               "Birthdays and anniversaries for any calendar program"),
    ActionSpec("export_json", "&Whole notebook (JSON)…", (),
               "Everything in the notebook, in Rapport's documented JSON format"),
    ActionSpec("backups", "&Backups…", (), "The notebook's automatic copies; back up or restore"),
    ActionSpec("check_notebook", "C&heck notebook…", (), "Check the file for damage"),
    ActionSpec("export_person", "&Export this customer's data…", (),
               "Their profile, timeline and cards as JSON and vCard, in one zip"),
    ActionSpec("erase_customer", "E&rase this customer completely…", (),
               "Remove every trace of this customer from the notebook (cannot be undone)",
               writes=True),
    ActionSpec("go_today", "&Today", ("Ctrl+T",),
               "Who to thank, celebrate, call back or win back today (Ctrl+T)"),
    ActionSpec("dismiss_suggestion", "&Dismiss suggestion", (Key.Delete,),
               "Not this time: hide the chosen suggestion (undo with Ctrl+Z)", local=True,
               writes=True),
    ActionSpec("find", "&Find customer", (Key.Find,), "Search names, notes and details (Ctrl+F)"),
    ActionSpec("log_touch", "&Log a touch…", ("Ctrl+L",),
               "Record a call, visit, card or note for this customer (Ctrl+L)", writes=True),
    ActionSpec("write_card", "&Write a card…", (),
               "Write a card to this customer, beside what you know about them", writes=True),
    ActionSpec("print_cards", "&Print cards…", (Key.Print,),
               "Print the chosen cards, or the whole print queue (Ctrl+P)"),
    ActionSpec("print_labels", "Address &labels…", (),
               "Address labels on Avery sheets: the queued cards', a tag's or everyone's, "
               "from any label of a part-used sheet"),
    ActionSpec("print_agenda", "Print a&genda…", (),
               "The week's calls, visits, cards and promises due, with numbers and talking "
               "points, on paper to carry"),
    ActionSpec("save", "&Save changes", (Key.Save,), "Save this customer's profile (Ctrl+S)",
               writes=True),
    ActionSpec("revert", "&Revert changes", (), "Forget unsaved changes to this profile",
               writes=True),
    ActionSpec("delete_customer", "&Delete customer…", (Key.Delete,),
               "Delete the selected customer (undo with Ctrl+Z)", local=True, writes=True),
    ActionSpec("preferences", "&Preferences…", (Key.Preferences, "Ctrl+,"),
               "Home country for phone numbers, order of day and month"),
    ActionSpec("outreach_settings", "&Outreach settings…", (),
               "How often to keep in touch, when to post cards, the per-customer limit"),
    ActionSpec("quit", "&Quit", (Key.Quit, "Ctrl+Q"), "Close Rapport"),
    ActionSpec("about", "&About Rapport", ()),
)


def _sequences(shortcuts: tuple[Key | str, ...]) -> list[QKeySequence]:
    seen: dict[str, QKeySequence] = {}
    for shortcut in shortcuts:
        found = (QKeySequence.keyBindings(shortcut) if isinstance(shortcut, Key)
                 else [QKeySequence(shortcut)])
        for seq in found:
            seen.setdefault(seq.toString(), seq)
    return list(seen.values())


class Actions:
    """Named ``QAction``s owned by the main window."""

    def __init__(self, parent: QObject, undo_stack: QUndoStack) -> None:
        self._actions: dict[str, QAction] = {}
        for spec in SPECS:
            action = QAction(spec.text, parent)
            action.setObjectName(spec.name)
            action.setShortcuts(_sequences(spec.shortcuts))
            action.setToolTip(spec.tip or spec.text.replace("&", "").rstrip("…"))
            action.setStatusTip(spec.tip)
            if spec.local:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self._actions[spec.name] = action
        self._writes = [spec.name for spec in SPECS if spec.writes]
        self._add_undo(parent, undo_stack)

    def _add_undo(self, parent: QObject, stack: QUndoStack) -> None:
        undo = stack.createUndoAction(parent, "&Undo")
        undo.setShortcuts(_sequences((Key.Undo,)))
        redo = stack.createRedoAction(parent, "&Redo")
        redo.setShortcuts(_sequences((Key.Redo, "Ctrl+Shift+Z", "Ctrl+Y")))
        for name, action in (("undo", undo), ("redo", redo)):
            action.setObjectName(name)
            self._actions[name] = action

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __contains__(self, name: str) -> bool:
        return name in self._actions

    def disable_writes(self) -> None:
        """A read-only notebook: switch off every action that would change it."""
        for name in self._writes:
            self._actions[name].setEnabled(False)

    def names(self) -> list[str]:
        """Every action's name, in registry order."""
        return list(self._actions)

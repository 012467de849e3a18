"""Questions put to the owner, in one module so tests can answer them without a modal dialog.

Call them as ``ask.confirm(...)`` (not ``from ui.ask import confirm``) so a test's
``monkeypatch.setattr(ask, "confirm", ...)`` takes effect.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ui import theme

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def confirm(parent: QWidget | None, title: str, text: str, yes: str, detail: str = "") -> bool:
    """Ask before something the owner may regret; ``yes`` names the action ("Delete")."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    if detail:
        box.setInformativeText(detail)
    go = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    theme.plain_buttons(box.buttons())
    box.exec()
    return box.clickedButton() is go


def yes_no(parent: QWidget | None, title: str, text: str, yes: str = "Yes",
           no: str = "No") -> bool:
    """A plain question whose either answer is safe; ``yes`` is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    go = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    box.addButton(no, QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(go)
    theme.plain_buttons(box.buttons())
    box.exec()
    return box.clickedButton() is go


def unsaved(parent: QWidget | None, name: str) -> str:
    """Unsaved changes to ``name``: returns SAVE, DISCARD or CANCEL."""
    box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes",
                      f"Save your changes to {name}?", QMessageBox.StandardButton.NoButton, parent)
    save = box.addButton(QMessageBox.StandardButton.Save)
    discard = box.addButton("Don't save", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    theme.plain_buttons(box.buttons())
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL


def inform(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    """Tell the owner something went wrong, in plain words."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    if detail:
        box.setDetailedText(detail)
    theme.plain_buttons(box.buttons())
    box.exec()

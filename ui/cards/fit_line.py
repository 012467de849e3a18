"""The card editor's "too long" line.

As the owner types, the card is checked against its format on the worker (beside the
preview, after the same pause, with the rule every batch uses:
:mod:`exports.cards.fit_report`). When the words no longer fit at the format's readable
floor the line says by how much, and its button switches the card to the larger format that
takes them; it goes when the words fit again. Only the latest check is ever shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from ui.cards import alive
from ui.cards.editor import CardEditor
from ui.operations import Operations

Check = Callable[[], Any]  # on the worker: None (it fits) or a fit_report.Misfit


class FitLine(QObject):
    """Feeds the editor's ``fit_bar`` from checks run on the operations worker."""

    def __init__(self, ops: Operations, view: CardEditor, delay_ms: int = 350,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self._ops, self._view = ops, view
        self._check: Check | None = None
        self._asked = self._shown = 0  # checks asked for, and the one on screen
        self._larger = ""
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._start)
        view.fit_button.clicked.connect(self.use_larger)

    def request(self, check: Check, now: bool = False) -> None:
        """Check with ``check`` (run on the worker) after the pause, or at once."""
        self._asked += 1
        self._check = check
        if now:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()

    def is_idle(self) -> bool:
        """The latest check is on screen (tests)."""
        return not self._timer.isActive() and self._shown == self._asked

    def _start(self) -> None:
        check, generation = self._check, self._asked
        if check is None:
            return
        # A check the owner has typed past is skipped when its turn on the worker comes.
        self._ops.run(lambda: None if generation != self._asked else (generation, check()),
                      alive(self._view, self._back),
                      alive(self._view, lambda _exc: self._show(generation, None)),
                      label="check the card fits")

    def _back(self, result: tuple[int, Any] | None) -> None:
        if result is not None:
            self._show(*result)

    def _show(self, generation: int, misfit: Any) -> None:
        if generation != self._asked:
            return  # a newer check is on its way
        self._shown = generation
        bar = self._view.fit_bar
        if misfit is None:
            bar.hide()
            return
        self._larger = misfit.larger
        self._view.fit_text.setText(misfit.sentence())
        self._view.fit_button.setText(f"Switch to {misfit.larger}" if misfit.larger else "")
        self._view.fit_button.setVisible(bool(misfit.larger))
        bar.show()

    def use_larger(self) -> None:
        """Switch the card to the larger format the line offers (the preview follows)."""
        combo = self._view.format
        index = combo.findData(self._larger)
        if self._larger and index >= 0:
            combo.setCurrentIndex(index)

"""One window per notebook: a second start brings the first window forward instead.

The notebook's writer's lock (storage/lock.py) already refuses a second writer; this adds the
courtesy of raising the window that has it, over a QLocalSocket named after the notebook.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from storage.lock import socket_name

_MESSAGE = b"raise\n"


def ask_first_window(notebook: Path, timeout_ms: int = 500) -> bool:
    """Ask the window that has ``notebook`` open to come forward; True when one answered."""
    socket = QLocalSocket()
    socket.connectToServer(socket_name(notebook))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(_MESSAGE)
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class RaiseServer(QObject):
    """Listens for later starts on the same notebook; emits ``raise_requested``."""

    raise_requested = Signal()

    def __init__(self, notebook: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notebook = notebook
        self._server = QLocalServer(self)
        name = socket_name(notebook)
        QLocalServer.removeServer(name)  # a stale socket file left by a crash
        self._server.listen(name)
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read(c))
            if connection.bytesAvailable():  # the message may have come with the connection
                self._read(connection)

    def _read(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll()).startswith(_MESSAGE.strip()):
            self.raise_requested.emit()
        connection.disconnectFromServer()

    def stop(self) -> None:
        """Listen no more (the window shows another notebook now)."""
        self._server.close()

    def is_listening(self) -> bool:
        """Whether later starts can reach this window."""
        return self._server.isListening()
